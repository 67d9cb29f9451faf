//! Meetings: series (from the lexicon and acronym definitions), instances (from
//! ordinals: "the 14th KIDD"; from the event an article reports, keyed by its date;
//! summits and one-off talks), sessions ("At the … plenary session"), and the
//! facts that come with them: `instance_of`, `held_in`, `part_of`.

use super::dates;
use super::pattern::Pattern;
use super::tokens::{Token, lower_eq};
use super::{Findings, sentence_at};
use crate::document::Document;
use crate::graph::Qualifiers;
use crate::lexicon::Lexicon;
use crate::ontology::{EntityKind, Relation};
use aho_corasick::AhoCorasick;
use memchr::memmem;
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

static DATE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"\b(?:(?P<m>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+(?P<d>\d{1,2})(?:\s*-\s*(?P<d2>\d{1,2}))?(?:,\s*(?P<y>\d{4}))?|(?P<d3>\d{1,2})(?:\s*-\s*(?P<d4>\d{1,2}))?\s+(?P<m2>January|February|March|April|May|June|July|August|September|October|November|December)(?:,?\s+(?P<y2>\d{4}))?)\b",
    )
});

static ORDINAL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)\b(?P<n>\d{1,3})(?:st|nd|rd|th)\b|\b(?P<w>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)\b",
    )
});

static SESSION: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?:^|\b)[Aa]t the (?P<p>(?:[a-z][a-z-]*\s+){1,8}(?:plenary session|session|working group meeting|committee meeting))\b",
    )
});

static SUMMIT: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"\b(?:(?:the|their|two|a|historic)\s+)*(?P<p>(?:(?:[A-Z][\w.'-]*|inter-Korean|\d{4})\s+){1,4}[Ss]ummits?)\b",
    )
});

static TALKS_WITH: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"\b(?:held|hold|had|have|holds|has)\s+(?:(?:his|her|their|the|first|separate|bilateral|phone|telephone|video|virtual|in-person)\s+)*(?P<k>(?:phone|telephone|video|bilateral|separate)\s+)?talks\s+with\b|\b(?P<poss>[A-Z][a-z]+)'s\s+(?:(?:first|bilateral|separate)\s+)*(?P<k2>(?:phone|telephone|bilateral)\s+)?talks\s+with\b",
    )
});

/// Words that, in a sentence, say that a meeting takes place.
const EVENT_CUES: &[&str] = &[
    "hold",
    "held",
    "holds",
    "take place",
    "took place",
    "meet",
    "met",
    "convened",
    "convene",
    "upcoming",
    "will lead",
    "led",
    "lead",
    "head",
    "co-chaired",
    "concluded",
    "scheduled",
    "presided",
    "attended",
    "talks",
    "set to",
    "gathering",
];

/// Any of [`EVENT_CUES`], found in one pass rather than one search per cue.
static EVENT_CUE: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::new(EVENT_CUES).expect("constant patterns"));

/// Whether lower-case `text` holds one of [`EVENT_CUES`].
fn has_event_cue(lower: &str) -> bool {
    EVENT_CUE.is_match(lower)
}

/// A date as the text gives it, normalised: `(label, key)` e.g. ("Nov. 4", "11-04").
pub fn parse_date(caps: &regex::Captures, doc_year: Option<i32>) -> (String, String, Option<i32>) {
    let m = caps
        .name("m")
        .or(caps.name("m2"))
        .map(|m| m.as_str())
        .unwrap_or("");
    let month = MONTHS
        .iter()
        .position(|x| x.starts_with(&m[..m.len().min(3)]))
        .map(|i| i + 1)
        .unwrap_or(0);
    let d: u32 = caps
        .name("d")
        .or(caps.name("d3"))
        .and_then(|x| x.as_str().parse().ok())
        .unwrap_or(0);
    let d2: Option<u32> = caps
        .name("d2")
        .or(caps.name("d4"))
        .and_then(|x| x.as_str().parse().ok());
    let y: Option<i32> = caps
        .name("y")
        .or(caps.name("y2"))
        .and_then(|x| x.as_str().parse().ok())
        .or(doc_year);
    let mname = MONTHS.get(month.wrapping_sub(1)).copied().unwrap_or("");
    let mut label = format!("{mname} {d}");
    let mut key = format!("{month:02}-{d:02}");
    if let Some(d2) = d2 {
        label.push_str(&format!("-{d2}"));
        key.push_str(&format!("/{d2:02}"));
    }
    if let Some(y) = y {
        label.push_str(&format!(", {y}"));
        key = format!("{y}-{key}");
    }
    (label, key, y)
}

/// The number a match of [`ORDINAL`] names. Its groups are read off the match,
/// which is cheaper than asking the regex for them: a match of `n` is digits (no
/// letters) and a suffix, a match of `w` is letters only.
fn ordinal_value(m: &str) -> u32 {
    if !m.starts_with(char::is_alphabetic) {
        let digits = m.find(char::is_alphabetic).map_or(m, |i| &m[..i]);
        return digits.parse().unwrap_or(0);
    }
    let w = m.to_lowercase();
    [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth", "eleventh", "twelfth",
    ]
    .iter()
    .position(|x| *x == w)
    .map(|i| i as u32 + 1)
    .unwrap_or(0)
}

fn ordinal_suffix(n: u32) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// A short name for a series: its acronym if it has one.
fn short_name(f: &Findings, series: usize) -> String {
    let e = &f.entities[series];
    e.aliases
        .iter()
        .find(|a| a.len() <= 6 && a.chars().any(|c| c.is_ascii_uppercase()) && !a.contains(' '))
        .cloned()
        .unwrap_or_else(|| e.label.clone())
}

fn series_of_mention(f: &Findings, lex: &Lexicon, m: &super::Mention) -> Option<usize> {
    let e = &f.entities[m.entity];
    if e.kind == EntityKind::Meeting && e.series {
        return Some(m.entity);
    }
    // A body that meets: "the fourth Nuclear Consultative Group" → its meeting series.
    if e.kind == EntityKind::Organization
        && let Some(li) = e.lex
    {
        let name = &lex.entries[li].name;
        return lex
            .entries
            .iter()
            .position(|x| x.body.as_deref() == Some(name) && x.series);
    }
    None
}

/// Where group `p` starts in a match of [`SUMMIT`] (it ends where the match
/// does): after the words the leading `(?:(?:the|their|two|a|historic)\s+)*`
/// takes. (Read off the match, which costs less than capturing the group.) The
/// loop takes as many of those words as it can, and must: none of them can start
/// `p`, whose words start with a capital or a digit, or are "inter-Korean".
fn summit_phrase_start(m: &str) -> usize {
    let mut rest = m;
    'strip: loop {
        for w in ["the", "their", "two", "a", "historic"] {
            if let Some(r) = rest.strip_prefix(w)
                && r.starts_with(char::is_whitespace)
            {
                rest = r.trim_start_matches(char::is_whitespace);
                continue 'strip;
            }
        }
        break;
    }
    m.len() - rest.len()
}

/// Whether "talks", white space and "with" follow each other somewhere in `text`,
/// as in every match of [`TALKS_WITH`] (`\s` is white space as [`char::is_whitespace`]
/// sees it): most texts have no such phrase and need no search.
fn talks_then_with(text: &str) -> bool {
    memmem::find_iter(text.as_bytes(), b"talks").any(|at| {
        let rest = &text[at + 5..];
        let after = rest.trim_start_matches(char::is_whitespace);
        after.len() < rest.len() && after.starts_with("with")
    })
}

/// The sentences of a document in lower case (as [`str::to_lowercase`] gives
/// them). ASCII text lowers byte for byte, so its sentences are slices of one
/// lower-case copy of the text (see [`super::ascii_lower_copy`]); other text is lowered
/// sentence by sentence.
struct Lowered<'d> {
    doc: &'d Document,
    ascii: Option<&'d str>,
}

impl Lowered<'_> {
    /// Sentence `si` in lower case.
    fn sentence(&self, si: usize) -> Cow<'_, str> {
        let sp = self.doc.sentences[si];
        match self.ascii {
            Some(lower) => Cow::Borrowed(&lower[sp.start..sp.end]),
            None => Cow::Owned(self.doc.text[sp.start..sp.end].to_lowercase()),
        }
    }
}

/// Finds meetings and their facts. `lower` is the text's lower-case copy, if it
/// has one (see [`super::ascii_lower_copy`]).
pub fn run(
    doc: &Document,
    sentences: &[Vec<Token>],
    lower: Option<&str>,
    lex: &Lexicon,
    f: &mut Findings,
) {
    let text = &doc.text;
    let lowered = Lowered { doc, ascii: lower };
    let doc_year: Option<i32> = doc
        .meta
        .date
        .as_deref()
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse().ok());
    let q = Qualifiers::default;

    // 1. Ordinal instances: "the 14th Korea-U.S. Integrated Defense Dialogue".
    let mut instances: Vec<(usize, usize)> = Vec::new(); // (instance, series)
    for whole in ORDINAL.find_iter(text) {
        let n = ordinal_value(whole.as_str());
        if n == 0 {
            continue;
        }
        // The series must start within a few words after the ordinal.
        let after = whole.end();
        let limit = (after + 90).min(text.len());
        let window_end = text[after..]
            .bytes()
            .take(limit - after)
            .position(|b| b == b'\n')
            .map_or(limit, |i| after + i);
        let mut found = None;
        for m in f.starting_in(after..window_end) {
            if let Some(series) = series_of_mention(f, lex, m) {
                let between = &text[after..m.start];
                let ok = between.split_whitespace().all(|w| {
                    w.chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || c == '(')
                        || matches!(w, "and" | "round" | "of" | "the")
                });
                if ok && found.is_none_or(|(s, _, _): (usize, usize, usize)| m.start < s) {
                    found = Some((m.start, m.end, series));
                }
            }
        }
        let Some((_, mut end, series_or_lex)) = found else {
            continue;
        };
        let series = if f
            .entities
            .get(series_or_lex)
            .is_some_and(|e| e.series && e.kind == EntityKind::Meeting)
            && f.ending_at(end).any(|m| m.entity == series_or_lex)
        {
            series_or_lex
        } else {
            f.lex_entity(lex, series_or_lex)
        };
        // "(NCG)" after the name, "Meeting" after a body.
        let rest = &text[end..];
        if let Some(r) = rest
            .strip_prefix(" (")
            .and_then(|r| r.find(')').map(|i| i + 3))
            && r < 12
        {
            end += r;
        }
        // "the first KIDD gathering since …" counts meetings of a period: not an ordinal name.
        let tail: String = text[end..].chars().take(40).collect();
        if tail.contains(" since ") || tail.contains(" under ") || tail.starts_with(" such") {
            continue;
        }
        // "14th KIDD" and the like, joined from their parts (cheaper than `format!`).
        let mut digits = itoa::Buffer::new();
        let (num, suffix) = (digits.format(n), ordinal_suffix(n));
        let label = [num, suffix, " ", &f.entities[series].label].concat();
        let key = ["meeting:", &f.entities[series].key, "#", num].concat();
        let inst = f.entity(EntityKind::Meeting, &key, &label);
        let short = [num, suffix, " ", &short_name(f, series)].concat();
        f.entities[inst].aliases.insert(short);
        f.mention(doc, inst, whole.start(), end);
        let s = sentence_at(doc, whole.start());
        f.fact(
            Relation::InstanceOf,
            inst,
            series,
            s,
            q(),
            "instance.ordinal",
        );
        if let Some(body) = f.entities[series]
            .lex
            .and_then(|l| lex.entries[l].body.clone())
            && let Some(b) = lex.find(EntityKind::Organization, &body)
        {
            let b = f.lex_entity(lex, b);
            f.fact(Relation::PartOf, inst, b, s, q(), "lexicon.body");
            f.fact(Relation::PartOf, series, b, s, q(), "lexicon.body");
        }
        instances.push((inst, series));
    }

    // 2. Summits: "the April 2023 summit", "the U.S.-North Korea summit in Singapore".
    // Every match holds "ummit": a text without it needs no regex search.
    let summits = if text.contains("ummit") {
        SUMMIT.find_iter(text).collect()
    } else {
        Vec::new()
    };
    for m in summits {
        let phrase = &m.as_str()[summit_phrase_start(m.as_str())..];
        let p_end = m.end();
        let first = phrase.split_whitespace().next().unwrap_or("");
        if matches!(
            first,
            "The" | "A" | "This" | "That" | "At" | "During" | "In"
        ) && phrase.split_whitespace().count() == 2
        {
            continue;
        }
        let phrase = phrase
            .trim_start_matches("The ")
            .trim_start_matches("During the ")
            .trim_start_matches("At the ");
        let start = p_end - phrase.len();
        let norm = phrase
            .trim_end_matches('s')
            .trim_end_matches("Summit")
            .trim_end_matches("summit")
            .trim();
        if norm.is_empty() {
            continue;
        }
        let label = [norm, " summit"].concat();
        let key = ["meeting:summit:", &norm.to_lowercase()].concat();
        let e = f.entity(EntityKind::Meeting, &key, &label);
        f.mention(doc, e, start, p_end);
        // "… summit in Singapore", "… summits in Panmunjom".
        held_in_after(doc, f, e, p_end);
    }

    // 3. Sessions of the reported event: "At the deterrence strategy committee plenary session".
    let mut sessions: Vec<(usize, usize)> = Vec::new(); // (entity, sentence)
    for c in SESSION.captures_iter(text) {
        let p = c.name("p").expect("group");
        let s = sentence_at(doc, p.start());
        let key = format!("meeting:session:{}", p.as_str().to_lowercase());
        let e = f.entity(EntityKind::Meeting, &key, p.as_str());
        f.mention(doc, e, p.start(), p.end());
        sessions.push((e, s));
    }

    // 4. One-off talks: "X held phone talks with Y".
    let mut oneoff: Vec<(usize, usize)> = Vec::new();
    let talks = if talks_then_with(text) {
        TALKS_WITH.captures_iter(text).collect()
    } else {
        Vec::new()
    };
    for c in talks {
        let whole = c.get(0).expect("match");
        let s = sentence_at(doc, whole.start());
        // Talks held for a named meeting are that meeting.
        if f.sentence_mentions(s).any(|m| {
            let e = &f.entities[m.entity];
            e.kind == EntityKind::Meeting && e.series
        }) {
            continue;
        }
        let kind = c
            .name("k")
            .or(c.name("k2"))
            .map(|k| k.as_str().trim())
            .unwrap_or("");
        // The two sides: the possessor or the person before the verb, and the
        // person after "with".
        let sp = doc.sentences[s];
        let person_in = |f: &Findings, a: usize, b: usize, last: bool| {
            let it = f
                .mentions
                .iter()
                .filter(|m| m.start >= a && m.end <= b)
                .filter(|m| f.entities[f.canonical(m.entity)].kind == EntityKind::Person);
            if last {
                it.max_by_key(|m| m.start)
            } else {
                it.min_by_key(|m| m.start)
            }
            .map(|m| f.canonical(m.entity))
        };
        let host = match c.name("poss") {
            Some(p) => person_in(f, p.start(), p.end(), false),
            None => person_in(f, sp.start, whole.start(), true),
        };
        let guest = person_in(f, whole.end(), sp.end, false);
        let surname = |f: &Findings, p: usize| {
            let l = &f.entities[p].label;
            let first = l.split(' ').next().unwrap_or("");
            if lex.is_korean_surname(first) {
                first.to_string()
            } else {
                l.rsplit(' ').next().unwrap_or("").to_string()
            }
        };
        let what = if kind.is_empty() {
            "talks".to_string()
        } else {
            format!("{kind} talks")
        };
        let label = match (host, guest) {
            (Some(h), Some(g)) => format!("{}-{} {what}", surname(f, h), surname(f, g)),
            _ => what,
        };
        let key = format!("meeting:talks:{}:{}", doc.name, whole.start());
        let e = f.entity(EntityKind::Meeting, &key, &label);
        for p in [host, guest].into_iter().flatten() {
            f.fact(Relation::Led, p, e, s, q(), "lead.talks_with");
        }
        let talks_at = whole
            .as_str()
            .find("talks")
            .map(|i| whole.start() + i)
            .unwrap_or(whole.start());
        let kstart = c
            .name("k")
            .or(c.name("k2"))
            .map(|k| k.start())
            .unwrap_or(talks_at);
        f.mention(doc, e, kstart, talks_at + 5);
        oneoff.push((e, s));
    }

    // 5. The event the article reports: the first meeting named in a sentence that
    // says a meeting takes place.
    let mut event: Option<usize> = None;
    'find: for si in 0..doc.sentences.len() {
        if !has_event_cue(&lowered.sentence(si)) {
            continue;
        }
        for m in f.in_sentence(si) {
            let e = &f.entities[m.entity];
            if e.kind != EntityKind::Meeting
                || e.key.contains("session:")
                || e.key.contains(":summit:")
            {
                continue;
            }
            if let Some(&(inst, _)) = instances.iter().find(|(i, _)| *i == m.entity) {
                event = Some(inst);
                break 'find;
            }
            if oneoff.iter().any(|(o, _)| *o == m.entity) {
                event = Some(m.entity);
                break 'find;
            }
            if e.series {
                // An ordinal instance of this series elsewhere in the text is the event.
                if let Some(&(inst, _)) = instances.iter().find(|(_, s)| *s == m.entity) {
                    event = Some(inst);
                } else {
                    event = Some(event_instance(doc, lex, f, m.entity, doc_year));
                }
                break 'find;
            }
        }
    }
    f.event = event;
    let Some(ev) = event else { return };

    // The event's references: "the talks", "the meeting", "the dialogue".
    for toks in sentences {
        for w in toks.windows(2) {
            if matches!(w[0].text, "the" | "The")
                && ["talks", "meeting", "dialogue", "gathering"]
                    .iter()
                    .any(|h| lower_eq(w[1].text, h))
            {
                f.mention(doc, ev, w[0].start, w[1].end);
            }
        }
    }
    // Series mentions count as references to the event when no ordinal instance is in play.
    let ev_series = f
        .facts
        .iter()
        .find(|x| x.relation == Relation::InstanceOf && x.source == ev)
        .map(|x| x.target);
    // held_in: the event's place.
    for si in 0..doc.sentences.len() {
        let refers = f
            .sentence_mentions(si)
            .any(|m| m.entity == ev || Some(m.entity) == ev_series)
            || {
                let lower = lowered.sentence(si);
                lower.contains(" talks ") && (lower.contains(" hold ") || lower.contains(" held "))
            };
        if !refers {
            continue;
        }
        held_in_sentence(doc, &lowered, lex, f, ev, si);
    }
    for (sess, _) in &sessions {
        f.fact(
            Relation::PartOf,
            *sess,
            ev,
            f.first_mention(*sess).map(|m| m.sentence).unwrap_or(0),
            q(),
            "part_of.session",
        );
    }
}

/// The instance of `series` that the article reports, keyed by its date when the
/// text gives one (so two articles on the same gathering meet), else by document.
fn event_instance(
    doc: &Document,
    lex: &Lexicon,
    f: &mut Findings,
    series: usize,
    doc_year: Option<i32>,
) -> usize {
    let text = &doc.text;
    let mut date = None;
    for m in f.mentions.iter().filter(|m| m.entity == series) {
        let sp = doc.sentences[m.sentence];
        let sent = &text[sp.start..sp.end];
        // A dateline's date is the article's, not the meeting's.
        for c in DATE.captures_iter(sent) {
            let before = &sent[..c.get(0).expect("match").start()];
            if before.len() < 20
                && before.trim_end().ends_with(',')
                && before.chars().filter(|ch| ch.is_uppercase()).count() > 2
                && sent[c.get(0).expect("m").end()..]
                    .trim_start()
                    .starts_with('(')
            {
                continue;
            }
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
            format!("meeting:{skey}@{dk}"),
            format!("{short} {dl}"),
            Some(dl.clone()),
        ),
        None => {
            let l = match doc_year {
                Some(y) => format!("{short} {y} ({})", doc.name),
                None => format!("{short} ({})", doc.name),
            };
            (format!("meeting:{skey}@doc:{}", doc.name), l, None)
        }
    };
    let inst = f.entity(EntityKind::Meeting, &key, &label);
    f.entities[inst].date = dlabel;
    let s = f.first_mention(series).map(|m| m.sentence).unwrap_or(0);
    f.fact(
        Relation::InstanceOf,
        inst,
        series,
        s,
        Qualifiers::default(),
        "instance.event",
    );
    if let Some(body) = f.entities[series]
        .lex
        .and_then(|l| lex.entries[l].body.clone())
        && let Some(b) = lex.find(EntityKind::Organization, &body)
    {
        let b = f.lex_entity(lex, b);
        f.fact(
            Relation::PartOf,
            inst,
            b,
            s,
            Qualifiers::default(),
            "lexicon.body",
        );
    }
    inst
}

/// `held_in` from "in <Place>" / "at the Pentagon" right after byte `at`.
fn held_in_after(doc: &Document, f: &mut Findings, meeting: usize, at: usize) {
    let rest = &doc.text[at..];
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
            "held_in.after_meeting",
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

/// `held_in` from a sentence about the meeting: "in Seoul", "at the Pentagon".
fn held_in_sentence(
    doc: &Document,
    lowered: &Lowered,
    lex: &Lexicon,
    f: &mut Findings,
    meeting: usize,
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
        // "following the previous one held at …" is another gathering.
        if before.contains("previous") || before.contains(" last ") {
            return;
        }
        // "… summits in Panmunjom": the place belongs to the meeting named just before.
        if men.iter().any(|o| {
            o.entity != meeting
                && f.entities[o.entity].kind == EntityKind::Meeting
                && o.end + 4 >= m.start
                && o.end <= m.start
        }) {
            continue;
        }
        let prep =
            before.ends_with(" in ") || before.ends_with(" at the ") || before.ends_with(" at ");
        if !prep {
            continue;
        }
        // "a transition period in Seoul": the word before the preposition is a noun of time.
        let prev_word = before.trim_end().rsplit(' ').nth(1).unwrap_or("");
        if matches!(
            prev_word,
            "period"
                | "troops"
                | "forces"
                | "stationed"
                | "presence"
                | "hands"
                | "headquarters"
                | "currently"
        ) {
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
                "held_in.at_place",
            );
            return;
        }
    }
}

/// Gives each meeting that is not a series the date its sentences state, made
/// absolute against the document's date (ISO: `2018-07-25/2018-07-26`). A date
/// the text gives without a year, in a document without a date, stays as written.
/// The day a report was made ("officials said Tuesday"), a dateline, and a bare
/// year ("launched in 2011") are not the meeting's date; the most precise date
/// wins, then the one nearest the mention.
pub fn date_instances(doc: &Document, f: &mut Findings) {
    let anchor = doc.meta.date.as_deref().and_then(dates::anchor);
    // What a sentence offers is the same for every meeting that is mentioned in it,
    // and nothing below changes mentions: each sentence is read once.
    let mut read: Vec<Option<SentenceDates>> = vec![None; doc.sentences.len()];
    for e in 0..f.entities.len() {
        let ent = &f.entities[e];
        if ent.kind != EntityKind::Meeting || ent.series || ent.key.is_empty() {
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
            mentions.extend(
                f.mentions
                    .iter()
                    .filter(|m| series.contains(&f.canonical(m.entity)))
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
            // An instance named after its document ("KIDD 2025 (a.txt)") is named
            // after its month instead: "KIDD May 2025".
            let suffix = format!(" ({})", doc.name);
            if let Some(stem) = f.entities[e].label.strip_suffix(&suffix) {
                let short = stem
                    .strip_suffix(&format!(" {}", range.start.format("%Y")))
                    .unwrap_or(stem);
                f.entities[e].label = format!("{short} {}", range.start.format("%B %Y"));
            }
        }
    }
}

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
    DATELINE.find(sent).map_or(0, |m| m.end())
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[A-Z][A-Za-z .]{1,30},\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*\([^)]{1,40}\)\s*(?:--|-|—)?",
    )
    .expect("constant regex")
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let cases = [
            ("on Nov. 4", None, "November 4", "11-04"),
            (
                "held July 25-26",
                Some(2018),
                "July 25-26, 2018",
                "2018-07-25/26",
            ),
            (
                "on October 28, 2017.",
                None,
                "October 28, 2017",
                "2017-10-28",
            ),
            (
                "on 12 August in Sydney",
                Some(2014),
                "August 12, 2014",
                "2014-08-12",
            ),
        ];
        for (s, y, label, key) in cases {
            let c = DATE.captures(s).unwrap();
            let (l, k, _) = parse_date(&c, y);
            assert_eq!((l.as_str(), k.as_str()), (label, key), "{s}");
        }
    }

    const ORDINAL_WORDS_FOR_TEST: [&str; 12] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth", "eleventh", "twelfth",
    ];

    #[test]
    fn ordinals() {
        let c = ORDINAL.find("the fourth meeting").unwrap();
        assert_eq!(ordinal_value(c.as_str()), 4);
        // The value read off the match is the one its groups give.
        for s in [
            "the 14th KIDD",
            "its 3RD round",
            "the Twelfth",
            "a 101st",
            "the 7th.",
        ] {
            let caps = ORDINAL.captures(s).unwrap();
            let by_groups = match caps.name("n") {
                Some(n) => n.as_str().parse().unwrap_or(0),
                None => ORDINAL_WORDS_FOR_TEST
                    .iter()
                    .position(|x| *x == caps["w"].to_lowercase())
                    .map_or(0, |i| i as u32 + 1),
            };
            assert_eq!(ordinal_value(&caps[0]), by_groups, "{s}");
        }
        assert_eq!(ordinal_suffix(42), "nd");
        assert_eq!(ordinal_suffix(13), "th");
    }

    #[test]
    fn summit_phrases_read_off_the_match_are_the_group() {
        for s in [
            "following their January 2005 summit.",
            "the two historic  the Singapore Summit in June",
            "a U.S.-North Korea summit",
            "their the inter-Korean summits",
            "at the\u{a0}Hanoi summit", // no-break space: white space to both
            "theirs Hanoi summit",
            "The April 2023 Summit",
        ] {
            let caps = SUMMIT.captures(s).unwrap();
            let whole = caps.get(0).unwrap();
            let p = caps.name("p").unwrap();
            assert_eq!(
                whole.start() + summit_phrase_start(whole.as_str()),
                p.start(),
                "{s}"
            );
            assert_eq!(whole.end(), p.end(), "{s}");
        }
    }
}
