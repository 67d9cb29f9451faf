//! Relations that are no pattern of one sentence: countries that a series or a
//! summit's name brings together `attended`; organizations that hold a meeting;
//! `succeeded` from "his predecessor, X" (whose successor is named earlier);
//! launch years; `part_of` for offices and organizations that belong to a
//! country; dates of taking office. The cue patterns (lead, attend, succession,
//! launch, commitments) are rules in data/rules.toml.

use super::Findings;
use super::pattern::Pattern;
use crate::document::Document;
use crate::lexicon::Lexicon;
use crate::ontology::Qualifiers;
use crate::ontology::{EntityKind, Relation};
use crate::resolve::keys;
use std::sync::LazyLock;

/// "His predecessor, X": the successor is named before, maybe in an earlier
/// sentence, which a pattern over one sentence cannot see. (The verbs,
/// "X succeeded Y", are the rule `succession.succeeded` of data/rules.toml.)
static SUCCESSION: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"\b(?:[Hh]is|[Hh]er|[Tt]heir) predecessor,?\s").needs(&["predecessor"])
});
static LAUNCH_YEAR: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"\b(?:[Ll]aunched|[Ee]stablished|[Cc]reated|[Ff]ounded|[Ss]et up)\s+in\s+(?P<y>\d{4})\b",
    )
    .needs(&["aunched", "stablished", "reated", "ounded", "et up"])
});

/// Reads the relation families of this module.
pub fn run(doc: &Document, lex: &Lexicon, f: &mut Findings) {
    part_of(doc, lex, f);
    participation(doc, lex, f);
    succession(doc, f);
    launch_years(doc, f);
}

fn q() -> Qualifiers {
    Qualifiers::default()
}

fn country_entity(lex: &Lexicon, f: &mut Findings, name: &str) -> Option<usize> {
    let i = lex.find(EntityKind::Country, name)?;
    Some(f.lex_entity(lex, i))
}

/// Offices and organizations belong to their country.
fn part_of(_doc: &Document, lex: &Lexicon, f: &mut Findings) {
    let n = f.entities.len();
    for e in 0..n {
        let ent = &f.entities[e];
        if ent.folded_into.is_some() {
            continue;
        }
        // (An office's part_of is read with its title, in `offices::register`.)
        let country = match ent.kind {
            // Only where the text names the country with it: "U.S. Forces Korea",
            // "South Korea's defense ministry", not "the defense ministry".
            EntityKind::Organization => ent
                .lex
                .and_then(|l| lex.entries[l].country.clone())
                .filter(|_| {
                    ent.aliases.iter().any(|a| {
                        !lex.scan_where(a, |x| x.kind == EntityKind::Country)
                            .is_empty()
                    })
                }),
            _ => None,
        };
        let Some(country) = country else { continue };
        let Some(m) = f.first_mention(e) else {
            continue;
        };
        if let Some(c) = country_entity(lex, f, &country) {
            f.fact(Relation::PartOf, e, c, m.sentence, q(), "lexicon.country");
        }
    }
}

/// The country a person acts for: their office's country, or a Korean name.
pub(super) fn side_of(f: &Findings, lex: &Lexicon, person: usize) -> String {
    for x in &f.facts {
        if x.relation == Relation::HoldsOffice
            && x.source == person
            && let Some(c) = keys::office_country_of(&f.entities[x.target].key)
        {
            return c.to_string();
        }
    }
    let label = &f.entities[person].label;
    let first = label.split(' ').next().unwrap_or("");
    if lex.is_korean_surname(first) {
        "South Korea".into()
    } else {
        "?".into()
    }
}

/// led / attended.
fn participation(doc: &Document, lex: &Lexicon, f: &mut Findings) {
    let ev = f.event;
    // Countries that a series brings together attend each instance.
    let instances: Vec<(usize, usize, usize)> = f
        .facts
        .iter()
        .filter(|x| x.relation == Relation::InstanceOf)
        .map(|x| (x.source, x.target, x.sentence))
        .collect();
    for (inst, series, s) in instances {
        // The reported event, or an instance whose own name names countries
        // ("the 50th South Korean-U.S. SCM"); not every past or next one.
        let named = f.mentions.iter().any(|m| {
            m.entity == inst
                && !lex
                    .scan_where(&doc.text[m.start..m.end], |e| e.kind == EntityKind::Country)
                    .is_empty()
        });
        if Some(inst) != ev && !named {
            continue;
        }
        let parties = f.entities[series]
            .lex
            .map(|l| lex.entries[l].parties.clone())
            .unwrap_or_default();
        for p in parties {
            if let Some(c) = country_entity(lex, f, &p) {
                f.fact(Relation::Attended, c, inst, s, q(), "lexicon.parties");
            }
        }
    }
    // Summits named after countries: "the U.S.-North Korea summit", "inter-Korean summits".
    let summits: Vec<usize> = (0..f.entities.len())
        .filter(|&e| keys::is_summit(&f.entities[e].key))
        .collect();
    for s in summits {
        let Some(m) = f.first_mention(s) else {
            continue;
        };
        let inner: Vec<usize> = f
            .mentions
            .iter()
            .filter(|x| {
                x.start >= m.start
                    && x.end <= m.end
                    && f.entities[x.entity].kind == EntityKind::Country
            })
            .map(|x| x.entity)
            .collect();
        let mut parties = inner;
        if doc.text[m.start..m.end].contains("inter-Korean") {
            parties.extend(country_entity(lex, f, "South Korea"));
            parties.extend(country_entity(lex, f, "North Korea"));
        }
        for c in parties {
            f.fact(
                Relation::Attended,
                c,
                s,
                m.sentence,
                q(),
                "attend.summit_parties",
            );
        }
    }
    // People: the rules of data/rules.toml (families lead and attend).
    // Organizations and countries that hold a meeting: the rule attend.host.
}

/// succeeded, with the predecessor's former office.
fn succession(doc: &Document, f: &mut Findings) {
    // Only the whole match is read: no groups to capture.
    for whole in SUCCESSION.find_iter(&doc.text) {
        let si = super::sentence_at(doc, whole.start());
        // The person named right after the cue: only titles may come between
        // ("succeeded former Defense Secretary X"), not another clause.
        let Some(after) = f
            .mentions
            .iter()
            .filter(|m| m.start >= whole.end() && m.start < whole.end() + 60)
            .filter(|m| f.entities[f.canonical(m.entity)].kind == EntityKind::Person)
            .min_by_key(|m| m.start)
            .filter(|m| title_gap(&doc.text[whole.end()..m.start]))
            .map(|m| f.canonical(m.entity))
        else {
            continue;
        };
        // The successor: for "his predecessor", the last person named before; for
        // "X succeeded Y", the person right before the verb.
        let Some(before) = f
            .mentions
            .iter()
            .filter(|m| m.end <= whole.start())
            .filter(|m| {
                let e = f.canonical(m.entity);
                f.entities[e].kind == EntityKind::Person && e != after
            })
            .max_by_key(|m| m.start)
            .map(|m| f.canonical(m.entity))
        else {
            continue;
        };
        f.fact(
            Relation::Succeeded,
            before,
            after,
            si,
            q(),
            "succession.predecessor",
        );
        // The predecessor held the successor's office.
        let offices: Vec<usize> = f
            .facts
            .iter()
            .filter(|x| {
                x.relation == Relation::HoldsOffice && x.source == before && !x.qualifiers.former
            })
            .map(|x| x.target)
            .collect();
        if let Some(&o) = offices.first() {
            let former = Qualifiers {
                former: true,
                ..Default::default()
            };
            f.fact(
                Relation::HoldsOffice,
                after,
                o,
                si,
                former,
                "succession.predecessor_office",
            );
        }
    }
}

/// True when `gap` (text between a cue and a name) holds only title words:
/// capitalised words and a few lower-case modifiers, no punctuation that ends a
/// phrase.
fn title_gap(gap: &str) -> bool {
    const MODIFIERS: [&str; 10] = [
        "the", "former", "outgoing", "then", "acting", "late", "his", "her", "their", "of",
    ];
    !gap.contains([',', ';', '.', '(', ')'])
        && gap.split_whitespace().all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                || MODIFIERS.contains(&w.trim_end_matches('-'))
                || w.starts_with("then-")
        })
}

/// "Launched in 2011": the year of the organization or series. (Who launched
/// it is the rules `launch.*` of data/rules.toml.)
fn launch_years(doc: &Document, f: &mut Findings) {
    for at in LAUNCH_YEAR.find_iter(&doc.text) {
        let y = launch_year(at.as_str());
        let si = super::sentence_at(doc, at.start());
        // The thing launched: the nearest organization or meeting series in the sentence.
        let men = f.in_sentence(si);
        let t = men
            .iter()
            .filter(|x| {
                matches!(
                    f.entities[x.entity].kind,
                    EntityKind::Organization | EntityKind::Meeting
                )
            })
            .min_by_key(|x| x.start.abs_diff(at.start()))
            .map(|x| x.entity);
        if let Some(t) = t {
            f.entities[t].year = Some(y);
        }
    }
}

/// The year a match of [`LAUNCH_YEAR`] names (its group `y`, 0 if no number):
/// the match's last four characters, as only `\b` follows the group. (Read off
/// the match, which costs less than capturing the group.)
fn launch_year(m: &str) -> i32 {
    let start = m.char_indices().rev().nth(3).map_or(0, |(i, _)| i);
    m[start..].parse().unwrap_or(0)
}

/// Words that say when someone took a post: "took office in January", "was
/// appointed on March 3", "took over the post … earlier this year".
static TOOK_OFFICE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"\b(?:took office|took over|assumed office|assumed the post|was appointed|were appointed|was named|was sworn in|sworn in|succeeded|replaced|became)\b",
    )
    .needs(&[
        "took o", "assumed ", "appointed", "was named", "sworn in", "succeeded", "replaced",
        "became",
    ])
});

/// Gives `holds_office` the time the text gives for taking the post, made absolute
/// against the document's date (ISO day or interval): the sentence must say the post
/// was taken ("took office", "was appointed", "succeeded") and give a date.
pub fn date_offices(doc: &Document, f: &mut Findings) {
    let anchor = doc.meta.date.as_deref().and_then(super::dates::anchor);
    for i in 0..f.facts.len() {
        let fact = &f.facts[i];
        if fact.relation != Relation::HoldsOffice
            || fact.qualifiers.former
            || fact.qualifiers.date.is_some()
        {
            continue;
        }
        let sp = doc.sentences[fact.sentence];
        let sent = &doc.text[sp.start..sp.end];
        let Some(cue) = TOOK_OFFICE.find(sent) else {
            continue;
        };
        // The one who took the post is the person named last before the cue.
        let source = f.canonical(fact.source);
        let taker = f
            .in_sentence(fact.sentence)
            .iter()
            .filter(|m| m.end <= sp.start + cue.start())
            .filter(|m| f.entities[f.canonical(m.entity)].kind == EntityKind::Person)
            .max_by_key(|m| m.start)
            .map(|m| f.canonical(m.entity));
        if taker != Some(source) {
            continue;
        }
        // The date after the cue ("took office in January"), or else before it.
        let pick = |found: &[super::dates::Found]| {
            let after = found.iter().position(|d| d.start >= cue.end());
            after.or_else(|| found.iter().rposition(|d| d.end <= cue.start()))
        };
        let found = super::dates::find(sent, anchor);
        let Some(at) = pick(&found) else {
            continue;
        };
        let mut range = found[at].range;
        // The post was taken before the report: "in January" in an October article
        // is the January before it.
        if let Some(a) = anchor
            && range.start > a
            && let Some(earlier) = a.checked_sub_days(chrono::Days::new(183))
            && let Some(d) = super::dates::find(sent, Some(earlier)).get(at)
            && d.range.start <= a
        {
            range = d.range;
        }
        f.facts[i].qualifiers.date = Some(range.iso());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_launch_year_read_off_the_match_is_the_group() {
        for s in [
            "It was launched in 2011.",
            "Established in  1953, the command",
            "set up in 2023",
            // Digits that are not ASCII: no year, as with the group.
            "founded in \u{663}\u{664}\u{665}\u{666}",
        ] {
            let caps = LAUNCH_YEAR.captures(s).unwrap();
            let m = LAUNCH_YEAR.find(s).unwrap();
            assert_eq!(
                launch_year(m.as_str()),
                caps["y"].parse().unwrap_or(0),
                "{s}"
            );
        }
    }
}
