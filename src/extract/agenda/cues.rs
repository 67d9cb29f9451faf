//! The agenda cues of `data/agenda.toml`, loaded once: one regex with a group per
//! cue family, and the literals that rule a sentence out, derived from the words.

use super::super::pattern::Pattern;
use crate::ontology::Relation;
use crate::provenance::Rule;
use serde::Deserialize;
use std::sync::LazyLock;

/// The cue file, embedded.
pub const BUILTIN: &str = include_str!("../../../data/agenda.toml");

#[derive(Deserialize)]
struct File {
    cue: Vec<CueEntry>,
    heads: Heads,
}

#[derive(Deserialize)]
struct CueEntry {
    id: String,
    relation: String,
    words: Vec<String>,
    #[serde(default)]
    clause: bool,
    #[serde(default)]
    before: bool,
    #[serde(default)]
    agreements: bool,
}

/// Head words of the data file.
#[derive(Deserialize, Debug)]
pub struct Heads {
    /// Last words of an agreement's name.
    pub agreement: Vec<String>,
    /// Last words of an item that stays a topic under an agreeing cue.
    pub topic: Vec<String>,
    /// Stems of verbs that open an aim ("strengthen", "strengthening"): such an
    /// item is a topic.
    pub aims: Vec<String>,
    /// Nouns of pledging ("commitment"): an item headed by one followed by "to"
    /// ("their shared commitment to regional security") states what was agreed.
    #[serde(default)]
    pub pledges: Vec<String>,
    /// Verbs whose object is what was agreed ("agreed to hold annual drills").
    #[serde(default)]
    pub light_verbs: Vec<String>,
    /// Lower-case head nouns of agreements ("new guidelines for …", "a plan to …").
    #[serde(default)]
    pub agreement_nouns: Vec<String>,
    /// Lower-case nouns that end an agreement named in lower case ("bilateral
    /// security treaty", "information-sharing deal") …
    #[serde(default)]
    pub deal_nouns: Vec<String>,
    /// Head nouns of meetings: an item headed by one is no agreement.
    #[serde(default)]
    pub meeting_nouns: Vec<String>,
    /// … after one of these modifiers or a hyphenated word.
    #[serde(default)]
    pub deal_modifiers: Vec<String>,
    /// Words in "-ing" that are no verb ("during", "meeting") or that describe a
    /// noun ("growing threats"): they open no verb phrase whose object a list is.
    #[serde(default)]
    pub not_gerunds: Vec<String>,
    /// Head nouns that name nothing in particular ("the entire gamut of …", "the
    /// possibility of …"): an item headed by one is no topic.
    #[serde(default)]
    pub vague: Vec<String>,
    /// Last words of the name of a place ("South China Sea", "Taiwan Strait"): an
    /// item that is such a name is a place, never a topic.
    #[serde(default)]
    pub places: Vec<String>,
    /// Head words of a bond between parties ("alliance", "partnership"): a name
    /// "Philippines-United States Alliance" is a topic.
    #[serde(default)]
    pub bonds: Vec<String>,
    /// Words between the parties and the head ("strategic", "special").
    #[serde(default)]
    pub bond_words: Vec<String>,
}

/// A cue family.
#[derive(Debug)]
pub struct Cue {
    /// `agenda.<name>`.
    pub id: String,
    /// The id as the facts carry it.
    pub rule: Rule,
    /// Discussed or agreed.
    pub relation: Relation,
    /// Opens a clause, not a list.
    pub clause: bool,
    /// The items come before the cue ("… are on the agenda").
    pub before: bool,
    /// A new item of an agreeing cue is an agreement ("agreed to hold annual
    /// exercises"); otherwise a topic.
    pub names_agreements: bool,
}

/// Every cue family, compiled.
#[derive(Debug)]
pub struct Cues {
    /// The families, in file order.
    pub cues: Vec<Cue>,
    /// Every phrase, in one alternation (longest first).
    pub pattern: Pattern,
    /// Each phrase alone, anchored at the start, in the order of the groups:
    /// which phrase a match of [`Cues::pattern`] is (the first that matches at
    /// its start, as in the alternation) is asked of this set, which is far
    /// cheaper than the groups of the whole pattern.
    phrases: regex::RegexSet,
    /// The family of each phrase of [`Cues::phrases`].
    phrase_family: Vec<usize>,
    /// The head words.
    pub heads: Heads,
}

/// What "{poss}" stands for: an optional possessive or article.
const POSS: &str = r"(?:(?:their|its|our|his|her|the|a|an)\s+)?";

impl Cues {
    /// Compiles the cue file's text. Panics on a malformed builtin file (a test
    /// loads it).
    pub fn parse(text: &str) -> Result<Cues, String> {
        let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut literals: Vec<String> = Vec::new();
        let mut cues = Vec::new();
        // (phrase as regex, its length, its family)
        let mut alts: Vec<(String, usize, usize)> = Vec::new();
        for (i, c) in file.cue.iter().enumerate() {
            let relation = match c.relation.as_str() {
                "discussed" => Relation::Discussed,
                "agreed" => Relation::Agreed,
                r => return Err(format!("{}: relation {r} is not discussed or agreed", c.id)),
            };
            if !c.id.starts_with("agenda.") {
                return Err(format!("{}: a cue id starts with \"agenda.\"", c.id));
            }
            for w in &c.words {
                let parts: Vec<&str> = w.split_whitespace().collect();
                let re: String = parts
                    .iter()
                    .enumerate()
                    .map(|(k, part)| {
                        if *part == "{poss}" {
                            POSS.to_string()
                        } else if k + 1 == parts.len() {
                            format!(r"{}\b\s*", regex::escape(&part.to_lowercase()))
                        } else {
                            format!(r"{}\s+", regex::escape(&part.to_lowercase()))
                        }
                    })
                    .collect();
                alts.push((re, w.len(), i));
                // The longest plain word of the phrase: every match holds it.
                if let Some(l) = w
                    .split_whitespace()
                    .filter(|p| !p.starts_with('{'))
                    .max_by_key(|p| p.len())
                {
                    literals.push(l.to_lowercase());
                }
            }
            cues.push(Cue {
                id: c.id.clone(),
                rule: Rule::intern(&c.id),
                relation,
                clause: c.clause,
                before: c.before,
                names_agreements: c.agreements,
            });
        }
        // Longer phrases first, so that the alternation takes the longest cue at a
        // place ("reaffirmed their commitment to" before "reaffirmed").
        alts.sort_by_key(|a| std::cmp::Reverse(a.1));
        let body: Vec<String> = alts.iter().map(|(re, _, _)| format!("(?:{re})")).collect();
        let source = format!(r"(?i)\b(?:{})", body.join("|"));
        literals.sort();
        literals.dedup();
        let lits: Vec<&str> = literals.iter().map(String::as_str).collect();
        // Each phrase alone; compiling them checks every phrase of the file.
        let phrases = regex::RegexSet::new(alts.iter().map(|(re, _, _)| format!(r"(?i)^(?:{re})")))
            .map_err(|e| e.to_string())?;
        let phrase_family = alts.iter().map(|a| a.2).collect();
        let pattern = Pattern::new(source).needs(&lits);
        Ok(Cues {
            cues,
            pattern,
            phrases,
            phrase_family,
            heads: file.heads,
        })
    }

    /// The matches of [`Cues::pattern`] in `sent`, each with its family: the
    /// first phrase, in the order of the alternation, that matches at its start.
    pub fn matches<'h>(&self, sent: &'h str) -> Vec<(super::super::pattern::Hit<'h>, &Cue)> {
        self.pattern
            .find_iter(sent)
            .filter_map(|m| {
                let k = self.phrases.matches(&sent[m.start()..]).iter().next()?;
                Some((m, self.cues.get(self.phrase_family[k])?))
            })
            .collect()
    }
}

/// The builtin cues.
pub static CUES: LazyLock<Cues> =
    LazyLock::new(|| Cues::parse(BUILTIN).expect("data/agenda.toml compiles"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_cues_compile_with_their_ids() {
        let c = &*CUES;
        assert!(c.cues.iter().all(|x| x.id.starts_with("agenda.")));
        let m = c.matches("The two sides reaffirmed their commitment to peace.");
        assert_eq!(m[0].1.id, "agenda.commitment");
        assert!(Cues::parse("[[cue]]\nid='x'\nrelation='agreed'\nwords=['a']\n[heads]\nagreement=[]\ntopic=[]\naims=[]").is_err());
    }
}
