//! Agendas: what a meeting discussed or agreed. Cue phrases ("will touch on",
//! "discussed", "including", "on the agenda", "agreed that", "reaffirmed") open a
//! list; the list is split on commas and "and" without breaking names the lexicon
//! knows ("maintenance, repair and overhaul"); each item is a lexicon topic or
//! agreement, or a new topic named by the item. The subject is the session whose
//! paragraph the sentence sits in, a meeting named in the sentence, or the event
//! the article reports.

use super::Findings;
use super::pattern::Pattern;
use crate::document::Document;
use crate::graph::Qualifiers;
use crate::ontology::{EntityKind, Relation};
use memchr::memmem;
use regex::Regex;
use std::sync::LazyLock;

static CUE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)\b(?P<agree>agreed (?:that|to|on)|reaffirmed (?:its|their) (?:commitment|intention) to|committed to)\b|\b(?P<discuss>will touch on|touch on|to discuss|will discuss|discussed|discussing|discussions on|discussions? (?:have occurred|took place)? ?(?:on|regarding)|will cover|covered|focus(?:ed|ing)? on|these include|to include|including|in the areas of|highlighted|talks? (?:about|on))\s",
    )
    .needs(&[
        "agreed",
        "reaffirmed",
        "committed",
        "touch on",
        "discuss",
        "cover",
        "focus",
        "includ",
        "in the areas of",
        "highlighted",
        "talk",
    ])
});

/// Where an item list ends: a reporting clause.
static END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i),?\s+(?:(?:the|a|key|senior|defense|south korean|u\.s\.) )*(?:officials?|ministry|spokesperson|it|he|she|they|official|sources?) (?:said|added|told|stated|noted)\b.*$|[.;:"]\s*$|\s+(?:while|amid|so that|in order to|in response to|in a|as|since|because|to help|which|that|mark|marks|taking into)\s.*$|\s+\((?:[A-Z]+)$"#)
        .expect("constant regex")
});

static THE_AGENDA: LazyLock<memmem::Finder> = LazyLock::new(|| memmem::Finder::new("the agenda"));

const ADJECTIVES: &[&str] = &[
    "nuclear",
    "missile",
    "military",
    "economic",
    "political",
    "strategic",
    "regional",
    "maritime",
    "naval",
    "conventional",
    "human",
    "technological",
    "high-level",
    "working-level",
    "bilateral",
    "trilateral",
    "future-oriented",
    "mutually",
    "critical",
    "peace",
];

/// First words of a list segment that is no topic.
const NOT_TOPIC_START: &[&str] = &[
    "at",
    "by",
    "in",
    "on",
    "with",
    "from",
    "for",
    "during",
    "this",
    "that",
    "these",
    "those",
    "taking",
    "making",
    "noting",
    "saying",
    "mark",
    "marks",
    "continue",
    "said",
    "he",
    "she",
    "they",
    "it",
    "which",
    "who",
    "officials",
];

const GENERIC: &[&str] = &[
    "issues",
    "matters",
    "other matters",
    "others",
    "topics",
    "a range of issues",
    "security",
    "cooperation",
    "defense",
    "the alliance",
    "alliance",
    "efforts",
    "ways",
    "measures",
    "the two sides",
    "both sides",
    "talks",
    "the meeting",
];

/// Finds agenda items and the meeting that discussed or agreed them. `lower` is
/// the text's lower-case copy, if it has one (see [`super::ascii_lower_copy`]).
pub fn run(doc: &Document, lower: Option<&str>, f: &mut Findings) {
    // Session paragraphs: a session rules from its sentence to the end of the paragraph.
    let sessions: Vec<(usize, usize)> = f
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.key.starts_with("meeting:session:"))
        .filter_map(|(i, _)| f.first_mention(i).map(|m| (i, m.sentence)))
        .collect();
    let paragraph_end = |s: usize| -> usize {
        let mut e = s;
        while e + 1 < doc.sentences.len()
            && !doc.text[doc.sentences[e].end..doc.sentences[e + 1].start].contains('\n')
        {
            e += 1;
        }
        e
    };
    // Most sentences have no cue: their words say so, read in one pass over the
    // text; a plain match test is still cheaper than setting up for captures.
    let may_cue = CUE.may_match_in(&doc.text, lower, &doc.sentences);
    for (si, sp) in doc.sentences.iter().enumerate() {
        let sent = &doc.text[sp.start..sp.end];
        if !may_cue[si] || !CUE.is_match(sent) {
            continue;
        }
        let caps: Vec<regex::Captures> = CUE.captures_iter(sent).collect();
        if caps.is_empty() {
            continue;
        }
        // The subject.
        let men = f.in_sentence(si);
        let session = sessions
            .iter()
            .filter(|(_, s)| *s <= si && si <= paragraph_end(*s))
            .map(|(e, _)| *e)
            .next_back();
        let named = men.iter().map(|m| m.entity).find(|&e| {
            let x = &f.entities[e];
            x.kind == EntityKind::Meeting
                && !x.series
                && !x.key.contains("session:")
                && !x.key.contains(":summit:")
        });
        let Some(subject) = session.or(named).or(f.event) else {
            continue;
        };
        for c in caps {
            let cue = c.get(0).expect("match");
            let agree = c.name("agree").is_some();
            let from = sp.start + cue.end();
            let mut rest = &doc.text[from..sp.end];
            if let Some(m) = END.find(rest) {
                rest = &rest[..m.start()];
            }
            for (a, b) in split_items(f, from, rest) {
                item(doc, f, subject, si, a, b, agree);
            }
        }
    }
    // "… are also expected to be on the agenda": the subject comes first.
    for (si, sp) in doc.sentences.iter().enumerate() {
        let sent = &doc.text[sp.start..sp.end];
        // Both phrases hold "the agenda", which most sentences lack.
        if THE_AGENDA.find(sent.as_bytes()).is_none() {
            continue;
        }
        if let Some(i) = sent
            .find(" on the agenda")
            .or_else(|| sent.find(" top the agenda"))
        {
            let Some(subject) = f.event else { continue };
            let mut head = &sent[..i];
            for cut in [
                " are also expected to be",
                " are expected to be",
                " is expected to be",
                " are also expected to",
                " will be",
                " are",
            ] {
                if let Some(j) = head.find(cut) {
                    head = &head[..j];
                }
            }
            if head.starts_with("Also expected") {
                continue;
            }
            let from = sp.start;
            for (a, b) in split_items(f, from, head) {
                item(doc, f, subject, si, a, b, false);
            }
        }
    }
}

/// Splits a list into item byte ranges (absolute), never inside a lexicon mention.
fn split_items(f: &Findings, from: usize, text: &str) -> Vec<(usize, usize)> {
    let protected = |at: usize| {
        f.mentions.iter().any(|m| {
            m.start < at
                && at < m.end
                && matches!(
                    f.entities[m.entity].kind,
                    EntityKind::Topic | EntityKind::Agreement
                )
        })
    };
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        // "nuclear and missile threats": an adjective pair, not two items (only
        // asked before " and ").
        let adjective_pair = || {
            let left_word = text[..i].rsplit(' ').next().unwrap_or("");
            ADJECTIVES.contains(&left_word)
            // "U.S. Forces Korea and United Nations Command headquarters": one item.
            || (left_word.chars().next().is_some_and(char::is_uppercase)
                && text[i..].strip_prefix(" and ").is_some_and(|r| r.starts_with(|c: char| c.is_uppercase())))
        };
        let sep = if text[i..].starts_with(", and ") {
            6
        } else if text[i..].starts_with(", ") {
            2
        } else if text[i..].starts_with(" and ") && !adjective_pair() {
            5
        } else {
            0
        };
        if sep > 0 && !protected(from + i) && !protected(from + i + sep - 1) {
            out.push((from + start, from + i));
            i += sep;
            start = i;
            continue;
        }
        i += 1;
        while i < bytes.len() && !text.is_char_boundary(i) {
            i += 1;
        }
    }
    out.push((from + start, from + text.len()));
    out
}

fn item(
    doc: &Document,
    f: &mut Findings,
    subject: usize,
    si: usize,
    a: usize,
    b: usize,
    agree: bool,
) {
    let raw = doc.text[a..b].trim();
    // Lexicon topics and agreements inside the item.
    let inside: Vec<usize> = f
        .mentions
        .iter()
        .filter(|m| m.start >= a && m.end <= b)
        .filter(|m| {
            matches!(
                f.entities[m.entity].kind,
                EntityKind::Topic | EntityKind::Agreement
            )
        })
        .map(|m| m.entity)
        .collect();
    let rel = |f: &Findings, e: usize| {
        if agree
            && (f.entities[e].kind == EntityKind::Agreement
                || !f.has_fact(Relation::Discussed, subject, e))
        {
            Relation::Agreed
        } else {
            Relation::Discussed
        }
    };
    if !inside.is_empty() {
        for e in inside {
            let r = rel(f, e);
            if r == Relation::Discussed && f.has_fact(Relation::Agreed, subject, e) {
                continue;
            }
            f.fact(
                r,
                subject,
                e,
                si,
                Qualifiers::default(),
                if r == Relation::Agreed {
                    "agenda.agreed"
                } else {
                    "agenda.discussed_known"
                },
            );
        }
        return;
    }
    // A segment that names a meeting or a person is no topic.
    if f.mentions.iter().any(|m| {
        m.start >= a
            && m.end <= b
            && matches!(
                f.entities[f.canonical(m.entity)].kind,
                EntityKind::Meeting | EntityKind::Person
            )
    }) {
        return;
    }
    let (label, off) = clean(raw);
    let words: Vec<&str> = label.split_whitespace().collect();
    let first = words.first().map(|w| w.to_lowercase()).unwrap_or_default();
    let last = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
    if words.len() < 2
        || words.len() > 10
        || GENERIC.contains(&label.to_lowercase().as_str())
        || NOT_TOPIC_START.contains(&first.as_str())
        || matches!(
            last.as_str(),
            "issues" | "matters" | "topics" | "policies" | "documents"
        )
    {
        return;
    }
    // An item that is only a name (a country, a person, a place) is no topic.
    let start = (raw.as_ptr() as usize - doc.text.as_ptr() as usize) + off;
    let end = start + label.len();
    if f.mentions.iter().any(|m| m.start <= start && end <= m.end) {
        return;
    }
    if !label
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c.is_uppercase())
    {
        return;
    }
    let key = topic_key(&label);
    let e = f.entity(EntityKind::Topic, &key, &label);
    f.mention(doc, e, start, end);
    let r = if agree {
        Relation::Agreed
    } else {
        Relation::Discussed
    };
    if r == Relation::Agreed {
        // Only agreements are agreed: a topic from an "agreed" list is discussed.
        f.fact(
            Relation::Discussed,
            subject,
            e,
            si,
            Qualifiers::default(),
            "agenda.agreed_topic",
        );
    } else {
        f.fact(
            r,
            subject,
            e,
            si,
            Qualifiers::default(),
            "agenda.discussed_list",
        );
    }
}

/// A topic's identity: its content words, in any order, possessives and demonyms
/// folded ("North Korea's evolving threats" = "evolving North Korean threats").
pub fn topic_key(label: &str) -> String {
    const STOP: &[&str] = &[
        "the", "of", "a", "an", "and", "on", "in", "to", "for", "with", "its", "their",
    ];
    let mut words: Vec<String> = label
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| {
            w.trim_end_matches("'s")
                .trim_end_matches('\'')
                .to_lowercase()
        })
        .map(|w| w.strip_suffix("ean").map(|s| format!("{s}ea")).unwrap_or(w))
        .filter(|w| !w.is_empty() && !STOP.contains(&w.as_str()))
        .collect();
    words.sort();
    words.dedup();
    format!("topic:{}", words.join(" "))
}

/// Drops determiners and filler from the start of an item; returns the label and
/// its byte offset in `raw`.
fn clean(raw: &str) -> (String, usize) {
    let mut s = raw;
    loop {
        let before = s.len();
        for p in [
            "the ",
            "a ",
            "an ",
            "their ",
            "its ",
            "our ",
            "to ",
            "also ",
            "both ",
            "various ",
            "a range of ",
            "a wide range of ",
            "bilateral cooperation in the areas of ",
            "possible ",
            "ways to ",
            "efforts for ",
            "efforts to ",
            "the allies' joint efforts for ",
            "in-depth discussions on ",
            "including ",
            "include ",
            "to include ",
            "such as ",
        ] {
            // `get`: the byte at `p.len()` may fall inside a multi-byte character.
            if s.len() > p.len() && s.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)) {
                s = &s[p.len()..];
            }
        }
        if s.len() == before {
            break;
        }
    }
    let s = s
        .trim_end_matches(['.', ',', ';', ':', '"', '\'', ')', '('])
        .trim();
    // `s` is a sub-slice of `raw`: its offset is the pointer difference.
    let off = s.as_ptr() as usize - raw.as_ptr() as usize;
    (s.to_string(), off)
}
