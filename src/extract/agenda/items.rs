//! Agenda items: where a list ends, how it splits, and what of an item is its label.

use super::super::Findings;
use super::conjuncts::{is_aim_word, is_gerund, one_item};
use crate::extract::pattern::Pattern;
use crate::ontology::EntityKind;
use regex::Regex;
use std::sync::LazyLock;

/// Where an item list ends: a reporting clause, the end of the sentence, or a
/// subordinate clause. Each alternative but three runs to the end of the text
/// (`{REST}`: the rest of it, on one line).
const END: &str = r#"(?i),?\s+(?:[\w.'-]+\s+){0,5}?(?:said|says|added|told|stated|noted|announced|explained)\b{REST}|,?\s*\baccording to\b{REST}|[.;:]\s*$|\s+(?:while|amid|so that|that|in order to|in response to|as well as to|as|since|because|to help|which|who|where|when|whereby|mark|marks|taking into|through which)\s{REST}|\s+(?:during|at) (?:the|their|a) (?:\w+\s+){0,6}?(?:meeting|talks|dialogue|consultations|summit|session|conference)\b{REST}|\s+in an? (?:[\w-]+,? )*?(?:manner|way|fashion)\b{REST}|\s*-{2}{REST}|,\s+(?:founded|based|built|grounded) (?:on|upon)\b{REST}|\s+(?:following|ahead of|prior to|in the wake of|in light of|in view of|against the backdrop of)\s{REST}|\s+(?:launched|established|consisting|consistent with|set to|scheduled)\b{REST}|\s+\((?:[A-Z]+)$|\s+in (?:a|an) (?:move|bid|effort|attempt) to\b{REST}|\s+with (?:a view|the aim) (?:to|of)\b{REST}|\s+(?:this|next|later this|early next|by the end of (?:this|the|next)) (?:year|month|week)(?:[\s,;.]{REST}|$)|\s+(?:we|they|he|she|you)\s{REST}"#;

/// [`END`] as written, for text with a line break: an alternative that runs to
/// the end of the text must then find no break after its words.
static END_LINES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&END.replace("{REST}", ".*$")).expect("constant regex"));

/// (Speed) [`END`] for text on one line, where the rest of the text always
/// matches `.*$`: without it, a search reads up to the end of the first match
/// instead of to the end of the text. Where a match starts is the same.
static END_ONE_LINE: LazyLock<Pattern> = LazyLock::new(|| Pattern::new(END.replace("{REST}", "")));

/// Cuts `text` at the end of its item list.
pub fn list_end(text: &str) -> &str {
    let end = if text.contains('\n') {
        cut_at(text, |from| {
            END_LINES.find_at(text, from).map(|m| m.start())
        })
    } else {
        cut_at(text, |from| {
            END_ONE_LINE.find_at(text, from).map(|m| m.start())
        })
    };
    &text[..end]
}

/// Where `text`'s item list ends, given where the first [`END`] match from a
/// byte on starts (`find_at`): at the first match that is no "as well as".
fn cut_at(text: &str, find_at: impl Fn(usize) -> Option<usize>) -> usize {
    let mut from = 0;
    while let Some(start) = find_at(from) {
        // "A as well as B" joins two items: its "as" opens no clause.
        let at = &text[start..];
        if at.trim_start().starts_with("as well as ")
            && !at.trim_start().starts_with("as well as to ")
            || text[..start].ends_with(" as well")
        {
            from = start + at.chars().next().map_or(1, char::len_utf8);
            continue;
        }
        return start;
    }
    text.len()
}

/// Adjectives that pair with "and" inside one item ("nuclear and missile threats").
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
    "multilateral",
    "future-oriented",
    "mutually",
    "critical",
    "peace",
    "joint",
    "air",
    "space",
    "cyber",
    "emerging",
    "stable",
    "secure",
    "inclusive",
    "prosperous",
    "peaceful",
    "free",
    "open",
];

/// What separates two items (besides " and ", asked apart), longest first.
const SEPARATORS: &[&str] = &[
    ", as well as ",
    " as well as ",
    ", including ",
    " including ",
    ", such as ",
    " such as ",
    ", and ",
    ", ",
];

/// Single nouns coordinated before a shared "of" complement ("the security, stability
/// and prosperity of the region"): the text before a separator ends in one of them…
static HEAD_LEFT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:\bthe|,|\band) [a-z-]+,?$").expect("constant regex"));
/// …and the text after it goes on with more of them up to "of".
static HEAD_RIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:,? and|,) [a-z-]+(?:(?:,? and|,) [a-z-]+)* of ").expect("constant regex")
});

/// " and investment cooperation" (to the end of the item): the word after "and" and
/// the head they share.
static SHARED_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^ and [a-z-]+ ([a-z-]+)(?:$|,|\s+(?:and|under|of|in|on|with|for|between|among|across)\s)",
    )
    .expect("constant regex")
});

/// Splits a list into item byte ranges (absolute), never inside a lexicon topic
/// or agreement, nor between nouns sharing one "of" complement.
pub fn split_items(f: &Findings, from: usize, text: &str) -> Vec<(usize, usize)> {
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
    // Inside brackets nothing splits.
    let mut depth = 0i32;
    while i < text.len() {
        match bytes[i] {
            b'(' => depth += 1,
            b')' => depth -= 1,
            _ => {}
        }
        // "nuclear and missile threats": an adjective pair, not two items (only
        // asked before " and ").
        let adjective_pair = || {
            let left_word = text[..i].rsplit(' ').next().unwrap_or("");
            ADJECTIVES.contains(&left_word.to_lowercase().as_str())
            // "unprovoked and brutal war": a participle paired with an adjective.
            || (left_word.len() > 4
                && left_word.ends_with("ed")
                && left_word.starts_with(|c: char| c.is_ascii_lowercase())
                && text[i..].strip_prefix(" and ").is_some_and(|r| {
                    let mut w = r.split(' ');
                    w.next().is_some_and(|x| x.starts_with(|c: char| c.is_ascii_lowercase()))
                        && w.next().is_some_and(|x| x.starts_with(|c: char| c.is_ascii_lowercase()) && !x.ends_with(','))
                }))
            // "U.S. Forces Korea and United Nations Command headquarters": one item.
            || (left_word.chars().next().is_some_and(char::is_uppercase)
                && text[i..].strip_prefix(" and ").is_some_and(|r| r.starts_with(|c: char| c.is_uppercase())))
        };
        // "trade and investment cooperation": two nouns sharing a head noun of
        // `data/agenda.toml` (one item), unless the first is such a head itself.
        let shared_head = || {
            let left_word = text[..i].rsplit(' ').next().unwrap_or("");
            SHARED_HEAD.captures(&text[i..]).is_some_and(|c| {
                let heads = &super::cues::CUES.heads.topic;
                heads.contains(&c[1].to_string())
                    && left_word.starts_with(|c: char| c.is_ascii_lowercase())
                    && !heads.contains(&left_word.to_string())
            })
        };
        let shared_of = || HEAD_LEFT.is_match(&text[..i]) && HEAD_RIGHT.is_match(&text[i..]);
        // "annual, multi-domain exercises": adjectives before one noun, not items.
        let adjective_comma = || {
            let left = &text[start..i];
            let lower = left.to_lowercase();
            text[i..].starts_with(", ")
                && !text[i..].starts_with(", and ")
                && !left.contains(' ')
                && left.starts_with(|c: char| c.is_ascii_lowercase())
                && (ADJECTIVES.contains(&lower.as_str())
                    || ["al", "ic", "ive", "ous", "ful", "ual"]
                        .iter()
                        .any(|x| lower.ends_with(x)))
                && text[i + 2..].starts_with(|c: char| c.is_ascii_lowercase())
        };
        let (sep, plain) = if depth > 0 {
            (0, false)
        } else if !matches!(bytes[i], b',' | b' ') {
            // (Speed) Every separator, and " and ", starts with a comma or a space.
            (0, false)
        } else if let Some(w) = SEPARATORS.iter().find(|w| text[i..].starts_with(**w)) {
            (w.len(), matches!(*w, ", and " | ", "))
        } else if text[i..].starts_with(" and ") && !adjective_pair() {
            (5, true)
        } else {
            (0, false)
        };
        let sep = if sep > 0
            && (shared_of()
                || sep == 5 && shared_head()
                || plain && one_item(&text[start..i], &text[i + sep..])
                || adjective_comma())
        {
            0
        } else {
            sep
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

/// First words of a list segment that is no item.
pub(super) const NOT_ITEM_START: &[&str] = &[
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
    "said",
    "he",
    "she",
    "they",
    "it",
    "we",
    "i",
    "you",
    "which",
    "who",
    "officials",
    "whether",
    "if",
    "there",
    "here",
    "what",
    "how",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "not",
    "no",
    "each",
    "other",
    "currently",
    "respectively",
    "founded",
    "based",
    "including",
    "according",
    "work",
    "make",
    "seek",
    "use",
    "ease",
    "stand",
    "defend",
    "speak",
    "together",
    "two",
    "three",
    "relocate",
    "reiterating",
    "postured",
    "backed",
    "and",
    "or",
    "but",
    "so",
    "then",
    "yet",
    "details",
    "next",
    "bolsters",
    "relevant",
    "particular",
    // A place ("… on the peninsula, throughout the world"), not a new item.
    "throughout",
    "across",
    "within",
    "beyond",
    "around",
    "among",
    "into",
    "over",
    "under",
];

/// Verbs of saying and stating: an item holding one is a clause.
pub(super) const CLAUSE_VERBS: &[&str] = &[
    "said",
    "says",
    "is",
    "are",
    "was",
    "were",
    "will",
    "would",
    "has",
    "have",
    "had",
    "can",
    "could",
    "should",
    "must",
    "may",
    "expressed",
    "urged",
    "called",
    "noted",
    "welcomed",
    "condemned",
    "agreed",
    "stressed",
    "emphasized",
    "reaffirmed",
    "reiterated",
    "pledged",
    "vowed",
    "announced",
    "confirmed",
    "decided",
    "discussed",
    "asked",
    "told",
    "added",
];

/// Items that name nothing in particular.
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
    "the relationship",
    "bilateral relations",
    "bilateral issues",
    "mutual interest",
    "common interest",
    "the situation",
];

/// Last words of an item that is too vague to be a topic.
const VAGUE_LAST: &[&str] = &[
    "issues",
    "matters",
    "topics",
    "policies",
    "documents",
    "areas",
    "fields",
    "interests",
    "it",
    "them",
    "those",
    "these",
    "this",
    "that",
    "etc",
    "others",
    "said",
    "respectively",
    "talks",
    "together",
    "ways",
    // Times and degrees name no subject: "in recent months", "at a fair level".
    "months",
    "weeks",
    "years",
    "days",
    "month",
    "week",
    "year",
    "level",
    // A half of "X of, and Y on, the peninsula": the complement comes later.
    "of",
    "on",
    "in",
    "to",
    "for",
    "with",
];

/// Leading words of an item that are no part of its label (longest first).
const LEAD: &[&str] = &[
    "a wide range of ",
    "a range of ",
    "so-called ",
    "the importance of ",
    "the need for ",
    "the need to ",
    "the issue of ",
    "the issues of ",
    "the matter of ",
    "issues such as ",
    "matters such as ",
    "topics such as ",
    "such issues as ",
    "work together to ",
    "work together on ",
    "work together for ",
    "work closely on ",
    "work closely to ",
    "cooperate closely on ",
    "cooperate on ",
    "continue to ",
    "continue ",
    "contribute to ",
    "further ",
    "ways to ",
    "how to ",
    "means to ",
    "measures to ",
    "steps to ",
    "efforts for ",
    "efforts to ",
    "discussing ",
    "discussions on ",
    "discussion on ",
    "including ",
    "through ",
    "include ",
    "to include ",
    "such as ",
    "the ",
    "a ",
    "an ",
    "their ",
    "its ",
    "our ",
    "his ",
    "her ",
    "to ",
    "also ",
    "both ",
    "various ",
    "possible ",
    "jointly ",
    "closely ",
    "other ",
    "all ",
    "in ",
    "on ",
    "of ",
];

/// (Speed) The indexes in [`LEAD`] of the fillers by their first byte (each
/// starts with a lower-case ASCII letter), in order.
static LEAD_BY_FIRST: LazyLock<Vec<Vec<usize>>> = LazyLock::new(|| {
    let mut by = vec![Vec::new(); 256];
    for (k, p) in LEAD.iter().enumerate() {
        by[usize::from(p.as_bytes()[0])].push(k);
    }
    by
});

/// Phrases inside an item that introduce what it is about: "… on the importance of
/// X", "… the need for X".
static AIM_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:importance|significance|need) (?:of|for) ").expect("constant regex")
});

/// The rest of `s` after "(adjectives) ways to", "opportunities to": a vague head
/// (`data/agenda.toml`, `vague`) whose infinitive names the item.
fn hollow_lead(s: &str) -> Option<&str> {
    // (Speed) The first three words read in place, with no list of them.
    // `at`: where the words read so far end, past their space.
    let mut at = 0;
    let mut prev: Option<&str> = None;
    for w in s.split(' ').take(3) {
        at += w.len() + 1;
        if w.eq_ignore_ascii_case("to") {
            let head = prev?;
            if !super::cues::CUES
                .heads
                .vague
                .iter()
                .any(|v| head.eq_ignore_ascii_case(v))
            {
                return None;
            }
            return s.get(at..).filter(|r| !r.is_empty());
        }
        prev = Some(w);
    }
    None
}

/// Whether `s` may hold a match of [`AIM_OF`]: it holds "nce " or "eed " in
/// any case.
fn may_aim_of(s: &str) -> bool {
    // (Speed) Only the spaces looked at, and the three bytes before each.
    let b = s.as_bytes();
    memchr::memchr_iter(b' ', b).any(|i| {
        i >= 3 && {
            let w = &b[i - 3..i];
            w.eq_ignore_ascii_case(b"nce") || w.eq_ignore_ascii_case(b"eed")
        }
    })
}

/// (Speed) Searchers for the phrases [`clean`] cuts at, built once.
static BASED_ON: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new(" based on "));
static BY: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new(" by "));

/// Drops leading filler and half brackets from an item; returns the label and its
/// byte range in `raw`.
pub fn clean(raw: &str) -> (String, usize, usize) {
    let mut s = raw.trim_start_matches(['"', '\'', '“', '”', '‘', '’', ' ']);
    // (Speed) The loop only drops the front of `s`: what holds no match of
    // [`AIM_OF`] comes to hold none.
    let mut aim = may_aim_of(s);
    loop {
        let before = s.len();
        // Each filler of [`LEAD`] in its order, dropped where `s` starts with it.
        // (Speed) Only the fillers with the first byte of `s` are tried: from
        // the next one of its letter after the last tried.
        let mut next = 0;
        while let Some(&c) = s.as_bytes().first() {
            let Some(&k) = LEAD_BY_FIRST[usize::from(c.to_ascii_lowercase())]
                .iter()
                .find(|&&k| k >= next)
            else {
                break;
            };
            let p = LEAD[k];
            // `get`: the byte at `p.len()` may fall inside a multi-byte character.
            if s.len() > p.len() && s.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)) {
                s = &s[p.len()..];
            }
            next = k + 1;
        }
        s = s.trim_start_matches(['"', '\'', '“', '”', '‘', '’', ' ']);
        // "concrete ways to achieve …", "opportunities to enhance …": a vague noun
        // whose infinitive names the item.
        if let Some(rest) = hollow_lead(s) {
            s = rest;
        }
        // "the need for the world to speak out on the importance of X": the item
        // is what the last such phrase introduces.
        // (Speed) Every match holds "nce " or "eed " (in any case: no
        // non-ASCII letter folds to these), which most items lack.
        aim = aim && may_aim_of(s);
        if aim
            && let Some(rest) = AIM_OF
                .find_iter(s)
                .last()
                .map(|m| &s[m.end()..])
                .filter(|r| !r.is_empty())
        {
            s = rest;
        }
        if s.len() == before {
            break;
        }
    }
    // "X based on Y": the modifier is no part of the item.
    if let Some(i) = BASED_ON.find(s.as_bytes()) {
        s = &s[..i];
    }
    // "strengthening close communication to respond to changes": an aim's purpose
    // is no part of it ("contributing to peace" keeps its object).
    if s.split(' ').next().is_some_and(is_gerund)
        && let Some(i) = s.match_indices(" to ").map(|(i, _)| i).find(|&i| {
            s[..i].split(' ').count() >= 3
                && s[i + 4..].starts_with(|c: char| c.is_ascii_lowercase())
                && !s[i + 4..].starts_with("the ")
        })
    {
        s = &s[..i];
    }
    // "X by continuing to maintain Y": the means is no part of the item.
    if let Some(i) = BY.find(s.as_bytes()).filter(|&i| {
        s[i + 4..]
            .split_whitespace()
            .next()
            .is_some_and(|w| w.len() > 5 && w.ends_with("ing"))
    }) {
        s = &s[..i];
    }
    let mut s = s.trim_end_matches(['.', ',', ';', ':', ' ']);
    // A bracket opened and not closed: the bracket goes, with what follows it.
    if let Some(i) = s.rfind('(')
        && !s[i..].contains(')')
    {
        s = &s[..i];
    }
    // A closing bracket with no opening one.
    if s.ends_with(')') && !s.contains('(') {
        s = &s[..s.len() - 1];
    }
    let mut s = s
        .trim_end_matches(['.', ',', ';', ':', '"', '\'', '“', '”', '’', ' '])
        .trim();
    // "…, and" before the next cue: the conjunction is no part of the item.
    for tail in [" and", " or"] {
        if let Some(x) = s.strip_suffix(tail) {
            s = x.trim_end_matches([',', ' ']);
        }
    }
    // Quotes are no part of the label (the span keeps them).
    let off = s.as_ptr() as usize - raw.as_ptr() as usize;
    // (Speed) Most labels hold no quote: one copy, not a char-by-char collect.
    let label: String = if s.contains(['"', '“', '”']) {
        s.chars()
            .filter(|c| !matches!(c, '"' | '“' | '”'))
            .collect()
    } else {
        s.to_owned()
    };
    (label, off, off + s.len())
}

/// How many words of `label` are further nouns sharing one "of" complement ("the
/// security, stability and prosperity of …" has three): they count as one.
fn shared_heads(label: &str) -> usize {
    static CHAIN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:(?:,? and|,) [a-z-]+)+ of ").expect("constant regex"));
    CHAIN
        .find(label)
        .map_or(0, |m| m.as_str().split_whitespace().count() - 1)
}

/// Prepositions that end the head of a noun phrase ("cooperation to strengthen …",
/// "behavior toward others in the region").
const PREPOSITIONS: &[&str] = &[
    "of", "to", "for", "in", "on", "with", "at", "by", "against", "among", "between", "under",
    "across", "from", "toward", "towards", "through", "within", "into", "over", "around", "that",
    "which",
];

/// The head word of a label, lower case: the last word before its first
/// preposition ("guidelines for defense cooperation": "guidelines").
pub fn head_word(label: &str) -> String {
    label
        .split_whitespace()
        .take_while(|w| !PREPOSITIONS.contains(&super::super::tokens::lower(w).as_ref()))
        .last()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
        .to_lowercase()
}

/// Function words: they neither head an item nor make it long.
const SHORT: &[&str] = &[
    "the", "of", "a", "an", "and", "on", "in", "to", "for", "with", "at", "by", "its", "their",
    "our", "both", "against", "among", "between", "under", "across", "from",
];

/// Whether a cleaned label can name a topic.
pub fn acceptable(label: &str) -> bool {
    let words: Vec<&str> = label.split_whitespace().collect();
    // (Speed) Each word lowered once (borrowed when it is lower case already).
    let lowered: Vec<std::borrow::Cow<str>> = words
        .iter()
        .map(|w| super::super::tokens::lower(w))
        .collect();
    let first: &str = lowered.first().map_or("", |w| w);
    let last = words
        .last()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .unwrap_or_default();
    // A verb's list of objects does not make an item long ("promoting democratic
    // norms, human rights, and the rule of law in the region": up to twelve content
    // words).
    let content = lowered
        .iter()
        .filter(|w| !SHORT.contains(&w.as_ref()))
        .count();
    let object_list = label
        .find(", ")
        .is_some_and(|i| one_item(&label[..i], &label[i + 2..]))
        || [" between ", " among "].iter().any(|p| {
            label.find(p).is_some_and(|i| {
                let rest = &label[i + p.len()..];
                rest.strip_prefix("the ")
                    .unwrap_or(rest)
                    .starts_with(|c: char| c.is_uppercase())
            })
        });
    let long = if object_list {
        content > 12
    } else {
        words.len() - shared_heads(label) > 10
    };
    if words.len() < 2
        || long
        || GENERIC.contains(&label.to_lowercase().as_str())
        || NOT_ITEM_START.contains(&first)
        || VAGUE_LAST.contains(&last.as_str())
    {
        return false;
    }
    // A verb of saying or a finite verb inside: a clause, not a name.
    if lowered.iter().any(|w| CLAUSE_VERBS.contains(&w.as_ref())) {
        return false;
    }
    // "policy issues affecting …", "overall security issues of …": vague.
    if lowered
        .iter()
        .any(|w| matches!(w.as_ref(), "issues" | "matters" | "topics"))
    {
        return false;
    }
    // A pronoun is a clause's ("explore ways to ward them off"), not a name's.
    if words.iter().any(|w| {
        matches!(
            *w,
            "them" | "it" | "they" | "we" | "us" | "he" | "she" | "him"
        )
    }) {
        return false;
    }
    let heads = &super::cues::CUES.heads;
    // A vague head ("the entire gamut of the relationship", "implementation of
    // specific tasks", "the security environment").
    let head = words
        .iter()
        .zip(&lowered)
        .take_while(|(_, l)| !SHORT.contains(&l.as_ref()))
        .last()
        .map(|(w, _)| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .unwrap_or("");
    if heads.vague.iter().any(|v| v == head || *v == last) {
        return false;
    }
    // Only the name of a place ("South China Sea", "Indo-Pacific region").
    if heads.places.contains(&last)
        && words[..words.len() - 1]
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()) || matches!(*w, "the" | "of"))
    {
        return false;
    }
    // "the security alliance", "the partnership of the two countries": a bond
    // named by no party refers back to one the text names; it is no topic of its
    // own (an aim at it, "deepen the future alliance", is).
    let head = head_word(label);
    if (heads.bonds.contains(&head) || head == "relationship")
        && !label.contains(|c: char| c.is_uppercase())
        && !(is_gerund(first) || is_aim_word(first))
    {
        return false;
    }
    // A statement or a press release is no topic.
    if words
        .iter()
        .any(|w| matches!(*w, "Statement" | "Communique" | "Release"))
    {
        return false;
    }
    label
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_lose_filler_and_half_brackets() {
        assert_eq!(
            clean("the conventional-nuclear integration (CNI").0,
            "conventional-nuclear integration"
        );
        assert_eq!(clean("ways to deter threats").0, "deter threats");
        assert_eq!(
            clean("\"comprehensive\" deterrence").0,
            "comprehensive deterrence"
        );
        assert_eq!(
            clean("work together to contribute to peace in Asia").0,
            "peace in Asia"
        );
        assert_eq!(clean("issues such as supply chains").0, "supply chains");
        assert_eq!(clean("joint exercises (JE)").0, "joint exercises (JE)");
    }

    #[test]
    fn clauses_are_no_labels() {
        assert!(acceptable("supply chains"));
        assert!(!acceptable("the talks will be held"));
        assert!(!acceptable("key security issues"));
        assert!(!acceptable("deterrence"));
    }

    #[test]
    fn lists_end_at_reporting_clauses() {
        assert_eq!(
            list_end("trade and energy, the ministry said."),
            "trade and energy"
        );
        assert_eq!(list_end("trade, according to a statement"), "trade");
    }

    #[test]
    fn one_line_search_cuts_where_the_whole_regex_does() {
        // The definition: the regex as written, each alternative to the end of the text.
        let whole = Regex::new(&END.replace("{REST}", ".*$")).unwrap();
        let by_whole =
            |text: &str| cut_at(text, |from| whole.find_at(text, from).map(|m| m.start()));
        for text in [
            "trade and energy, the ministry said.",
            "trade as well as energy as the talks opened",
            "trade as well as to energy, officials added",
            "cyber threats during the annual security talks in Seoul",
            "deterrence this year, and space next month",
            "deterrence this yearly review",
            "the exercises -- both sides",
            "joint drills (KR",
            "joint drills (KR) and space",
            "supply chains; and more",
            "Ōsaka port access as the Çağrı firm noted",
            "trade in a timely manner\nas they said",
            "trade as usual\nand energy; more",
            "trade, they said\n",
            "",
            " said",
        ] {
            let cut = list_end(text);
            assert_eq!(cut.len(), by_whole(text), "{text:?}");
        }
    }
}
