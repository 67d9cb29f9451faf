//! What joins the words of an agenda list into one item and what splits them: a
//! verb's objects ("promoting democratic norms, human rights, and the rule of
//! law"), verbs sharing one object ("maintaining and strengthening the order"),
//! names after "between" ("between South Korea, the United States and Japan").

use regex::Regex;
use std::sync::LazyLock;

/// Whether `w` is a verb in "-ing" ("promoting", "maintaining"): not a noun nor a
/// participle that describes one (`data/agenda.toml`, `not_gerunds`).
pub fn is_gerund(w: &str) -> bool {
    let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
    // "decision-making", "cost-sharing": a compound is a noun.
    w.len() >= 6
        && w.ends_with("ing")
        && !w.contains('-')
        && w.starts_with(|c: char| c.is_ascii_lowercase())
        && !super::cues::CUES.heads.not_gerunds.iter().any(|g| g == w)
}

/// Whether the separator between `item` (so far) and `next` joins one item: a
/// verb's objects or a list of names after "between".
pub fn one_item(item: &str, next: &str) -> bool {
    verb_object(item, next) || name_list(item, next)
}

/// Whether `next` goes on a list of names after "between" or "among" in `item`:
/// "cooperation between South Korea, the United States and Japan".
fn name_list(item: &str, next: &str) -> bool {
    static AFTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"\b(?:between|among|amongst)\s+(?:the\s+)?[A-Z][^,]*(?:,\s+(?:the\s+)?[A-Z][^,]*)*$",
        )
        .expect("constant regex")
    });
    let next = next.strip_prefix("the ").unwrap_or(next);
    // A list closed by "and" ("between Seoul and Washington, North Korea's …")
    // takes no more names.
    next.starts_with(|c: char| c.is_uppercase())
        && AFTER
            .find(item)
            .is_some_and(|m| !m.as_str().contains(" and "))
}

/// Whether the separator between `item` (so far) and `next` joins the object of a
/// verb in the item rather than two items: "promoting democratic norms, human
/// rights, and the rule of law", "achieve enhanced economic ties and broad-based
/// prosperity", "maintaining and strengthening the order". The next part starting
/// with a verb of its own ("…, and countering terrorism") or a name ("…, and North
/// Korea's threats") is a new item.
fn verb_object(item: &str, next: &str) -> bool {
    let last = item.split_whitespace().next_back().unwrap_or("");
    // "maintaining and strengthening X", "to deepen and expand X": two verbs share
    // one object;
    // "capabilities to detect, disrupt and destroy X": verbs after one "to".
    let infinitives = item
        .split_whitespace()
        .rev()
        .take_while(|w| *w != "to")
        .collect::<Vec<_>>();
    let after_to = infinitives.len() < item.split_whitespace().count()
        && (1..=4).contains(&infinitives.len())
        && infinitives.iter().enumerate().all(|(k, w)| {
            w.starts_with(|c: char| c.is_ascii_lowercase()) && (k == 0 || w.ends_with(','))
        });
    if is_gerund(last) || after_to {
        return true;
    }
    // The verb's own object so far is short: "promoting democratic norms, …", not
    // "reinforcing deterrence against the North's evolving threats, and …".
    let all: Vec<&str> = item.split_whitespace().collect();
    let verb = all
        .iter()
        .enumerate()
        .rev()
        .find(|&(k, w)| {
            is_gerund(w)
                || k > 0 && all[k - 1] == "to" && is_aim_word(w)
                // A pledge governs its list too: "commitment to A and the defense
                // of B" (counted from its "to").
                || *w == "to"
                    && k > 0
                    && super::cues::CUES.heads.pledges.iter().any(|p| p == all[k - 1])
        })
        .map(|(k, _)| k);
    // Counted to the first comma after the verb: the list may have begun.
    let object = |k: usize| {
        all[k + 1..]
            .iter()
            .position(|w| w.ends_with(','))
            .map_or(all.len() - k - 1, |p| p + 1)
    };
    if verb.is_none_or(|k| object(k) > 3) {
        return false;
    }
    let first = next
        .split_whitespace()
        .find(|w| {
            !matches!(
                w.to_lowercase().as_str(),
                "the" | "a" | "an" | "their" | "its" | "our"
            )
        })
        .unwrap_or("");
    !(is_gerund(first) || is_aim_word(first) || first.starts_with(|c: char| !c.is_lowercase()))
}

/// Whether `w` is a verb of aiming (`data/agenda.toml`, `aims`): "strengthen",
/// "achieve".
pub fn is_aim_word(w: &str) -> bool {
    let w = w.to_lowercase();
    super::cues::CUES
        .heads
        .aims
        .iter()
        .any(|h| w.starts_with(h.as_str()))
}
