//! Instances named by their place in a series relative to the reported event,
//! and `succeeded` between them: "the next round of talks", "another SCC later in
//! the year" (after the event), "the previous meeting", "the first SCC since
//! April 2015" (before it).

use super::super::Findings;
use super::super::dates;
use super::super::pattern::Pattern;
use super::{held_in_after, short_name};
use crate::document::Document;
use crate::ontology::Qualifiers;
use crate::ontology::{EntityKind, Relation};
use crate::resolve::{keys, labels};
use regex::Regex;
use std::sync::LazyLock;

/// "the next round", "another meeting", "the previous session", "the last one",
/// "the first … since": the cue and, for the nouns, the head.
static CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?P<next>[Tt]he next|[Aa]nother|[Tt]he following)\s+|\b(?P<prev>[Tt]he previous|[Tt]he last|[Tt]he prior|[Tt]he preceding)\s+|\b(?P<since>[Tt]he first)\s+",
    )
    .expect("constant regex")
});

/// (Speed) The cues as literals (without their first letter, whose case varies),
/// to rule out first (in one pass over the text) the sentences that hold none:
/// [`CUE`] finds nothing there.
static CUE_WORDS: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(CUE.as_str()).needs(&[
        "he next",
        "nother",
        "he following",
        "he previous",
        "he last",
        "he prior",
        "he preceding",
        "he first",
    ])
});

/// Nouns that name a gathering of the series.
const HEADS: &[&str] = &[
    "round",
    "meeting",
    "session",
    "talks",
    "dialogue",
    "consultations",
    "gathering",
    "one",
];

/// Reads the event's neighbours in its series.
pub fn run(doc: &Document, f: &mut Findings, ev: usize, series: usize) {
    let anchor = doc.meta.date.as_deref().and_then(dates::anchor);
    let text = &doc.text;
    let mut found: Vec<(bool, usize, usize, Option<dates::Range>, usize)> = Vec::new();
    let may = CUE_WORDS.may_match_in(text, None, &doc.sentences);
    for (si, sp) in doc.sentences.iter().enumerate() {
        let sent = &text[sp.start..sp.end];
        if !may[si] || !CUE.is_match(sent) {
            continue;
        }
        let series_at: Vec<(usize, usize)> = f
            .sentence_mentions(si)
            .filter(|m| m.entity == series)
            .map(|m| (m.start - sp.start, m.end - sp.start))
            .collect();
        for c in CUE.captures_iter(sent) {
            let whole = c.get(0).expect("match");
            let rest = &sent[whole.end()..];
            // The head: a mention of the series, or a noun of gathering, within two words.
            let mut end = None;
            if let Some(&(_, e)) = series_at.iter().find(|&&(s, _)| {
                s >= whole.end() && sent[whole.end()..s].split_whitespace().count() <= 2
            }) {
                end = Some(e);
            } else {
                let mut at = whole.end();
                for w in rest.split_whitespace().take(3) {
                    let off = sent[at..].find(w).map_or(at, |i| at + i);
                    at = off + w.len();
                    let bare = w.trim_end_matches([',', '.', ';']);
                    if HEADS.contains(&bare.to_lowercase().as_str()) {
                        end = Some(off + bare.len());
                        break;
                    }
                }
            }
            // "the first since April 2015": no noun.
            if end.is_none() && c.name("since").is_some() && rest.starts_with("since ") {
                end = Some(whole.end() - 1);
            }
            let Some(mut end) = end else { continue };
            // "the next Security Consultative Meeting" is another series' meeting.
            let other = f.sentence_mentions(si).any(|m| {
                let e = &f.entities[m.entity];
                e.kind == EntityKind::Meeting
                    && m.entity != series
                    && m.start - sp.start < end
                    && m.end - sp.start > whole.end()
            });
            // Nor is a name that is not the series' ("the next Security Consultative Meeting").
            let named_other = sent
                .get(whole.end()..end)
                .unwrap_or("")
                .split_whitespace()
                .scan(whole.end(), |at, w| {
                    let off = sent[*at..].find(w).map_or(*at, |i| *at + i);
                    *at = off + w.len();
                    Some((off, w))
                })
                .any(|(off, w)| {
                    w.starts_with(char::is_uppercase)
                        && !series_at.iter().any(|&(s, e)| s <= off && off < e)
                });
            if other || named_other {
                continue;
            }
            // "of talks", "of the SMA talks".
            if let Some(r) = sent[end..].strip_prefix(" of ")
                && let Some(&(_, e)) = series_at
                    .iter()
                    .find(|&&(s, _)| s >= end && sent[end..s].len() <= r.len() && s - end <= 10)
            {
                end = e;
            }
            // "the next round of talks": the noun after "of" is part of the phrase.
            if let Some(r) = sent[end..].strip_prefix(" of ") {
                let w = r.split_whitespace().next().unwrap_or("");
                let word = w.trim_end_matches([',', '.', ';']);
                if HEADS.contains(&word.to_lowercase().as_str()) {
                    end += 4 + word.len();
                }
            }
            let after = &sent[end..];
            let next = c.name("next").is_some();
            let since = c.name("since").is_some();
            // "the first SCC since April 2015": the one before was then.
            let date_from = if since {
                match after.strip_prefix(" since ") {
                    Some(_) => end + 7,
                    None => continue,
                }
            } else {
                end
            };
            // A date right after the phrase is the neighbour's own.
            let date = dates::find(&sent[date_from..], anchor)
                .into_iter()
                .find(|d| {
                    sent[date_from..date_from + d.start]
                        .split_whitespace()
                        .count()
                        <= 3
                });
            if since && date.is_none() {
                continue;
            }
            let stop = date.as_ref().map_or(end, |d| date_from + d.end);
            found.push((
                next,
                sp.start + whole.start(),
                sp.start + stop,
                date.map(|d| d.range),
                si,
            ));
        }
    }
    if found.is_empty() {
        return;
    }
    let short = short_name(f, series);
    let skey = f.entities[series].key.clone();
    let evkey = f.entities[ev].key.clone();
    for (next, start, end, range, si) in found {
        let (key, label) = match range {
            Some(r) => (
                keys::dated(&skey, &r.iso()),
                labels::in_month(&short, r.start),
            ),
            None if next => (keys::next_after(&skey, &evkey), labels::next_round(&short)),
            // An earlier one the text neither dates nor places ("the previous one")
            // names nothing a reader could find: no node.
            None => continue,
        };
        let n = f.entity(EntityKind::Meeting, &key, &label);
        if n == ev {
            continue;
        }
        if let Some(r) = range {
            f.entities[n].date = Some(r.iso());
        }
        f.mention(doc, n, start, end);
        // "the next round of talks in Washington".
        held_in_after(doc, f, n, end);
        let q = Qualifiers::default;
        f.fact(
            Relation::InstanceOf,
            n,
            series,
            si,
            q(),
            "meeting.instance_neighbour",
        );
        if next {
            f.fact(
                Relation::Succeeded,
                n,
                ev,
                si,
                q(),
                "meeting.succeeded_next",
            );
        } else {
            f.fact(
                Relation::Succeeded,
                ev,
                n,
                si,
                q(),
                "meeting.succeeded_previous",
            );
        }
    }
}
