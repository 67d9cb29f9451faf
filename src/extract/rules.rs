//! Rules as data: `data/rules.toml` (embedded) and the user's `--rules` files,
//! compiled once into [`engine`](super::engine) programs and run in stages over
//! each document.
//!
//! A rule file holds named word lists and rules:
//!
//! ```toml
//! [words]
//! lead_verbs = ["led", "headed", "chaired"]
//!
//! [[rule]]
//! id = "lead.led_by"                 # family.name, unique
//! stage = "relations"                # mentions | offices | meetings | relations (default)
//! pattern = '$lead_verbs by (?<p> @person) (and (?<p> @person))*'
//! facts = ["led p $meeting"]        # relation source target
//! unless = ['$negation']            # patterns that, found in the sentence, block the rule
//! ```
//!
//! A fact is `relation source target`, then optionally `former` or `acting`.
//! Its ends are capture names (every entity the capture's mentions name),
//! `offices(name)` (the offices the capture's people hold),
//! `$meeting` (the first meeting instance the sentence names, else the meeting the
//! article reports) or `$event` (the meeting the article reports). Optional:
//! `former`/`acting` qualifiers, and `others = "attended"`: of the sources, the
//! first of each side (country) gets the fact's relation and the rest `others`;
//! `same_series = true`: both ends of a fact are instances of one meeting series.
//! Word lists of the same name in several files are joined, so a user file can
//! add a word to a built-in list.

use super::engine::{Program, Sentence};
use super::tokens::Token;
use super::vocab::{self, Words};
use super::{Findings, relations};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::lexicon::Lexicon;
use crate::ontology::Qualifiers;
use crate::ontology::{EntityKind, Relation};
use crate::resolve::keys;
use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

/// The built-in rule file.
pub const BUILTIN: &str = include_str!("../../data/rules.toml");

/// When a rule runs: after the Rust readers of that stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// After names, acronyms and people.
    Mentions,
    /// After office titles.
    Offices,
    /// After meetings and agendas.
    Meetings,
    /// With the relations.
    Relations,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    words: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    rule: Vec<Spec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    id: String,
    #[serde(default = "relations_stage")]
    stage: Stage,
    pattern: String,
    facts: Vec<String>,
    #[serde(default)]
    unless: Vec<String>,
    #[serde(default)]
    former: bool,
    #[serde(default)]
    acting: bool,
    #[serde(default)]
    others: Option<String>,
    #[serde(default)]
    same_series: bool,
}

fn relations_stage() -> Stage {
    Stage::Relations
}

/// One end of a fact a rule makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum End {
    Capture(usize),
    /// The offices the capture's people hold (not former ones).
    Offices(usize),
    Meeting,
    Event,
}

#[derive(Clone, Debug)]
struct FactSpec {
    relation: Relation,
    source: End,
    target: End,
    /// The fact's own qualifiers (`former`, `acting` after its ends).
    former: bool,
    acting: bool,
}

/// A compiled rule.
#[derive(Clone, Debug)]
pub struct Rule {
    /// `family.name`.
    pub id: String,
    /// The id as the facts carry it.
    prov: crate::provenance::Rule,
    /// When it runs.
    pub stage: Stage,
    program: Program,
    unless: Vec<Program>,
    facts: Vec<FactSpec>,
    qualifiers: Qualifiers,
    others: Option<Relation>,
    /// Both ends of each fact are instances of one meeting series.
    same_series: bool,
    /// The prefilter: word sets (as word ids, [`vocab`]) of the pattern.
    needs: Vec<Vec<u32>>,
}

/// The compiled rules, in stage order (file order within a stage).
#[derive(Clone, Debug, Default)]
pub struct RuleSet {
    /// The rules.
    pub rules: Vec<Rule>,
    /// (Speed) By word id: the rules whose first word set of the prefilter
    /// holds the word, in order.
    by_first_word: Vec<Vec<usize>>,
    /// (Speed) The rules with no word set, in order.
    wordless: Vec<usize>,
}

static BUILTIN_SET: LazyLock<std::result::Result<Arc<RuleSet>, String>> = LazyLock::new(|| {
    RuleSet::from_sources(&[(PathBuf::from("<builtin>"), BUILTIN.to_string())])
        .map(Arc::new)
        .map_err(|e| e.to_string())
});

/// The built-in rules, compiled once.
pub fn builtin() -> Result<Arc<RuleSet>> {
    BUILTIN_SET.clone().map_err(|reason| Error::Rules {
        path: PathBuf::from("<builtin>"),
        reason,
    })
}

fn err(path: &Path, id: Option<&str>, reason: impl std::fmt::Display) -> Error {
    Error::Rules {
        path: path.to_path_buf(),
        reason: match id {
            Some(id) => format!("rule `{id}`: {reason}"),
            None => reason.to_string(),
        },
    }
}

impl RuleSet {
    /// The rules of `sources` (path, text), the built-in file first.
    pub fn from_sources(sources: &[(PathBuf, String)]) -> Result<RuleSet> {
        let mut files = Vec::new();
        let mut lists: HashMap<String, Vec<String>> = HashMap::default();
        for (path, text) in sources {
            let file: File = toml::from_str(text).map_err(|e| err(path, None, e))?;
            for (name, words) in &file.words {
                lists.entry(name.clone()).or_default().extend(words.clone());
            }
            files.push((path, file));
        }
        let mut set = RuleSet::default();
        let mut seen: HashMap<String, PathBuf> = HashMap::default();
        for (path, file) in files {
            for spec in file.rule {
                let id = spec.id.clone();
                let id = id.as_str();
                let (family, name) = id.split_once('.').unwrap_or(("", ""));
                let part = |s: &str| {
                    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                };
                if !part(family) || !part(name) {
                    return Err(err(path, Some(id), "an id is `family.name`"));
                }
                if let Some(other) = seen.insert(id.to_string(), path.clone()) {
                    let why = format!("the id is also used in {}", other.display());
                    return Err(err(path, Some(id), why));
                }
                let rule = set
                    .compile(spec, &lists)
                    .map_err(|r| err(path, Some(id), r))?;
                set.rules.push(rule);
            }
        }
        // Stable: file order within a stage.
        set.rules.sort_by_key(|r| r.stage);
        for (i, rule) in set.rules.iter().enumerate() {
            match rule.needs.first() {
                None => set.wordless.push(i),
                Some(words) => {
                    for &w in words {
                        let w = w as usize;
                        if set.by_first_word.len() <= w {
                            set.by_first_word.resize_with(w + 1, Vec::new);
                        }
                        let list = &mut set.by_first_word[w];
                        if list.last() != Some(&i) {
                            list.push(i);
                        }
                    }
                }
            }
        }
        Ok(set)
    }

    fn compile(&self, spec: Spec, lists: &HashMap<String, Vec<String>>) -> Result<Rule, String> {
        let program =
            Program::compile(&spec.pattern, lists).map_err(|e| format!("pattern: {e}"))?;
        let unless = spec
            .unless
            .iter()
            .map(|u| Program::compile(u, lists).map_err(|e| format!("unless `{u}`: {e}")))
            .collect::<Result<Vec<_>, String>>()?;
        let capture = |s: &str| {
            program
                .capture(s)
                .ok_or_else(|| format!("`{s}` is no capture of the pattern"))
        };
        let end = |s: &str| match s {
            "$meeting" => Ok(End::Meeting),
            "$event" => Ok(End::Event),
            _ => match s.strip_prefix("offices(").and_then(|c| c.strip_suffix(')')) {
                Some(c) => capture(c).map(End::Offices),
                None => capture(s).map(End::Capture),
            },
        };
        let relation = |s: &str| {
            s.parse::<Relation>()
                .map_err(|_| format!("unknown relation `{s}`"))
        };
        let mut facts = Vec::new();
        for f in &spec.facts {
            let parts: Vec<&str> = f.split_whitespace().collect();
            let [r, s, t, flags @ ..] = &parts[..] else {
                return Err(format!("the fact `{f}` is not `relation source target`"));
            };
            if let Some(bad) = flags.iter().find(|x| !matches!(**x, "former" | "acting")) {
                return Err(format!(
                    "the fact `{f}`: `{bad}` is neither `former` nor `acting`"
                ));
            }
            facts.push(FactSpec {
                relation: relation(r)?,
                source: end(s)?,
                target: end(t)?,
                former: flags.contains(&"former"),
                acting: flags.contains(&"acting"),
            });
        }
        if facts.is_empty() {
            return Err("a rule makes at least one fact".into());
        }
        let others = spec.others.as_deref().map(relation).transpose()?;
        let needs = program
            .needs
            .iter()
            .map(|set| set.iter().map(|w| vocab::intern(w)).collect())
            .collect();
        Ok(Rule {
            prov: crate::provenance::Rule::intern(&spec.id),
            id: spec.id,
            stage: spec.stage,
            program,
            unless,
            facts,
            qualifiers: Qualifiers {
                former: spec.former,
                acting: spec.acting,
                ..Qualifiers::default()
            },
            others,
            same_series: spec.same_series,
            needs,
        })
    }
}

impl Lexicon {
    /// The lexicon with the built-in rules and the rules of the files at `paths`.
    pub fn with_rules(mut self, paths: &[PathBuf]) -> Result<Lexicon> {
        if paths.is_empty() {
            return Ok(self);
        }
        let mut sources = vec![(PathBuf::from("<builtin>"), BUILTIN.to_string())];
        for p in paths {
            let text = std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?;
            sources.push((p.clone(), text));
        }
        self.rules = Arc::new(RuleSet::from_sources(&sources)?);
        Ok(self)
    }
}

/// A match of a rule, before its facts are made: the rule's index and the
/// entities of each capture.
type Hit = (usize, Vec<Vec<usize>>);

/// Runs the rules of `stage` over every sentence of `doc` (`words`: the words
/// of each sentence's tokens, [`vocab::document`]).
pub fn run_stage<'a>(
    stage: Stage,
    doc: &Document,
    toks: &'a [Vec<Token<'a>>],
    words: &'a [Words<'a>],
    lex: &Lexicon,
    f: &mut Findings,
) {
    let set = &*lex.rules;
    let first = set.rules.partition_point(|r| r.stage < stage);
    let last = set.rules.partition_point(|r| r.stage <= stage);
    let rules = &set.rules[first..last];
    if rules.is_empty() {
        return;
    }
    // By word id: whether the sentence holds the word (set for the sentence's
    // words, then cleared again).
    let mut present = vec![false; vocab::count()];
    let mut marked: Vec<usize> = Vec::new();
    let mut may: Vec<usize> = Vec::new();
    let mut kinds: Vec<(EntityKind, bool)> = Vec::new();
    for (si, tokens) in toks.iter().enumerate() {
        let words = &words[si];
        for &i in &marked {
            present[i] = false;
        }
        marked.clear();
        for (at, t) in tokens.iter().enumerate() {
            let i = words.id(at, t.text) as usize;
            if i < present.len() && !present[i] {
                present[i] = true;
                marked.push(i);
            }
        }
        // The kinds of mention in the sentence, as the rules ask for them.
        // (Speed) The words first: the kinds are only looked up for a sentence
        // that has some rule's words. Both lists reuse their memory.
        // (Speed) Only the rules one of whose first set's words the sentence
        // holds (or with no set) are asked, in order.
        may.clear();
        let in_stage = |&&i: &&usize| first <= i && i < last;
        for &w in &marked {
            if let Some(list) = set.by_first_word.get(w) {
                may.extend(list.iter().filter(in_stage).map(|&i| i - first));
            }
        }
        may.extend(set.wordless.iter().filter(in_stage).map(|&i| i - first));
        may.sort_unstable();
        may.dedup();
        // (Speed) A rule of the list of a word the sentence holds has its first
        // set, and a rule with no set none: the sets after the first are asked.
        may.retain(|&i| {
            rules[i].needs.iter().skip(1).all(|set| {
                set.iter()
                    .any(|&w| present.get(w as usize).copied().unwrap_or(false))
            })
        });
        if may.is_empty() {
            continue;
        }
        kinds.clear();
        kinds.extend(f.sentence_mentions(si).map(|m| {
            let ent = &f.entities[f.canonical(m.entity)];
            (ent.kind, ent.series)
        }));
        may.retain(|&i| {
            rules[i]
                .program
                .kinds
                .iter()
                .all(|k| kinds.iter().any(|&(kind, series)| k.accepts(kind, series)))
        });
        if may.is_empty() {
            continue;
        }
        let sentence = Sentence::with_words(
            tokens,
            std::borrow::Cow::Borrowed(words),
            f.sentence_mentions(si).map(|m| {
                let e = f.canonical(m.entity);
                let ent = &f.entities[e];
                (m.start, m.end, e, ent.kind, ent.series)
            }),
        );
        let mut hits: Vec<Hit> = Vec::new();
        for &i in &may {
            let rule = &rules[i];
            if rule.unless.iter().any(|u| u.is_match(&sentence)) {
                continue;
            }
            for found in rule.program.find_all(&sentence) {
                let caps = found
                    .captures
                    .iter()
                    .map(|c| {
                        let mut v: Vec<usize> = Vec::new();
                        for &(e, _, _) in c {
                            if !v.contains(&e) {
                                v.push(e);
                            }
                        }
                        v
                    })
                    .collect();
                hits.push((i, caps));
            }
        }
        for (i, caps) in hits {
            apply(&rules[i], &caps, si, doc, lex, f);
        }
    }
}

/// The meeting `$meeting` names in sentence `si`: the first instance mentioned
/// there (not a session), else the article's event.
fn sentence_meeting(f: &Findings, si: usize) -> Option<usize> {
    f.sentence_mentions(si)
        .map(|m| f.canonical(m.entity))
        .find(|&e| {
            let x = &f.entities[e];
            x.kind == EntityKind::Meeting && !x.series && !keys::of_session(&x.key)
        })
        .or(f.event)
}

/// Whether meetings `a` and `b` are instances of one series.
fn same_series(f: &Findings, a: usize, b: usize) -> bool {
    let series = |m: usize| {
        f.facts
            .iter()
            .filter(move |x| x.relation == Relation::InstanceOf && f.canonical(x.source) == m)
            .map(|x| f.canonical(x.target))
    };
    series(a).any(|s| series(b).any(|t| t == s))
}

/// Makes the facts of one match.
fn apply(
    rule: &Rule,
    caps: &[Vec<usize>],
    si: usize,
    doc: &Document,
    lex: &Lexicon,
    f: &mut Findings,
) {
    let _ = doc;
    let meeting = sentence_meeting(f, si);
    let event = f.event;
    let ends = |f: &Findings, end: End| -> Vec<usize> {
        match end {
            End::Capture(k) => caps[k].clone(),
            End::Offices(k) => f
                .facts
                .iter()
                .filter(|x| {
                    x.relation == Relation::HoldsOffice
                        && !x.qualifiers.former
                        && caps[k].contains(&f.canonical(x.source))
                })
                .map(|x| f.canonical(x.target))
                .collect(),
            End::Meeting => meeting.into_iter().collect(),
            End::Event => event.into_iter().collect(),
        }
    };
    for spec in &rule.facts {
        let sources = ends(f, spec.source);
        let targets = ends(f, spec.target);
        let qualifiers = Qualifiers {
            former: rule.qualifiers.former || spec.former,
            acting: rule.qualifiers.acting || spec.acting,
            ..rule.qualifiers.clone()
        };
        let mut sides: Vec<String> = Vec::new();
        for &s in &sources {
            let relation = match rule.others {
                Some(others) => {
                    let side = relations::side_of(f, lex, s);
                    if side != "?" && !sides.contains(&side) {
                        sides.push(side);
                        spec.relation
                    } else {
                        others
                    }
                }
                None => spec.relation,
            };
            for &t in &targets {
                if rule.same_series && !same_series(f, s, t) {
                    continue;
                }
                f.fact(relation, s, t, si, qualifiers.clone(), rule.prov);
            }
        }
    }
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
