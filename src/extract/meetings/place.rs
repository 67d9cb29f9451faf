//! `held_in`: where a meeting is, from "in <Place>"/"at the Pentagon" right after
//! its name, or from a sentence about it, by the grammar of the preposition.

use super::super::pattern::Pattern;
use super::super::{Findings, sentence_at};
use super::{Lowered, has_event_cue};
use crate::document::Document;
use crate::lexicon::Lexicon;
use crate::ontology::Qualifiers;
use crate::ontology::{EntityKind, Relation};
use std::sync::LazyLock;

/// `held_in` from "in <Place>" / "at the Pentagon" right after byte `at`.
pub(super) fn held_in_after(doc: &Document, f: &mut Findings, meeting: usize, at: usize) {
    let mut rest = &doc.text[at..];
    // "… 2+2, held in Tokyo", "… which was held at the Pentagon".
    // "…, which was held in", "… will be held in", "… took place in".
    for leads in [
        &[","][..],
        &[
            " which was",
            " that was",
            " which will be",
            " was",
            " were",
            " will be",
            " is to be",
            " to be",
        ],
        &[
            " held",
            " convened",
            " hosted",
            " took place",
            " takes place",
            " take place",
        ],
    ] {
        if let Some(r) = leads.iter().find_map(|l| rest.strip_prefix(l)) {
            rest = r;
        }
    }
    let Some(r) = rest
        .strip_prefix(" in ")
        .or_else(|| rest.strip_prefix(" at "))
    else {
        return;
    };
    let p = doc.text.len() - r.len();
    let p = if r.starts_with("the ") { p + 4 } else { p };
    if let Some(place) = place_at(f, p) {
        let s = sentence_at(doc, at);
        f.fact(
            Relation::HeldIn,
            meeting,
            place,
            s,
            Qualifiers::default(),
            "meeting.held_in_after",
        );
    }
}

/// The place a mention at byte `p` stands for: a place, or an organization's location.
fn place_at(f: &Findings, p: usize) -> Option<usize> {
    let m = f.starting_at(p)?;
    let e = &f.entities[m.entity];
    match e.kind {
        EntityKind::Place => Some(m.entity),
        _ => None,
    }
}

/// A mention of another gathering than the one reported: "the previous one",
/// "last year's round", "the next meeting".
static OTHER_MEETING: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"\b(?:previous|last|prior|next|preceding|earlier|\d{1,3}(?:st|nd|rd|th))\s+(?:\w+\s+)?(?:one|round|meeting|session|talks|dialogue|gathering|edition|iteration|2\+2)\b|\blast year's\b",
    )
});

/// Verbs of meeting, after which "in <Place>" is where the meeting is.
const MEETING_VERBS: &[&str] = &[
    "held",
    "hold",
    "holds",
    "hosted",
    "host",
    "hosts",
    "met",
    "meet",
    "meets",
    "gathered",
    "gather",
    "convened",
    "convene",
    "opened",
    "open",
    "place",
    "began",
    "begin",
    "took",
    "talks",
    "meeting",
    "dialogue",
    "session",
    "consultations",
    "round",
    "summit",
    "visit",
    "here",
    "there",
];

/// Words of time, after which "in <Place>" still says where a meeting is.
const TIME_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "tomorrow",
    "yesterday",
    "week",
    "month",
    "year",
    "morning",
    "afternoon",
    "evening",
    "night",
    "weekend",
    "later",
    "earlier",
    "again",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Whether "in"/"at" at the end of lower-case `before` attaches to a meeting:
/// the word before it is the end of the meeting's mention (`mention_end`), a verb
/// or noun of meeting, a word of time or a date ("on Sept. 9-10").
fn attaches_to_meeting(before: &str, mention_end: Option<usize>) -> bool {
    let head = before
        .trim_end()
        .trim_end_matches(" the")
        .trim_end_matches(" in")
        .trim_end_matches(" at")
        .trim_end_matches(',');
    if mention_end.is_some_and(|e| head.len() <= e + 8 && head.len() >= e) {
        return true;
    }
    let w = head
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric());
    MEETING_VERBS.contains(&w)
        || TIME_WORDS.contains(&w)
        || w.bytes().all(|b| b.is_ascii_digit()) && !w.is_empty()
}

/// `held_in` from a sentence about the meeting: "in Seoul", "at the Pentagon".
pub(super) fn held_in_sentence(
    doc: &Document,
    lowered: &Lowered,
    lex: &Lexicon,
    f: &mut Findings,
    meeting: usize,
    series: Option<usize>,
    si: usize,
) {
    let sp = doc.sentences[si];
    let lower = lowered.sentence(si);
    if !has_event_cue(&lower) && !lower.contains("dialogue") && !lower.contains("meeting") {
        return;
    }
    // The loop adds no mention (it returns once it adds anything): the sentence's
    // mentions are read once.
    let men = f.in_sentence(si);
    for &m in &men {
        let before = &doc.text[sp.start..m.start];
        let prep =
            before.ends_with(" in ") || before.ends_with(" at the ") || before.ends_with(" at ");
        if !prep {
            continue;
        }
        // A place another meeting of the sentence was read to be held in ("meet in
        // Seoul next month for the annual SCM") is that meeting's.
        if f.facts.iter().any(|x| {
            x.relation == Relation::HeldIn
                && x.target == m.entity
                && x.source != meeting
                && x.sentence == si
        }) {
            continue;
        }
        // The place belongs to the meeting named last before it: "… following the
        // 30th KIDD in Seoul", "the previous one held in Tokyo" are other meetings.
        let last = men
            .iter()
            .filter(|o| o.end <= m.start && f.entities[o.entity].kind == EntityKind::Meeting)
            // The longest of those ending last: "the 25th KIDD", not the "KIDD" in it.
            .max_by_key(|o| (o.end, std::cmp::Reverse(o.start)));
        let ours = |e: usize| e == meeting || Some(e) == series;
        if last.is_some_and(|o| !ours(o.entity)) {
            continue;
        }
        let before_l = before.to_lowercase();
        let other_at = OTHER_MEETING.find_iter(&before_l).last().map(|x| x.end());
        if other_at.is_some_and(|a| last.is_none_or(|o| sp.start + a > o.end)) {
            continue;
        }
        // "in <Place>" modifies the word before it: a meeting, a verb of meeting,
        // or a time ("held Tuesday in Seoul"); not "troops stationed in Seoul".
        if !attaches_to_meeting(&before_l, last.map(|o| o.end - sp.start)) {
            continue;
        }
        let e = &f.entities[m.entity];
        let place = match e.kind {
            EntityKind::Place => Some(m.entity),
            // "at the Pentagon": where the organization stands.
            EntityKind::Organization => e
                .lex
                .and_then(|l| lex.entries[l].location.clone())
                .and_then(|loc| lex.find(EntityKind::Place, &loc)),
            _ => None,
        };
        let place = match (e.kind, place) {
            (EntityKind::Organization, Some(entry)) => Some(f.lex_entity(lex, entry)),
            (_, p) => p,
        };
        if let Some(p) = place {
            f.fact(
                Relation::HeldIn,
                meeting,
                p,
                si,
                Qualifiers::default(),
                "meeting.held_in",
            );
            return;
        }
    }
}
