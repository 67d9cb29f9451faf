//! Who agreed: the parties named as the grammatical subject of a cue of agreeing
//! ("Japan and Australia reaffirmed …", "Defense Minister Han and his U.S.
//! counterpart Carter signed …", "Seoul and Washington agreed …"), or a subject
//! that is the meeting's sides together ("the two ministers", "they").

use super::super::Findings;
use crate::document::Document;
use crate::lexicon::Lexicon;
use crate::ontology::EntityKind;
use crate::resolve::keys;
use regex::Regex;
use std::sync::LazyLock;

/// Who agrees, read from the words before a cue.
#[derive(Debug, Default)]
pub struct Parties {
    /// Countries or people named as the subject.
    pub named: Vec<usize>,
    /// "The two ministers", "both sides", "they": the meeting as a whole.
    pub joint: bool,
}

/// Words between a subject and its verb: "South Korea and the U.S. also agreed".
const BETWEEN: &[&str] = &[
    "also",
    "further",
    "again",
    "once",
    "jointly",
    "both",
    "all",
    "have",
    "has",
    "had",
    "will",
    "would",
    "then",
    "strongly",
    "firmly",
    "formally",
    "officially",
    "each",
    "together",
    "today",
    "yesterday",
    "fully",
    "clearly",
    "repeatedly",
];

/// A subject that is the meeting's sides together.
static JOINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(?:the|both|all)\s+(?:two|three|four|)\s*(?:sides|ministers|countries|leaders|allies|governments|nations|parties|delegations|secretaries|chiefs|participants|principals|partners|officials|heads)|they|we|participants|ministers|leaders|the allies)$").expect("constant regex")
});

/// A time between a subject and its verb: "South Korea and the U.S. on Monday
/// approved …", "The sides in 2014 agreed …".
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i),?\s+(?:(?:on|last|this|next|earlier|later)\s+(?:this\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month|year)|on\s+[a-z]+\.?\s+\d{1,2}|in\s+(?:\d{4}|[a-z]+\s+\d{4})|today|yesterday),?$")
        .expect("constant regex")
});

/// The words between two joined names that belong to the second one's title:
/// "his U.S. counterpart", "its Japanese counterpart".
static COUNTERPART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\b(?:his|her|their|its)\s+)?(?:[A-Z][\w.'-]*\s+){0,3}counterparts?,?$")
        .expect("constant regex")
});

/// The parties named as the subject of a cue of agreeing that starts at `cue`:
/// countries and people right before it (a capital standing for its country),
/// joined by commas and "and", each perhaps after its title.
pub fn parties(
    doc: &Document,
    lex: &Lexicon,
    f: &mut Findings,
    sent_start: usize,
    cue: usize,
) -> Parties {
    let mut at = trim_between(&doc.text[sent_start..cue]).len() + sent_start;
    let pre = &doc.text[sent_start..at];
    if JOINT.is_match(pre) {
        return Parties {
            named: Vec::new(),
            joint: true,
        };
    }
    let mut named = Vec::new();
    loop {
        let found = f
            .ending_at(at)
            .filter(|m| m.start >= sent_start)
            .filter_map(|m| {
                let e = f.canonical(m.entity);
                match f.entities[e].kind {
                    EntityKind::Country | EntityKind::Person | EntityKind::Meeting => {
                        Some((m.start, Some(e), None))
                    }
                    // "Seoul and Washington agreed": capitals stand for their governments.
                    EntityKind::Place => f.entities[e]
                        .lex
                        .and_then(|l| lex.country_of_capital(&lex.entries[l].name))
                        .map(|c| (m.start, None, Some(c))),
                    _ => None,
                }
            })
            .min_by_key(|m| m.0);
        let Some((start, e, capital)) = found else {
            break;
        };
        let e = match (e, capital) {
            (Some(e), _) => e,
            (None, Some(c)) => f.lex_entity(lex, c),
            (None, None) => break,
        };
        if f.entities[e].kind == EntityKind::Meeting && !named.is_empty() {
            // "During the summit, A and B agreed": the opening phrase ends the list.
            break;
        }
        if f.entities[e].kind == EntityKind::Meeting {
            // "The dialogue reaffirmed …": the meeting itself.
            return Parties {
                named: Vec::new(),
                joint: true,
            };
        }
        if !named.contains(&e) {
            named.push(e);
        }
        // A person's title before the name: "Japanese Prime Minister Fumio Kishida",
        // "his U.S. counterpart Ashton Carter".
        let mut from = start;
        if f.entities[e].kind == EntityKind::Person {
            let trimmed = doc.text[sent_start..from].trim_end().len() + sent_start;
            if let Some(office) = f
                .ending_at(trimmed)
                .filter(|m| m.start >= sent_start)
                .filter(|m| f.entities[f.canonical(m.entity)].kind == EntityKind::Office)
                .map(|m| m.start)
                .min()
            {
                from = office;
            }
            if let Some(m) = COUNTERPART.find(doc.text[sent_start..from].trim_end()) {
                from = sent_start + m.start();
            }
        }
        // What joins it to the one before: ", ", " and ", ", and ", "the".
        let mut before = doc.text[sent_start..from].trim_end();
        for w in ["the", "The"] {
            if let Some(b) = before.strip_suffix(w) {
                before = b.trim_end();
            }
        }
        let joined = [",", " and", ", and", "&"]
            .iter()
            .find_map(|j| before.strip_suffix(j));
        match joined {
            Some(b) => {
                let mut b = b.trim_end();
                for w in ["the", "The"] {
                    if let Some(x) = b.strip_suffix(&format!(" {w}")) {
                        b = x;
                    }
                }
                at = sent_start + b.len();
            }
            None => break,
        }
    }
    Parties {
        joint: named.len() >= 2,
        named,
    }
}

/// The meeting a sentence opens with ("During the Camp David summit, …", "At the
/// 50th SCM, …"): the subject of what the sentence reports, a summit too.
pub fn opening_meeting(doc: &Document, f: &Findings, si: usize) -> Option<usize> {
    let sp = &doc.sentences[si];
    let sent = &doc.text[sp.start..sp.end];
    let lead = ["During ", "At ", "In "]
        .iter()
        .find(|w| sent.starts_with(**w))?;
    // The opening phrase runs to its comma.
    let comma = sent.find(", ")?;
    f.sentence_mentions(si)
        .filter(|m| m.start >= sp.start + lead.len() && m.end <= sp.start + comma)
        .map(|m| f.canonical(m.entity))
        .find(|&e| {
            let x = &f.entities[e];
            x.kind == EntityKind::Meeting && !x.series && !keys::of_session(&x.key)
        })
}

/// Whether the words before a cue of agreeing put it in the future or in a wish
/// ("we will agree on", "are expected to sign", "hope to conclude").
pub fn prospective(before: &str) -> bool {
    let words: Vec<String> = before
        .split_whitespace()
        .rev()
        .take(3)
        .map(|w| w.to_lowercase())
        .collect();
    let first = words.first().map(String::as_str).unwrap_or("");
    matches!(
        first,
        "will" | "would" | "shall" | "to" | "could" | "might" | "may"
    ) || (matches!(first, "likely" | "soon" | "also" | "then")
        && words
            .get(1)
            .is_some_and(|w| matches!(w.as_str(), "will" | "would" | "to")))
}

/// Whether the cue of agreeing sits in a clause of earlier time ("… comes after
/// Seoul and Washington agreed", "since the allies agreed"): its last "after",
/// "since" or "following" opens the clause the cue ends.
pub fn agreed_before(before: &str) -> bool {
    let lower = before.to_lowercase();
    let opener = [" after ", " since ", " following "]
        .iter()
        .filter_map(|w| lower.rfind(w).map(|k| k + w.len()))
        .max();
    // The clause runs from its opener to the cue, with no comma between.
    opener.is_some_and(|k| {
        let clause = &lower[k..];
        !clause.contains(',') && clause.split_whitespace().count() <= 8
    })
}

/// `pre` without the adverbs, auxiliaries and times at its end.
fn trim_between(pre: &str) -> &str {
    let mut s = pre.trim_end();
    loop {
        if let Some(m) = TIME.find(s)
            && m.start() > 0
        {
            s = s[..m.start()].trim_end();
            continue;
        }
        let last = s.rsplit(' ').next().unwrap_or("");
        if !last.is_empty()
            && last.len() < s.len()
            && BETWEEN.contains(&last.to_lowercase().as_str())
        {
            s = s[..s.len() - last.len()].trim_end();
        } else {
            return s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_adverbs_between_subject_and_verb_go() {
        assert_eq!(trim_between("Chile and Peru on Tuesday "), "Chile and Peru");
        assert_eq!(trim_between("The sides in 2014 "), "The sides");
        assert_eq!(trim_between("Chile and Peru also "), "Chile and Peru");
        assert_eq!(trim_between("Chile and Peru "), "Chile and Peru");
    }

    #[test]
    fn future_and_earlier_agreements() {
        assert!(prospective("Today we will "));
        assert!(prospective("The ministers are expected to "));
        assert!(prospective("They will likely "));
        assert!(!prospective("The ministers "));
        assert!(agreed_before("The talks come after Chile and Peru "));
        assert!(!agreed_before("After the opening remarks, the two sides "));
        assert!(!agreed_before("The two sides "));
    }
}
