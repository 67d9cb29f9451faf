//! Dates of meeting instances: the date a meeting's sentences state, made absolute.

use super::super::Findings;
use super::super::dates;
use crate::document::Document;
use crate::ontology::{EntityKind, Relation};
use crate::resolve::{keys, labels};
use regex::Regex;
use std::sync::LazyLock;

/// Gives each meeting that is not a series the date its sentences state, made
/// absolute against the document's date (ISO: `2018-07-25/2018-07-26`). A date
/// the text gives without a year, in a document without a date, stays as written.
/// The day a report was made ("officials said Tuesday"), a dateline, and a bare
/// year ("launched in 2011") are not the meeting's date; the most precise date
/// wins, then the one nearest the mention.
pub fn date_instances(doc: &Document, f: &mut Findings) {
    date_each(doc, f);
    name_instances(f);
    super::series::drop_bare_references(doc, f);
}

/// Names an instance without a number as `<ACRONYM> <Month Year> (<city>)`
/// ("KIDD May 2025 (Washington)"), from its series, its date and its place.
fn name_instances(f: &mut Findings) {
    for e in 0..f.entities.len() {
        let ent = &f.entities[e];
        if ent.kind != EntityKind::Meeting
            || ent.series
            || ent.folded_into.is_some()
            || ent.label.starts_with(|c: char| c.is_ascii_digit())
        {
            continue;
        }
        let Some(series) = f
            .facts
            .iter()
            .find(|x| x.relation == Relation::InstanceOf && x.source == e)
            .map(|x| x.target)
        else {
            name_one_off(f, e);
            continue;
        };
        let range = ent.date.as_deref().and_then(dates::parse_iso);
        let city = f
            .facts
            .iter()
            .find(|x| {
                x.relation == Relation::HeldIn
                    && x.source == e
                    && f.entities[x.target].kind == EntityKind::Place
            })
            .map(|x| f.entities[x.target].label.clone());
        let mut label = match range {
            Some(range) => labels::in_month(&super::short_name(f, series), range.start),
            // No date: the place stands in for it ("SCM (Seoul)", "KIDD 2025 (Seoul)").
            None => {
                let Some(c) = &city else { continue };
                let l = &f.entities[e].label;
                let year = l
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()));
                match labels::undated_stem(l) {
                    Some(stem) => labels::at_place(stem, c),
                    None if year => labels::at_place(l, c),
                    None => continue,
                }
            }
        };
        if let (Some(c), Some(_)) = (city, range) {
            label = labels::at_place(&label, &c);
        }
        f.entities[e].label = label;
    }
}

/// A dated one-off meeting (talks, a summit) takes its month after its name:
/// "Roe-Doe phone talks October 2023", "Camp David summit August 2023"; the name
/// without it stays an alias.
fn name_one_off(f: &mut Findings, e: usize) {
    let ent = &f.entities[e];
    if !(keys::is_talks(&ent.key) || keys::is_summit(&ent.key)) {
        return;
    }
    let Some(range) = ent.date.as_deref().and_then(dates::parse_iso) else {
        return;
    };
    let year = range.start.format("%Y").to_string();
    if ent.label.contains(&year) {
        return;
    }
    let old = ent.label.clone();
    f.entities[e].label = labels::in_month(&old, range.start);
    f.entities[e].aliases.insert(old);
}

fn date_each(doc: &Document, f: &mut Findings) {
    let anchor = doc.meta.date.as_deref().and_then(dates::anchor);
    // What a sentence offers is the same for every meeting that is mentioned in it,
    // and nothing below changes mentions: each sentence is read once.
    let mut read: Vec<Option<SentenceDates>> = vec![None; doc.sentences.len()];
    for e in 0..f.entities.len() {
        let ent = &f.entities[e];
        if ent.kind != EntityKind::Meeting || ent.series || ent.folded_into.is_some() {
            continue;
        }
        let mut best: Option<((i64, usize), dates::Range)> = None;
        let mut mentions: Vec<(usize, usize)> = f
            .mentions
            .iter()
            .filter(|m| f.canonical(m.entity) == e)
            .map(|m| (m.sentence, m.start))
            .collect();
        // The event the article reports is also what its series' sentences speak of
        // ("will hold the KIDD in Washington next week").
        if f.event == Some(e) {
            let series: Vec<usize> = f
                .facts
                .iter()
                .filter(|x| x.relation == Relation::InstanceOf && x.source == e)
                .map(|x| x.target)
                .collect();
            // Not a sentence about an earlier one: "The SCC last convened in July 2024".
            let earlier = |si: usize| {
                let sp = doc.sentences[si];
                let sent = &doc.text[sp.start..sp.end];
                EARLIER.iter().any(|w| sent.contains(w))
            };
            mentions.extend(
                f.mentions
                    .iter()
                    .filter(|m| series.contains(&f.canonical(m.entity)) && !earlier(m.sentence))
                    .map(|m| (m.sentence, m.start)),
            );
        }
        mentions.sort();
        for (si, at) in mentions {
            let SentenceDates { meetings, dates } =
                read[si].get_or_insert_with(|| SentenceDates::read(doc, f, si, anchor));
            for &(ds, de, range) in dates.iter() {
                let gap = |&&(_, s, e): &&(usize, usize, usize)| {
                    if de <= s {
                        s - de
                    } else {
                        ds.saturating_sub(e)
                    }
                };
                let owner = meetings.iter().min_by_key(gap).map(|&(x, _, _)| x);
                if owner.is_some_and(|x| x != e) {
                    continue;
                }
                // The most precise date, then the nearest to the mention.
                let rank = ((range.end - range.start).num_days(), ds.abs_diff(at));
                if best.is_none_or(|(b, _)| rank < b) {
                    best = Some((rank, range));
                }
            }
            if best.is_some() {
                break;
            }
        }
        // A date read earlier as the text gives it ("November 4"), made absolute.
        let written = f.entities[e]
            .date
            .as_deref()
            .and_then(|w| dates::find(w, anchor).into_iter().find(|d| d.exact))
            .map(|d| d.range);
        if let Some(range) = best.map(|(_, r)| r).or(written) {
            f.entities[e].date = Some(range.iso());
            // An instance named without its date ("KIDD 2025", "KIDD (date not
            // given)") is named after its month instead: "KIDD May 2025".
            let label = &f.entities[e].label;
            let stem = labels::undated_stem(label)
                .or_else(|| label.strip_suffix(&format!(" {}", range.start.format("%Y"))));
            if let Some(short) = stem {
                f.entities[e].label = labels::in_month(short, range.start);
            }
        }
    }
}

/// Words of a sentence about an earlier meeting of a series, whose date is not
/// the reported one's.
const EARLIER: &[&str] = &[
    "last met",
    "last convened",
    "last held",
    "last took place",
    "previous",
    "last year's",
];

/// What one sentence offers [`date_instances`].
#[derive(Clone)]
struct SentenceDates {
    /// Meeting mentions (entity, start, end): a date belongs to the nearest one.
    /// (Series have no date, so they own none.)
    meetings: Vec<(usize, usize, usize)>,
    /// Dates that can be a meeting's (document byte range, days): not a bare
    /// year, not the day of a report, not in the dateline.
    dates: Vec<(usize, usize, dates::Range)>,
}

impl SentenceDates {
    fn read(doc: &Document, f: &Findings, si: usize, anchor: Option<chrono::NaiveDate>) -> Self {
        let sp = doc.sentences[si];
        let sent = &doc.text[sp.start..sp.end];
        let dateline = dateline_end(sent);
        let meetings = f
            .sentence_mentions(si)
            .map(|m| (f.canonical(m.entity), m.start, m.end))
            .filter(|&(x, _, _)| f.entities[x].kind == EntityKind::Meeting && !f.entities[x].series)
            .collect();
        let dates = dates::find(sent, anchor)
            .into_iter()
            .filter(|d| {
                let bare_year = d.end - d.start == 4
                    && sent[d.start..d.end].bytes().all(|b| b.is_ascii_digit());
                let reported = dates::after_report_verb(&sent[..d.start]);
                !(bare_year || reported || d.start < dateline)
            })
            .map(|d| (sp.start + d.start, sp.start + d.end, d.range))
            .collect();
        SentenceDates { meetings, dates }
    }
}

/// The end of a dateline ("SEOUL, Oct. 27 (Yonhap) --") at the start of a sentence, or 0.
fn dateline_end(sent: &str) -> usize {
    DATELINE
        .find(sent)
        .map_or(0, |m| m.end())
        .max(crate::document::dateline_end(sent))
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[A-Z][A-Za-z .]{1,30},\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*\([^)]{1,40}\)\s*(?:--|-|—)?",
    )
    .expect("constant regex")
});
