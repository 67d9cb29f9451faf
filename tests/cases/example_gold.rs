//! The example graph against its gold (`examples/gold.json`) and its known wrong
//! facts (`examples/known_wrong.toml`).
//!
//! - `gold_found` in `known_wrong.toml` lists the gold relations
//!   (`relation|source id|target id`) the example graph has: losing one fails. A
//!   relation is found when an edge of that relation joins a node matching the
//!   gold source to one matching the gold target; a node matches a gold entity of
//!   its kind when one of its label and aliases equals one of the entity's name and
//!   aliases, normalised as `shared/tools/score.py` does. The test prints the gold
//!   relations found beyond the list, to add (raise the floor when a fix lands);
//!   `cargo test --test main example_gold_floor -- --ignored --nocapture` prints
//!   the whole list as it stands.
//! - Each `[[wrong]]` entry names a known wrong fact with the rule-table patterns
//!   (`reject`, `no_entities`, see `rules.rs`) or a built-in check
//!   (`builtin = "unbalanced_brackets"`: a label or alias with an unclosed
//!   bracket). An entry with `pending` is in the graph today and must be: once it
//!   is gone the test fails until the `pending` line is removed, which turns the
//!   entry into a guard against its return.

use super::rules::{EntityPattern, FactPattern, View};
use newsgraph::build::build_texts;
use newsgraph::corpus::EXAMPLE;
use newsgraph::lexicon::Lexicon;
use regex::Regex;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// The example graph, built once.
static GRAPH: LazyLock<View> = LazyLock::new(|| {
    let lex = Lexicon::builtin().expect("the builtin lexicon loads");
    View::of(&build_texts(EXAMPLE, &lex).expect("the example corpus builds"))
});

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KnownWrong {
    gold_found: Vec<String>,
    /// Gold relations found once and lost since (regressions to win back, or
    /// matches that were right by accident): printed, not required.
    #[serde(default)]
    gold_lost: Vec<String>,
    #[serde(default)]
    wrong: Vec<Wrong>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Wrong {
    id: String,
    what: String,
    #[serde(default)]
    reject: Vec<String>,
    #[serde(default)]
    no_entities: Vec<String>,
    builtin: Option<String>,
    pending: Option<String>,
}

fn known_wrong() -> KnownWrong {
    let path = super::common::root().join("examples/known_wrong.toml");
    let src = std::fs::read_to_string(&path).expect("examples/known_wrong.toml reads");
    toml::from_str(&src).unwrap_or_else(|e| panic!("examples/known_wrong.toml: {e}"))
}

#[derive(Deserialize)]
struct Gold {
    entities: Vec<GoldEntity>,
    relations: Vec<GoldRelation>,
}

#[derive(Deserialize)]
struct GoldEntity {
    id: String,
    kind: String,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Deserialize)]
struct GoldRelation {
    source: String,
    relation: String,
    target: String,
}

fn gold() -> Gold {
    let path = super::common::root().join("examples/gold.json");
    let src = std::fs::read_to_string(&path).expect("examples/gold.json reads");
    serde_json::from_str(&src).unwrap_or_else(|e| panic!("examples/gold.json: {e}"))
}

/// A form as `score.py` compares it: case, punctuation, a leading "the" and
/// possessives do not matter; U.S. == US.
fn score_norm(s: &str) -> String {
    static POSSESSIVE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"'s\b").expect("regex"));
    static NON_WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[^\w]+").expect("regex"));
    let t = s.to_lowercase().replace('\u{2019}', "'");
    let t = POSSESSIVE.replace_all(&t, "").replace('.', "");
    let t = NON_WORD.replace_all(&t, " ");
    let t = t.trim();
    let t = t.strip_prefix("the ").unwrap_or(t);
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The gold relations (`relation|source id|target id`) the graph has.
fn gold_found(view: &View, gold: &Gold) -> BTreeSet<String> {
    // For each gold entity, the nodes it matches.
    let node_forms: Vec<BTreeSet<String>> = view
        .nodes
        .iter()
        .map(|n| n.raw_names.iter().map(|f| score_norm(f)).collect())
        .collect();
    let mut matches: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for e in &gold.entities {
        let forms: BTreeSet<String> = std::iter::once(&e.name)
            .chain(&e.aliases)
            .map(|f| score_norm(f))
            .collect();
        let nodes = (0..view.nodes.len())
            .filter(|&i| view.nodes[i].kind == e.kind && !node_forms[i].is_disjoint(&forms))
            .collect();
        matches.insert(&e.id, nodes);
    }
    let none = BTreeSet::new();
    gold.relations
        .iter()
        .filter(|r| {
            let (s, t) = (
                matches.get(r.source.as_str()).unwrap_or(&none),
                matches.get(r.target.as_str()).unwrap_or(&none),
            );
            view.edges
                .iter()
                .any(|e| e.relation == r.relation && s.contains(&e.source) && t.contains(&e.target))
        })
        .map(|r| format!("{}|{}|{}", r.relation, r.source, r.target))
        .collect()
}

/// What a known wrong entry finds in the graph (empty: not there).
fn wrong_hits(view: &View, w: &Wrong) -> Vec<String> {
    let mut hits = Vec::new();
    for f in &w.reject {
        let p = FactPattern::parse(f).unwrap_or_else(|e| panic!("known wrong `{}`: {e}", w.id));
        hits.extend(
            view.edges_matching(&p)
                .into_iter()
                .map(|i| view.fact_with_rules(i)),
        );
    }
    for f in &w.no_entities {
        let p = EntityPattern::parse(f).unwrap_or_else(|e| panic!("known wrong `{}`: {e}", w.id));
        hits.extend(view.nodes_matching(&p).into_iter().map(|i| view.entity(i)));
    }
    match w.builtin.as_deref() {
        None => {}
        Some("unbalanced_brackets") => {
            for n in &view.nodes {
                for form in &n.raw_names {
                    if !balanced(form) {
                        hits.push(format!("{}|{form}", n.kind));
                    }
                }
            }
        }
        Some(other) => panic!("known wrong `{}`: unknown builtin `{other}`", w.id),
    }
    assert!(
        !w.reject.is_empty() || !w.no_entities.is_empty() || w.builtin.is_some(),
        "known wrong `{}` checks nothing",
        w.id
    );
    hits.sort();
    hits.dedup();
    hits
}

/// Whether every bracket in `s` is closed, in order.
fn balanced(s: &str) -> bool {
    let mut open = Vec::new();
    for c in s.chars() {
        match c {
            '(' | '[' => open.push(c),
            ')' if open.pop() != Some('(') => return false,
            ']' if open.pop() != Some('[') => return false,
            _ => {}
        }
    }
    open.is_empty()
}

/// The example graph keeps every gold relation it had when the floor was set.
#[test]
fn example_graph_keeps_its_gold_facts() {
    let (known, gold) = (known_wrong(), gold());
    let all: BTreeSet<String> = gold
        .relations
        .iter()
        .map(|r| format!("{}|{}|{}", r.relation, r.source, r.target))
        .collect();
    let floor: BTreeSet<String> = known.gold_found.iter().cloned().collect();
    assert_eq!(
        floor.len(),
        known.gold_found.len(),
        "gold_found lists a relation twice"
    );
    let lost_before: BTreeSet<String> = known.gold_lost.iter().cloned().collect();
    assert!(
        floor.is_disjoint(&lost_before),
        "a relation is in both gold_found and gold_lost"
    );
    let unknown: Vec<&String> = floor
        .union(&lost_before)
        .filter(|r| !all.contains(*r))
        .collect();
    assert!(
        unknown.is_empty(),
        "gold_found lists relations not in examples/gold.json: {unknown:?}"
    );
    let found = gold_found(&GRAPH, &gold);
    let lost: Vec<&String> = floor.difference(&found).collect();
    let gained: Vec<&String> = found.difference(&floor).collect();
    let still_lost: Vec<&String> = lost_before.difference(&found).collect();
    if !still_lost.is_empty() {
        eprintln!(
            "{} gold relation(s) of gold_lost still missing from the example graph:\n  {}",
            still_lost.len(),
            still_lost
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("\n  ")
        );
    }
    if !gained.is_empty() {
        eprintln!(
            "the example graph has {} gold relation(s) beyond examples/known_wrong.toml's gold_found \
             (add them to raise the floor):\n  {}",
            gained.len(),
            gained
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("\n  ")
        );
    }
    assert!(
        lost.is_empty(),
        "the example graph lost {} gold relation(s) of {} (found {} of {} gold relations):\n  {}",
        lost.len(),
        floor.len(),
        found.len(),
        all.len(),
        lost.iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n  ")
    );
}

/// The example graph has none of the known wrong facts that were fixed, and still
/// has those marked pending.
#[test]
fn example_graph_known_wrong_facts() {
    let known = known_wrong();
    let mut ids = BTreeSet::new();
    let (mut failures, mut pending) = (Vec::new(), Vec::new());
    for w in &known.wrong {
        assert!(ids.insert(w.id.as_str()), "known wrong id `{}` twice", w.id);
        let hits = wrong_hits(&GRAPH, w);
        match (&w.pending, hits.is_empty()) {
            (None, true) => {}
            (None, false) => failures.push(format!(
                "[{}] {} is back: {}",
                w.id,
                w.what,
                hits.join("; ")
            )),
            (Some(why), false) => pending.push(format!("[{}] {} ({why})", w.id, w.what)),
            (Some(_), true) => failures.push(format!(
                "[{}] {} is gone: remove its `pending` line in examples/known_wrong.toml",
                w.id, w.what
            )),
        }
    }
    if !pending.is_empty() {
        eprintln!(
            "{} known wrong fact(s) of the example graph still pending:\n  {}",
            pending.len(),
            pending.join("\n  ")
        );
    }
    assert!(
        failures.is_empty(),
        "example graph, known wrong facts:\n  {}",
        failures.join("\n  ")
    );
}

/// Prints the gold relations the example graph has, in the form of `gold_found`.
#[test]
#[ignore = "prints the floor for examples/known_wrong.toml"]
fn example_gold_floor() {
    let found = gold_found(&GRAPH, &gold());
    println!("gold_found = [");
    for f in &found {
        println!("  \"{f}\",");
    }
    println!("]");
}

#[test]
fn score_norm_is_that_of_score_py() {
    assert_eq!(
        score_norm("The U.S. Department of Defense"),
        "us department of defense"
    );
    assert_eq!(
        score_norm("North Korea’s nuclear program"),
        "north korea nuclear program"
    );
    assert_eq!(
        score_norm("2+2 Ministerial Dialogue"),
        "2 2 ministerial dialogue"
    );
    assert!(balanced("25th KIDD (KIDD)") && !balanced("integration (CNI") && !balanced("a) b ("));
}
