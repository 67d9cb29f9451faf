//! Instances named by a series and a date: "the Trilateral Ministerial Meeting on
//! June 2, 2024 in Singapore", "the SCM held on Nov. 4". Keyed as the event an
//! article reports is (series and date), so both readings of one gathering meet.

use super::super::{Findings, dates};
use super::{DATE, held_in_after, instance_of, parse_date, short_name};
use crate::document::Document;
use crate::lexicon::Lexicon;
use crate::ontology::Qualifiers;
use crate::ontology::{EntityKind, Relation};
use crate::resolve::{keys, labels};

/// Words that may stand between a series' name and its date.
const LINKS: &[&str] = &["on", "held on", "convened on", "which took place on"];

/// Finds dated instances; returns (instance, series) pairs.
pub fn run(
    doc: &Document,
    lex: &Lexicon,
    f: &mut Findings,
    doc_year: Option<i32>,
) -> Vec<(usize, usize)> {
    let text = &doc.text;
    let series_mentions: Vec<(usize, usize, usize)> = f
        .mentions
        .iter()
        .filter(|m| {
            let e = &f.entities[m.entity];
            e.kind == EntityKind::Meeting && e.series
        })
        .map(|m| (m.entity, m.start, m.end))
        .collect();
    let mut out = Vec::new();
    for (series, start, mut end) in series_mentions {
        // "(TMM)" after the name.
        if let Some(r) = text[end..].strip_prefix(" (")
            && let Some(i) = r.find(')')
            && i < 10
        {
            end += i + 3;
        }
        let rest = &text[end..];
        let Some(after) = rest.strip_prefix([' ', ',']).map(str::trim_start) else {
            continue;
        };
        let Some(link) = LINKS
            .iter()
            .filter(|l| after.starts_with(*l) && after[l.len()..].starts_with(' '))
            .max_by_key(|l| l.len())
        else {
            continue;
        };
        let at = text.len() - after.len() + link.len() + 1;
        // (Speed) Only a date right there counts: one starts with a month's
        // capital or a digit (`\d`: of any script; any numeric character is
        // taken), else the search would find none or one further on.
        if !text[at..].starts_with(|c: char| "JFMASOND".contains(c) || c.is_numeric()) {
            continue;
        }
        let Some(c) = DATE.captures(&text[at..]) else {
            continue;
        };
        let whole = c.get(0).expect("match");
        if whole.start() != 0 {
            continue;
        }
        let (dl, dk, _) = parse_date(&c, doc_year);
        // "the 17th KIDD on April 21": the date of the numbered instance.
        let numbered = f
            .mentions
            .iter()
            .find(|m| {
                let e = &f.entities[m.entity];
                m.start <= start && m.end >= end && e.kind == EntityKind::Meeting && !e.series
            })
            .map(|m| m.entity);
        if let Some(n) = numbered {
            f.entities[n].date.get_or_insert(dl);
            continue;
        }
        let short = short_name(f, series);
        let key = keys::dated(&f.entities[series].key, &dk);
        let inst = f.entity(EntityKind::Meeting, &key, &labels::dated(&short, &dl));
        f.entities[inst].date = Some(dl);
        let date_end = at + whole.end();
        f.mention(doc, inst, start, date_end);
        let s = f.first_mention(inst).map(|m| m.sentence).unwrap_or(0);
        instance_of(f, lex, inst, series, s, "meeting.instance_dated");
        // "… on June 2, 2024 in Singapore".
        let after_date = &text[date_end..];
        let comma = usize::from(after_date.starts_with(','));
        held_in_after(doc, f, inst, date_end + comma);
        out.push((inst, series));
    }
    out.extend(place_and_time_before(doc, lex, f));
    out
}

/// "meet in Seoul next month for the annual Security Consultative Meeting",
/// "talks in Seoul next month at the SCM and a defense ministerial meeting of …":
/// a place and a time, then "for"/"at" and the series (and series joined by "and").
fn place_and_time_before(doc: &Document, lex: &Lexicon, f: &mut Findings) -> Vec<(usize, usize)> {
    let text = &doc.text;
    let anchor = doc.meta.date.as_deref().and_then(dates::anchor);
    let series_mentions: Vec<(usize, usize, usize, usize)> = f
        .mentions
        .iter()
        .filter(|m| {
            let e = &f.entities[m.entity];
            e.kind == EntityKind::Meeting && e.series
        })
        .map(|m| (m.entity, m.start, m.end, m.sentence))
        .collect();
    let mut out = Vec::new();
    // (sentence, end of the last series read, its date, its place)
    let mut chain: Option<(usize, usize, Option<dates::Range>, Option<usize>)> = None;
    for (series, start, end, si) in series_mentions {
        let sp = doc.sentences[si];
        let mut pre = text[sp.start..start].trim_end();
        for det in ["annual", "the", "a", "an"] {
            if let Some(p) = pre.strip_suffix(det)
                && p.ends_with(' ')
            {
                pre = p.trim_end();
            }
        }
        let found = if let Some(p) = pre.strip_suffix(" and")
            && let Some((csi, cend, range, place)) = chain
            && csi == si
            && sp.start + p.len() <= cend + 4
        {
            Some((range, place))
        } else if let Some(p) = pre.strip_suffix(" for").or_else(|| pre.strip_suffix(" at")) {
            let sent = &text[sp.start..sp.end];
            let p_end = p.trim_end_matches(',').len();
            // The date as the text gives it, made absolute when the document's date allows.
            dates::spans(sent)
                .into_iter()
                .find(|&(_, e)| e == p_end)
                .map(|(ds, de)| {
                    let range = dates::find(&sent[ds..de], anchor).first().map(|d| d.range);
                    let before = sent[..ds].trim_end();
                    let place = f
                        .sentence_mentions(si)
                        .find(|m| {
                            m.end - sp.start == before.len()
                                && f.entities[m.entity].kind == EntityKind::Place
                                && sent[..m.start - sp.start].ends_with(" in ")
                        })
                        .map(|m| m.entity);
                    (range, place)
                })
        } else {
            None
        };
        let Some((range, place)) = found else {
            continue;
        };
        chain = Some((si, end, range, place));
        let short = short_name(f, series);
        let skey = &f.entities[series].key;
        // Without a date made absolute, keyed by document as the reported event is.
        let (key, label) = match range {
            Some(r) => (
                keys::dated(skey, &r.iso()),
                labels::in_month(&short, r.start),
            ),
            None => (keys::undated(skey, &doc.name), labels::undated(&short)),
        };
        let inst = f.entity(EntityKind::Meeting, &key, &label);
        if let Some(r) = range {
            f.entities[inst].date = Some(r.iso());
        }
        f.mention(doc, inst, start, end);
        let q = Qualifiers::default;
        instance_of(f, lex, inst, series, si, "meeting.instance_place_time");
        if let Some(p) = place {
            f.fact(
                Relation::HeldIn,
                inst,
                p,
                si,
                q(),
                "meeting.held_in_place_time",
            );
        }
        out.push((inst, series));
    }
    out
}

/// The instance of `series` that the article reports, keyed by its date when the
/// text gives one (so two articles on the same gathering meet), else by document.
pub(super) fn event_instance(
    doc: &Document,
    lex: &Lexicon,
    f: &mut Findings,
    series: usize,
    doc_year: Option<i32>,
) -> usize {
    let text = &doc.text;
    let mut date = None;
    // (Speed) Sentences read already (a sentence that names the series twice
    // gives nothing the second time).
    let mut read: Vec<usize> = Vec::new();
    for m in f.mentions.iter().filter(|m| m.entity == series) {
        if read.contains(&m.sentence) {
            continue;
        }
        read.push(m.sentence);
        let sp = doc.sentences[m.sentence];
        let sent = &text[sp.start..sp.end];
        // A dateline's date is the article's, not the meeting's.
        for whole in DATE.find_iter(sent) {
            let before = &sent[..whole.start()];
            if before.len() < crate::document::dateline_end(sent)
                || before.len() < 20
                    && before.trim_end().ends_with(',')
                    && before.chars().filter(|ch| ch.is_uppercase()).count() > 2
                    && sent[whole.end()..].trim_start().starts_with('(')
            {
                continue;
            }
            // (Speed) The groups of the one match taken, read from where it
            // starts: it starts with a word character, so it is the match there
            // too, with the same groups.
            let c = DATE.captures(&sent[whole.start()..]).expect("the match");
            date = Some(parse_date(&c, doc_year));
            break;
        }
        if date.is_some() {
            break;
        }
    }
    let short = short_name(f, series);
    let skey = f.entities[series].key.clone();
    let (key, label, dlabel) = match &date {
        Some((dl, dk, _)) => (
            keys::dated(&skey, dk),
            labels::dated(&short, dl),
            Some(dl.clone()),
        ),
        None => {
            let l = match doc_year {
                Some(y) => labels::dated(&short, &y.to_string()),
                None => labels::undated(&short),
            };
            (keys::undated(&skey, &doc.name), l, None)
        }
    };
    let inst = f.entity(EntityKind::Meeting, &key, &label);
    f.entities[inst].date = dlabel;
    let s = f.first_mention(series).map(|m| m.sentence).unwrap_or(0);
    instance_of(f, lex, inst, series, s, "meeting.instance_event");
    inst
}
