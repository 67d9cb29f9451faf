//! What an item of a cue of agreeing names: the object of a light verb ("agreed to
//! hold annual drills" → "annual drills"), judged by its head noun ("lasting peace
//! on the peninsula" is a peace, not a peninsula; "guidelines for defense
//! cooperation" are guidelines).

use super::cues::CUES;
use super::items::acceptable;

/// Prepositions that end the head of a noun phrase ("conclusion of …").
const PREPOSITIONS: &[&str] = &[
    "of",
    "for",
    "on",
    "in",
    "to",
    "against",
    "with",
    "between",
    "among",
    "under",
    "at",
    "by",
    "from",
    "toward",
    "towards",
    "through",
    "across",
    "within",
    "over",
    "regarding",
    "before",
    "after",
    "until",
    "during",
];

/// Days that may stand between a cue and its "to" ("agreed Thursday to …").
const DAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
];

/// The head word of a label: the last word before its first preposition, else
/// its last word (lower case, without punctuation).
pub fn head(label: &str) -> String {
    let words: Vec<&str> = label.split_whitespace().collect();
    let cut = words
        .iter()
        .position(|w| PREPOSITIONS.contains(&w.to_lowercase().as_str()))
        .filter(|&i| i > 0)
        .unwrap_or(words.len());
    words[..cut]
        .last()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .unwrap_or_default()
}

/// The words before the head's preposition ("early conclusion" of "early
/// conclusion of the talks").
fn head_phrase(label: &str) -> String {
    let words: Vec<&str> = label.split_whitespace().collect();
    let cut = words
        .iter()
        .position(|w| PREPOSITIONS.contains(&w.to_lowercase().as_str()))
        .filter(|&i| i > 0)
        .unwrap_or(words.len());
    words[..cut].join(" ")
}

/// Where the complement of an item's head starts (its first preposition after the
/// first word), in bytes; the item's length if it has none.
pub fn complement_start(raw: &str) -> usize {
    let mut at = 0;
    for (k, w) in raw.split(' ').enumerate() {
        if k > 0 && PREPOSITIONS.contains(&w.to_lowercase().as_str()) {
            return at;
        }
        at += w.len() + 1;
    }
    raw.len()
}

/// `label` without a preposition left at its end ("lasting peace on" of "… of,
/// and lasting peace on, the peninsula").
pub fn trim_preposition(label: &str) -> &str {
    match label.rsplit_once(' ') {
        Some((rest, last)) if PREPOSITIONS.contains(&last.to_lowercase().as_str()) => rest,
        _ => label,
    }
}

/// A list segment that only describes the name before it: an apposition ("Camp
/// Humphreys, a sprawling base") or an aside ("its headquarters, currently in
/// Seoul, to …").
pub fn aside(before: &str, raw: &str) -> bool {
    let raw = raw.trim_start();
    let mut words = raw.split_whitespace();
    let first = words.next().unwrap_or("");
    let second = words.next().unwrap_or("").to_lowercase();
    let after_name = before
        .trim_end()
        .strip_suffix(',')
        .and_then(|b| b.trim_end().rsplit(' ').next())
        .is_some_and(|w| w.starts_with(char::is_uppercase));
    (after_name && matches!(first, "a" | "an"))
        || (first.ends_with("ly") && PREPOSITIONS.contains(&second.as_str()))
}

/// Whether a capitalised word stands right before a label's head ("EDSCG
/// meetings"): a meeting head then names a series, not a new gathering.
pub fn names_series(label: &str) -> bool {
    let phrase = head_phrase(label);
    let words: Vec<&str> = phrase.split_whitespace().collect();
    words.len() >= 2
        && words[words.len() - 2].starts_with(char::is_uppercase)
        && CUES.heads.meeting_nouns.contains(&head(label))
}

/// Whether a clause after "agreed that" judges what was ("… has contributed to
/// peace", "… helped stability") rather than settling what will be ("… will
/// stay until …", "… should be enforced").
pub fn assessment(clause: &str) -> bool {
    let words: Vec<String> = clause
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let modal = words.iter().any(|w| {
        matches!(
            w.as_str(),
            "will" | "would" | "should" | "must" | "shall" | "need" | "needs" | "continue"
        )
    });
    let judged = words.iter().any(|w| {
        matches!(
            w.as_str(),
            "contributed" | "helped" | "has" | "have" | "had" | "was" | "were" | "proved"
        )
    });
    judged && !modal
}

/// Whether the head is a noun of agreements in lower case ("new guidelines for
/// …", "a plan to …"): the item is an agreement whatever the cue.
pub fn agreement_head(label: &str) -> bool {
    let h = head(label);
    CUES.heads.agreement_nouns.contains(&h)
}

/// `label` without a leading light verb whose object is what was agreed ("hold
/// annual drills", "pursue an early conclusion of the talks"), and how many bytes
/// went.
pub fn strip_light_verb(whole: &str) -> (&str, usize) {
    // "Thursday to speed up …": the day between the cue and its "to" goes.
    let mut label = whole;
    let mut words = whole.splitn(3, ' ');
    if let (Some(day), Some("to"), Some(rest)) = (words.next(), words.next(), words.next())
        && DAYS.contains(&day.to_lowercase().as_str())
    {
        label = rest;
    }
    let first = label.split(' ').next().unwrap_or("");
    if !CUES
        .heads
        .light_verbs
        .iter()
        .any(|v| v.eq_ignore_ascii_case(first))
    {
        return (label, whole.len() - label.len());
    }
    let mut rest = label[first.len()..].trim_start();
    // The article goes with the verb.
    for a in ["a ", "an ", "the "] {
        if rest.len() > a.len() && rest[..a.len()].eq_ignore_ascii_case(a) {
            rest = &rest[a.len()..];
        }
    }
    // An object of one word, or none, is no name of what was agreed.
    if rest.split_whitespace().count() < 2 {
        return (label, whole.len() - label.len());
    }
    (rest, whole.len() - rest.len())
}

/// Whether an item under a cue of agreeing can name an agreement: a topic label
/// would do, or one whose head phrase would and whose whole is no clause and
/// not too long ("early conclusion of their cost-sharing talks", whose last word
/// alone is vague).
pub fn acceptable_agreement(label: &str) -> bool {
    if acceptable(label) {
        return true;
    }
    let words = label.split_whitespace().count();
    let phrase = head_phrase(label);
    // Under a head that makes a topic, the loose test would only make topics.
    if CUES.heads.topic.contains(&head(label)) {
        return false;
    }
    if words > 14 || phrase == label {
        return false;
    }
    // A meeting ("talks in person", "high-level dialogue to …") is no agreement.
    if CUES.heads.meeting_nouns.contains(&head(label)) && !names_series(label) {
        return false;
    }
    // A gerund opens an aim or a way ("extending deterrence to …"), and a pronoun
    // at the end points elsewhere ("nuclear forces among them").
    let last = label.rsplit(' ').next().unwrap_or("").to_lowercase();
    if phrase.split(' ').next().is_some_and(|w| w.ends_with("ing"))
        || matches!(
            last.as_str(),
            "them" | "it" | "this" | "that" | "these" | "those" | "us" | "him" | "her"
        )
    {
        return false;
    }
    // The head phrase alone must pass, or be one verb ("communicate often with …").
    let first = phrase.to_lowercase();
    let ok_head = acceptable(&phrase)
        || (phrase.split_whitespace().count() == 1
            && !phrase.starts_with(char::is_uppercase)
            && !super::items::NOT_ITEM_START.contains(&first.as_str()));
    ok_head
        && !label.split_whitespace().any(|w| {
            super::items::CLAUSE_VERBS.contains(&w.to_lowercase().as_str())
                || matches!(w, "we" | "they" | "he" | "she" | "it" | "which" | "who")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_stop_at_prepositions() {
        assert_eq!(head("lasting peace on the Korean Peninsula"), "peace");
        assert_eq!(head("stable and prosperous Arctic region"), "region");
        assert_eq!(head("new guidelines for harbor cooperation"), "guidelines");
        assert!(agreement_head("new guidelines for harbor cooperation"));
        assert!(!agreement_head("harbor cooperation"));
    }

    #[test]
    fn light_verbs_leave_their_object() {
        assert_eq!(
            strip_light_verb("hold annual river patrols").0,
            "annual river patrols"
        );
        assert_eq!(
            strip_light_verb("pursue an early end of the talks").0,
            "early end of the talks"
        );
        assert_eq!(strip_light_verb("hold talks").0, "hold talks");
        assert_eq!(
            strip_light_verb("Friday to widen the canal").0,
            "widen the canal"
        );
        assert_eq!(
            strip_light_verb("strengthen river patrols").0,
            "strengthen river patrols"
        );
    }

    #[test]
    fn agreements_may_end_in_vague_words() {
        assert!(acceptable_agreement("early end of their tariff talks"));
        assert!(acceptable_agreement("meet often on key border issues"));
        assert!(!acceptable_agreement("talks that will be held"));
    }
}
