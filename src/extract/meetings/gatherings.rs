//! One-off gatherings and the names around them: a body's members' meeting ("a
//! NATO defense meeting in Brussels"), a summit named by its month ("their summit
//! in June last year"), two people who hold a meeting ("A and B will hold a
//! virtual meeting"), the place written right after a summit's name, and bodies
//! named only inside a meeting's name.

use super::super::pattern::Pattern;
use super::super::{Findings, Mention, sentence_at};
use super::held_in_after;
use super::runs::in_runs;
use super::series;
use crate::document::Document;
use crate::lexicon::Lexicon;
use crate::ontology::Qualifiers;
use crate::ontology::{EntityKind, Relation};
use crate::resolve::{keys, labels};
use std::sync::LazyLock;

/// A summit named only by its month: "during their summit in June last year".
static SUMMIT_IN: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"\b(?:their|the|its|a)\s+(?P<p>summit\s+in\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+(?:last year|this year|next year|\d{4}))?)\b",
    )
});

/// A meeting of a body's members, named by the body and who meets: "a NATO
/// defense meeting", "the ASEAN foreign ministers' meeting" (the body must be a
/// known organization).
static BODY_MEETING: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"\b(?:a|an|the)\s+(?P<p>(?P<b>[A-Z][A-Za-z0-9]{1,9})\s+(?:(?:defen[cs]e|foreign|finance)\s+)?(?:ministers'?\s+|ministerial\s+|leaders'?\s+|chiefs'?\s+)?meeting)\b",
    )
});

/// Two people who hold a meeting of a kind: "A and B will hold a virtual meeting".
static HOLD_A_MEETING: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"\b(?:hold|held|holds|had|have)\s+(?:a|an)\s+(?P<k>virtual|video|phone|telephone|bilateral)\s+(?:meeting|talks|call|summit)\b",
    )
});
/// One gathering of a body's members: "a NATO defense meeting in Brussels".
pub(super) fn body_meetings(doc: &Document, f: &mut Findings) {
    let (text, q) = (&doc.text, Qualifiers::default);
    // "a NATO defense meeting in Brussels": one gathering of a body's members.
    // (Speed) Every match holds "meeting", and no mark but '\''.
    let body_meetings = if text.contains(" meeting") {
        in_runs(&BODY_MEETING, text, &["meeting"])
    } else {
        Vec::new()
    };
    for c in body_meetings {
        let (p, b) = (c.name("p").expect("group"), c.name("b").expect("group"));
        // "the NATO meeting" alone says too little; a known body must hold it.
        if p.as_str().split_whitespace().count() < 3 {
            continue;
        }
        let Some((body, si)) = f
            .starting_in(b.start()..b.start() + 1)
            .find(|m| m.end == b.end() && f.entities[m.entity].kind == EntityKind::Organization)
            .map(|m| (m.entity, m.sentence))
        else {
            continue;
        };
        let key = keys::in_document(&doc.name, p.as_str());
        let e = f.entity(EntityKind::Meeting, &key, p.as_str());
        f.mention(doc, e, p.start(), p.end());
        f.fact(Relation::PartOf, e, body, si, q(), "meeting.part_of_name");
        held_in_after(doc, f, e, p.end());
    }
}

/// A summit named by its month: "during their summit in June last year".
pub(super) fn month_summits(doc: &Document, f: &mut Findings) {
    let text = &doc.text;
    // "during their summit in June last year": a summit named by its month.
    let month_summits = if text.contains("ummit in ") {
        SUMMIT_IN.captures_iter(text).collect()
    } else {
        Vec::new()
    };
    let anchor = doc
        .meta
        .date
        .as_deref()
        .and_then(super::super::dates::anchor);
    for c in month_summits {
        let p = c.name("p").expect("group");
        let when = &p.as_str()[p.as_str().find(" in ").map_or(0, |i| i + 4)..];
        let range = super::super::dates::find(when, anchor)
            .into_iter()
            .find(|d| d.start == 0 && d.end == when.len())
            .map(|d| d.range);
        let label = match range {
            Some(r) => labels::summit_in_month(r.start),
            None => p.as_str().to_string(),
        };
        let key = keys::summit_in(&doc.name, &label);
        let e = f.entity(EntityKind::Meeting, &key, &label);
        if let Some(r) = range {
            f.entities[e].date = Some(r.iso());
        }
        f.mention(doc, e, p.start(), p.end());
    }
}

/// "A and B will hold a virtual meeting": a one-off meeting both lead. Returns
/// (meeting, sentence) pairs.
pub(super) fn held_meetings(
    doc: &Document,
    lex: &Lexicon,
    f: &mut Findings,
) -> Vec<(usize, usize)> {
    let (text, q) = (&doc.text, Qualifiers::default);
    let mut oneoff = Vec::new();
    // "A and B will hold a virtual meeting": both lead it.
    let held = if text.contains(" meeting") || text.contains(" call") || text.contains(" talks") {
        HOLD_A_MEETING.captures_iter(text).collect()
    } else {
        Vec::new()
    };
    for c in held {
        let (whole, k) = (c.get(0).expect("match"), c.name("k").expect("group"));
        let s = sentence_at(doc, whole.start());
        let sp = doc.sentences[s];
        let people: Vec<(usize, usize, usize)> = f
            .mentions
            .iter()
            .filter(|m| m.start >= sp.start && m.end <= whole.start())
            .filter(|m| f.entities[f.canonical(m.entity)].kind == EntityKind::Person)
            .map(|m| (m.start, m.end, f.canonical(m.entity)))
            .collect();
        let [.., (_, a_end, a), (b_start, b_end, b)] = people[..] else {
            continue;
        };
        // "A and B will hold …": the two are the subject, joined by "and", and
        // nothing but auxiliaries stands between them and the verb.
        let joined = text[a_end..b_start].contains(" and ");
        let gap = text[b_end..whole.start()].trim();
        let subject =
            gap.is_empty() || matches!(gap, "will" | "would" | "to" | "also" | "will also");
        if a == b || !joined || !subject {
            continue;
        }
        let surname = |p: usize| labels::surname_in(&f.entities[p].label, lex);
        let what = &text[k.start()..whole.end()];
        let label = format!("{}-{} {what}", surname(a), surname(b));
        let key = keys::talks(&doc.name, whole.start());
        let e = f.entity(EntityKind::Meeting, &key, &label);
        for p in [a, b] {
            f.fact(Relation::Led, p, e, s, q(), "lead.hold_a_meeting");
        }
        f.mention(doc, e, k.start(), whole.end());
        oneoff.push((e, s));
    }
    oneoff
}

/// An organization named only inside a meeting's name ("the CSIS Leadership
/// Forum", "the G7 summit") is part of the name, not a node of its own: its
/// mentions are dropped when it has no other mention and no fact yet.
pub(super) fn drop_orgs_inside_names(doc: &Document, f: &mut Findings) {
    let meetings: Vec<(usize, usize)> = f
        .mentions
        .iter()
        .filter(|m| f.entities[m.entity].kind == EntityKind::Meeting)
        .map(|m| (m.start, m.end))
        .collect();
    let inside = |m: &Mention| {
        meetings
            .iter()
            .any(|&(s, e)| s <= m.start && m.end <= e && e - s > m.end - m.start)
    };
    let mut only_inside: Vec<usize> = Vec::new();
    let mut outside: Vec<usize> = Vec::new();
    for m in &f.mentions {
        if f.entities[m.entity].kind != EntityKind::Organization {
            continue;
        }
        if inside(m) {
            only_inside.push(m.entity);
        } else {
            outside.push(m.entity);
        }
    }
    only_inside.retain(|e| {
        !outside.contains(e) && !f.facts.iter().any(|x| x.source == *e || x.target == *e)
    });
    if !only_inside.is_empty() {
        series::forget(doc, f, |m| !only_inside.contains(&m.entity));
    }
}

/// Where a place named right after a meeting's name ends: "… summits at Phnom
/// Penh", "… summit in Singapore" (not "… summit, held in …": that is a sentence
/// about it, read by [`held_in_after`]).
pub(super) fn place_right_after(doc: &Document, f: &Findings, at: usize) -> Option<usize> {
    let rest = &doc.text[at..];
    let r = rest
        .strip_prefix(" in ")
        .or_else(|| rest.strip_prefix(" at "))?;
    let p = doc.text.len() - r.len();
    f.starting_in(p..p + 1)
        .filter(|m| f.entities[m.entity].kind == EntityKind::Place)
        .map(|m| m.end)
        .max()
}

/// The members of a grouping who meet: "AUKUS Defence Ministers last met in
/// California", "the defence ministers of the AUKUS partnership met in London".
static MEMBERS_MET: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"\b(?:(?P<g1>[A-Z][A-Z0-9]{2,9})\s+(?P<r1>(?:[Dd]efen[cs]e|[Ff]oreign|[Ff]inance)\s+[Mm]inisters|[Ll]eaders)|[Tt]he\s+(?P<r2>(?:defen[cs]e|foreign|finance)\s+ministers|leaders)\s+of\s+the\s+(?P<g2>[A-Z][A-Z0-9]{2,9})(?:\s+(?:partnership|alliance|countries|members|nations|grouping))?)\s+(?P<last>last\s+)?met\s+in\s+",
    )
});

/// Meetings of a grouping's members ("AUKUS Defence Ministers met in London"):
/// a series named after them ("AUKUS Defence Ministers' Meeting") and one instance
/// per place, dated when the sentence gives a date after the place. The meeting
/// they "last met" at is the one the other instance succeeded. Returns
/// (instance, series) pairs.
pub(super) fn members_met(doc: &Document, f: &mut Findings) -> Vec<(usize, usize)> {
    let text = &doc.text;
    if !text.contains(" met in ") {
        return Vec::new();
    }
    let anchor = doc
        .meta
        .date
        .as_deref()
        .and_then(super::super::dates::anchor);
    let mut out = Vec::new();
    let mut last_met: Vec<(usize, usize)> = Vec::new(); // (instance, series)
    let found: Vec<_> = MEMBERS_MET.captures_iter(text).collect();
    for c in found {
        let whole = c.get(0).expect("match");
        let g = c.name("g1").or(c.name("g2")).expect("group");
        let r = c.name("r1").or(c.name("r2")).expect("group");
        // A grouping, not a country ("ROK defense ministers").
        if f.starting_in(g.start()..g.start() + 1)
            .any(|m| f.entities[m.entity].kind == EntityKind::Country)
        {
            continue;
        }
        let Some((place, place_end)) = f
            .starting_in(whole.end()..whole.end() + 1)
            .filter(|m| f.entities[m.entity].kind == EntityKind::Place)
            .map(|m| (m.entity, m.end))
            .max_by_key(|&(_, e)| e)
        else {
            continue;
        };
        let mut role = String::with_capacity(r.as_str().len());
        for (k, w) in r.as_str().split_whitespace().enumerate() {
            if k > 0 {
                role.push(' ');
            }
            let mut cs = w.chars();
            if let Some(first) = cs.next() {
                role.extend(first.to_uppercase());
                role.push_str(cs.as_str());
            }
        }
        let name = format!("{} {role}' Meeting", g.as_str());
        let skey = keys::series(&name);
        let series = f.entity(EntityKind::Meeting, &skey, &name);
        f.entities[series].series = true;
        // "… in California, the United States, in December 2023": a date soon after the place.
        let s = sentence_at(doc, whole.start());
        let sent_end = doc.sentences[s].end;
        let rest = &text[place_end..sent_end];
        let range = super::super::dates::find(rest, anchor)
            .into_iter()
            .find(|d| d.start < 40 && !rest[d.start..d.end].bytes().all(|b| b.is_ascii_digit()))
            .map(|d| d.range);
        let place_label = f.entities[place].label.to_lowercase();
        let (key, label) = match range {
            Some(d) => (
                keys::members_dated(&skey, &d.iso()),
                labels::in_month(&name, d.start),
            ),
            None => (
                keys::members_at(&skey, &doc.name, &place_label),
                labels::undated(&name),
            ),
        };
        let inst = f.entity(EntityKind::Meeting, &key, &label);
        if let Some(d) = range {
            f.entities[inst].date = Some(d.iso());
        }
        // The words that tell of it, as a mention but not a name.
        f.mention(doc, inst, whole.start(), place_end);
        let surface = text[whole.start()..place_end].trim();
        f.entities[inst].aliases.remove(surface);
        let q = Qualifiers::default;
        f.fact(
            Relation::InstanceOf,
            inst,
            series,
            s,
            q(),
            "meeting.instance_members_met",
        );
        f.fact(
            Relation::HeldIn,
            inst,
            place,
            s,
            q(),
            "meeting.held_in_members_met",
        );
        if c.name("last").is_some() {
            last_met.push((inst, series));
        }
        if !out.contains(&(inst, series)) {
            out.push((inst, series));
        }
    }
    for &(inst, series) in &out {
        for &(before, s2) in &last_met {
            if s2 == series && before != inst && !last_met.iter().any(|&(i, _)| i == inst) {
                let s = f.first_mention(before).map_or(0, |m| m.sentence);
                f.fact(
                    Relation::Succeeded,
                    inst,
                    before,
                    s,
                    Qualifiers::default(),
                    "meeting.succeeded_last_met",
                );
            }
        }
    }
    out
}

/// A meeting two people are due to have: "Roe is due to meet with Doe".
static DUE_TO_MEET: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"\b(?:is|are|was|were)\s+(?:due|set|scheduled|expected)\s+to\s+meet(?:\s+with)?\s+",
    )
});

/// "Vice Minister Roe is due to meet with John Doe, the deputy secretary": the
/// two people's talks ("Roe-Doe talks"), when the sentence names no meeting they
/// would meet at. (Who leads them is read by the lead rules.)
pub(super) fn due_to_meet(doc: &Document, lex: &Lexicon, f: &mut Findings) {
    let text = &doc.text;
    if !text.contains(" to meet") {
        return;
    }
    let found: Vec<_> = DUE_TO_MEET.find_iter(text).collect();
    for m in found {
        let s = sentence_at(doc, m.start());
        let sp = doc.sentences[s];
        if f.sentence_mentions(s)
            .any(|x| f.entities[x.entity].kind == EntityKind::Meeting)
        {
            continue;
        }
        let person = |x: &Mention| f.entities[f.canonical(x.entity)].kind == EntityKind::Person;
        let host = f
            .sentence_mentions(s)
            .filter(|x| x.end <= m.start() && person(x))
            .max_by_key(|x| x.start)
            .map(|x| f.canonical(x.entity));
        let guest = f
            .sentence_mentions(s)
            .find(|x| x.start == m.end() && person(x))
            .map(|x| (f.canonical(x.entity), x.end));
        let (Some(a), Some((b, b_end))) = (host, guest) else {
            continue;
        };
        if a == b || b_end > sp.end {
            continue;
        }
        let surname = |p: usize| labels::surname_in(&f.entities[p].label, lex);
        let label = format!("{}-{} talks", surname(a), surname(b));
        let key = keys::talks(&doc.name, m.start());
        let e = f.entity(EntityKind::Meeting, &key, &label);
        // "to meet with John Doe": the words that tell of it, not a name.
        let at = m.start() + m.as_str().find("meet").unwrap_or(0);
        f.mention(doc, e, at, b_end);
        let surface = text[at..b_end].trim();
        f.entities[e].aliases.remove(surface);
    }
}

/// A meeting named by its purpose: "presiding over a meeting to assess the
/// preparations for the transfer", "convened a meeting to review the drills".
static PURPOSE_MEETING: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"\b(?:presid(?:ed|ing|es)\s+over|chair(?:ed|ing|s)|convened|convening|hosted|hosting)\s+(?:a|an)\s+(?P<p>meeting\s+to\s+[a-z]+\b[A-Za-z0-9' -]*)",
    )
});

/// Words after which a purpose ends ("… transfer from Washington").
const PURPOSE_ENDS: &[&str] = &[
    " from ", " in ", " at ", " with ", " on ", " after ", " before ", " amid ", " and ", " as ",
    " which ", " that ",
];

/// A one-off meeting named by its purpose ("a meeting to assess …"): the name is
/// the purpose up to a place, time or clause (at most 14 words).
pub(super) fn purpose_meetings(doc: &Document, f: &mut Findings) {
    let text = &doc.text;
    if !text.contains("meeting to ") {
        return;
    }
    let found: Vec<_> = PURPOSE_MEETING.captures_iter(text).collect();
    for c in found {
        let p = c.name("p").expect("group");
        let phrase = p.as_str();
        // The purpose's own words: past "meeting to <verb>".
        let head = phrase.find(" to ").map_or(0, |i| i + 4);
        let head = head + phrase[head..].find(' ').unwrap_or(phrase.len() - head);
        let mut end = PURPOSE_ENDS
            .iter()
            .filter_map(|w| phrase[head..].find(w).map(|i| head + i))
            .min()
            .unwrap_or(phrase.len());
        if let Some((i, _)) = phrase[..end].match_indices(' ').nth(13) {
            end = i;
        }
        let name = phrase[..end].trim_end();
        if name.split_whitespace().count() < 4 {
            continue;
        }
        let start = p.start();
        let key = keys::talks(&doc.name, start);
        let e = f.entity(EntityKind::Meeting, &key, name);
        f.mention(doc, e, start, start + name.len());
    }
}

/// A numbered grouping's gathering named by its place: "at the G20 in Osaka".
static GROUP_IN: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"\b(?:at|during)\s+the\s+(?P<g>G-?\d{1,2})\s+in\s+"));

/// (Speed) Whether `text` holds a "G" with a digit after it (or after a "-"
/// after it), as every match of [`GROUP_IN`] does (`\d` is a digit of any script:
/// any numeric character is taken).
fn group_number(text: &str) -> bool {
    memchr::memchr_iter(b'G', text.as_bytes()).any(|i| {
        let rest = &text[i + 1..];
        let rest = rest.strip_prefix('-').unwrap_or(rest);
        rest.starts_with(char::is_numeric)
    })
}

/// "the G20 in Osaka": the grouping's summit there (a summit named with its
/// number alone, "the G7 summit", is read with the other summits).
pub(super) fn group_summits(doc: &Document, f: &mut Findings) {
    let text = &doc.text;
    if !text.contains(" in ") || !group_number(text) {
        return;
    }
    let found: Vec<_> = GROUP_IN.captures_iter(text).collect();
    for c in found {
        let (whole, g) = (c.get(0).expect("match"), c.name("g").expect("group"));
        let Some((place, end)) = f
            .starting_in(whole.end()..whole.end() + 1)
            .filter(|m| f.entities[m.entity].kind == EntityKind::Place)
            .map(|m| (m.entity, m.end))
            .max_by_key(|&(_, e)| e)
        else {
            continue;
        };
        let name = g.as_str().replace('-', "");
        let surface = &text[g.start()..end];
        let key = keys::summit(surface);
        let e = f.entity(EntityKind::Meeting, &key, &[&name, " summit"].concat());
        f.mention(doc, e, g.start(), end);
        let s = sentence_at(doc, g.start());
        f.fact(
            Relation::HeldIn,
            e,
            place,
            s,
            Qualifiers::default(),
            "meeting.held_in_name",
        );
        // "Roe and Doe reaffirmed at the G20 in Osaka": the subjects attend a
        // gathering of twenty leaders; none of them heads it.
        let people: Vec<(usize, usize, usize)> = f
            .sentence_mentions(s)
            .filter(|m| m.end <= whole.start())
            .filter(|m| f.entities[f.canonical(m.entity)].kind == EntityKind::Person)
            .map(|m| (m.start, m.end, f.canonical(m.entity)))
            .collect();
        let Some(&(mut first, last_end, _)) = people.last() else {
            continue;
        };
        let verb = text[last_end..whole.start()].trim();
        let words = verb.split_whitespace().count();
        if !(1..=3).contains(&words)
            || !verb
                .split_whitespace()
                .all(|w| w.chars().all(|c| c.is_ascii_lowercase()))
        {
            continue;
        }
        let mut subjects = vec![people[people.len() - 1].2];
        for w in people.windows(2).rev() {
            let gap = &text[w[0].1..first];
            if !(gap.contains(" and ") || gap.starts_with(','))
                || gap.split_whitespace().count() > 4
            {
                break;
            }
            subjects.push(w[0].2);
            first = w[0].0;
        }
        for p in subjects {
            f.fact(
                Relation::Attended,
                p,
                e,
                s,
                Qualifiers::default(),
                "attend.group_summit_subject",
            );
        }
    }
}
