//! Finding nodes by name: ids, labels and aliases compared without case or
//! punctuation ("U.S." = "US"), then whole-token matches ("Hegseth", "Yoon"), then
//! near misses offered as suggestions. A name that matches several nodes is
//! reported as ambiguous, with the candidates ranked and the best one chosen.

use crate::error::{Error, Result};
use crate::graph::Graph;
use crate::ontology::{EntityKind, Relation};
use petgraph::Direction;
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;

/// How a name matched a node, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// The node id, exactly.
    Id,
    /// The display label.
    Label,
    /// One of the aliases.
    Alias,
    /// Whole tokens of the label or an alias ("Yoon" in "Yoon Bong-hee").
    Token,
}

/// A node a name may mean.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    /// The node's id.
    pub id: String,
    /// Its kind.
    pub kind: EntityKind,
    /// Its label.
    pub label: String,
    /// How the name matched it.
    #[serde(rename = "match")]
    pub how: MatchKind,
    /// One line: offices held, series, date, documents.
    pub description: String,
}

/// The answer to "which node is NAME?".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lookup {
    /// The name asked for.
    pub query: String,
    /// The node chosen (the first candidate).
    pub id: String,
    /// Every node the name matched, best first. More than one means ambiguous.
    pub candidates: Vec<Candidate>,
}

impl Lookup {
    /// True when the name matched more than one node.
    pub fn is_ambiguous(&self) -> bool {
        self.candidates.len() > 1
    }
}

/// Folds a name for comparison: lower case, letters and digits only, so that
/// "U.S." = "US" and "Suk-yeol" = "Suk Yeol".
pub fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The folded tokens of a name: split on spaces and hyphens, dots dropped.
fn tokens(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '\''))
        .map(fold)
        .filter(|t| !t.is_empty())
        .collect()
}

fn contains_run(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// Offices or holders listed in a node's description before "+N more".
const DESCRIBED: usize = 3;

/// The first [`DESCRIBED`] of `items` joined by `sep`, then how many more
/// of `one` there are ("+15 more offices"): one line, however many a node has.
fn first_few(items: &[String], sep: &str, one: &str) -> String {
    let mut s = items[..items.len().min(DESCRIBED)].join(sep);
    if items.len() > DESCRIBED {
        let n = items.len() - DESCRIBED;
        s.push_str(&format!(
            "{sep}+{n} more {one}{}",
            if n == 1 { "" } else { "s" }
        ));
    }
    s
}

/// Levenshtein distance on chars, giving up above `max`.
fn edit_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    (prev[b.len()] <= max).then_some(prev[b.len()])
}

impl Graph {
    /// Finds the node `name` means.
    ///
    /// Exact matches (id, label, alias, ignoring case and punctuation) come first;
    /// without one, whole-token matches. When an exact match exists, people whose
    /// name merely contains the name as a token ("Yoon" → Yoon Bong-hee) are still
    /// listed as candidates, since news text calls people by surname. Candidates are
    /// ranked by match strength, then by how much the graph knows of them (edges,
    /// documents), then by id. With no match the error suggests near misses.
    pub fn lookup(&self, name: &str) -> Result<Lookup> {
        let key = fold(name);
        let qtokens = tokens(name);
        let mut found: Vec<(MatchKind, NodeIndex)> = Vec::new();
        if !key.is_empty() {
            // Every node is compared (on every core: a large graph has many).
            use rayon::prelude::*;
            let nodes: Vec<NodeIndex> = self.inner.node_indices().collect();
            found = nodes
                .par_iter()
                .with_min_len(256)
                .filter_map(|&ix| {
                    let n = &self.inner[ix];
                    let how = if n.id.eq_ignore_ascii_case(name.trim()) {
                        Some(MatchKind::Id)
                    } else if fold(&n.label) == key {
                        Some(MatchKind::Label)
                    } else if n.aliases.iter().any(|a| fold(a) == key) {
                        Some(MatchKind::Alias)
                    } else if std::iter::once(&n.label)
                        .chain(&n.aliases)
                        .any(|s| contains_run(&tokens(s), &qtokens))
                    {
                        Some(MatchKind::Token)
                    } else {
                        None
                    };
                    how.map(|how| (how, ix))
                })
                .collect();
        }
        let exact = found.iter().any(|(how, _)| *how != MatchKind::Token);
        if exact {
            found.retain(|(how, ix)| {
                *how != MatchKind::Token || self.inner[*ix].kind == EntityKind::Person
            });
        }
        if found.is_empty() {
            return Err(Error::UnknownName {
                name: name.to_string(),
                suggestions: self.suggest(&key, 3),
            });
        }
        found.sort_by_cached_key(|&(how, ix)| {
            let n = &self.inner[ix];
            (
                how,
                Reverse(self.degree(ix)),
                Reverse(n.docs.len()),
                n.id.clone(),
            )
        });
        let candidates: Vec<Candidate> = found
            .into_iter()
            .map(|(how, ix)| {
                let n = &self.inner[ix];
                Candidate {
                    id: n.id.clone(),
                    kind: n.kind,
                    label: n.label.clone(),
                    how,
                    description: self.describe(ix),
                }
            })
            .collect();
        Ok(Lookup {
            query: name.to_string(),
            id: candidates[0].id.clone(),
            candidates,
        })
    }

    /// Like [`Graph::lookup`], but `picks` (node ids) override the choice when one
    /// of them is among the candidates, and an id in `picks` that is not a
    /// candidate is left for the other names of the query.
    pub fn lookup_with(&self, name: &str, picks: &[String]) -> Result<(NodeIndex, Lookup)> {
        let mut l = self.lookup(name)?;
        if let Some(pos) = l
            .candidates
            .iter()
            .position(|c| picks.iter().any(|p| p.eq_ignore_ascii_case(&c.id)))
        {
            let c = l.candidates.remove(pos);
            l.candidates.insert(0, c);
            l.id = l.candidates[0].id.clone();
        }
        let ix = self.node_index(&l.id).expect("candidate is a node");
        Ok((ix, l))
    }

    /// Like [`Graph::lookup_with`], but without a pick the first candidate that
    /// `fits` is chosen (an office for `history`, a series for `timeline`), so that
    /// a name matching a person and an office answers for the office; the other
    /// candidates stay listed. Among parts of names that fit, the one nearest the
    /// name in length is chosen. With none that fits, the best candidate is
    /// chosen and the caller says why it cannot answer for it.
    pub fn lookup_fitting(
        &self,
        name: &str,
        picks: &[String],
        fits: impl Fn(NodeIndex) -> bool,
    ) -> Result<(NodeIndex, Lookup)> {
        let (ix, mut l) = self.lookup_with(name, picks)?;
        let picked = picks.iter().any(|p| p.eq_ignore_ascii_case(&l.id));
        if picked {
            return Ok((ix, l));
        }
        // The best match that fits; among parts of names, the nearest in length
        // ("Minister of National Defense" means the minister's office more than
        // the deputy minister's).
        let key = fold(name).chars().count();
        let pos = l
            .candidates
            .iter()
            .enumerate()
            .filter(|(_, c)| self.node_index(&c.id).is_some_and(&fits))
            .min_by_key(|(i, c)| {
                let near = match c.how {
                    MatchKind::Token => fold(&c.label).chars().count().abs_diff(key),
                    _ => 0,
                };
                (c.how, near, *i)
            })
            .map(|(i, _)| i);
        let Some(pos) = pos else {
            return Ok((ix, l));
        };
        let c = l.candidates.remove(pos);
        l.candidates.insert(0, c);
        l.id = l.candidates[0].id.clone();
        let ix = self.node_index(&l.id).expect("candidate is a node");
        Ok((ix, l))
    }

    /// Labels and aliases closest to the folded name `key`, best first.
    fn suggest(&self, key: &str, max: usize) -> Vec<String> {
        if key.is_empty() {
            return Vec::new();
        }
        let limit = (key.chars().count() / 3).clamp(1, 4);
        let mut near: Vec<(usize, String)> = Vec::new();
        for n in self.inner.node_weights() {
            let best = std::iter::once(&n.label)
                .chain(&n.aliases)
                .filter_map(|s| {
                    let f = fold(s);
                    let whole = edit_distance(key, &f, limit);
                    let part = tokens(s)
                        .iter()
                        .filter_map(|t| edit_distance(key, t, limit))
                        .min();
                    whole.into_iter().chain(part).min()
                })
                .min();
            if let Some(d) = best {
                near.push((d, n.label.clone()));
            }
        }
        near.sort();
        near.dedup_by(|a, b| a.1 == b.1);
        near.into_iter().take(max).map(|(_, l)| l).collect()
    }

    /// One line about a node: offices held or holders, series and date, documents.
    pub fn describe(&self, ix: NodeIndex) -> String {
        let n = &self.inner[ix];
        let mut parts: Vec<String> = Vec::new();
        let mut offices: Vec<String> = Vec::new();
        for e in self.inner.edges_directed(ix, Direction::Outgoing) {
            if e.weight().relation == Relation::HoldsOffice {
                let q = &e.weight().qualifiers;
                let label = &self.inner[e.target()].label;
                offices.push(match (q.former, q.acting) {
                    (true, _) => format!("former {label}"),
                    (_, true) => format!("acting {label}"),
                    _ => label.clone(),
                });
            }
        }
        // Holders now, and before (former).
        let (mut holders, mut before): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
        for e in self.inner.edges_directed(ix, Direction::Incoming) {
            let w = e.weight();
            if w.relation == Relation::HoldsOffice {
                let label = &self.inner[e.source()].label;
                match (w.qualifiers.former, w.qualifiers.acting) {
                    (true, _) => before.push(label.clone()),
                    (_, true) => holders.push(format!("{label} (acting)")),
                    _ => holders.push(label.clone()),
                }
            }
        }
        offices.sort();
        holders.sort();
        before.sort();
        if !offices.is_empty() {
            parts.push(first_few(&offices, "; ", "office"));
        }
        if !holders.is_empty() {
            parts.push(format!("held by {}", first_few(&holders, ", ", "holder")));
        }
        if !before.is_empty() {
            parts.push(format!(
                "formerly by {}",
                first_few(&before, ", ", "holder")
            ));
        }
        if n.series {
            parts.push("recurring series".into());
        }
        if let Some(d) = &n.date {
            parts.push(d.clone());
        }
        if let Some(y) = n.year {
            parts.push(format!("since {y}"));
        }
        let docs: Vec<&str> = n.docs.iter().map(|d| &**d).collect();
        parts.push(match docs.len() {
            0 => "in no document".into(),
            1..=2 => format!("in {}", docs.join(", ")),
            k => format!("in {}, {} and {} more", docs[0], docs[1], k - 2),
        });
        parts.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Node;
    use crate::ontology::Qualifiers;

    fn graph() -> Graph {
        let mut g = Graph::new();
        let mut yoon = Node::new("person:yoon-suk-yeol", EntityKind::Person, "Yoon Suk Yeol");
        yoon.aliases.insert("Yoon".into());
        yoon.aliases.insert("President Yoon Suk-yeol".into());
        let y = g.add_node(yoon);
        g.add_node(Node::new(
            "person:yoon-bong-hee",
            EntityKind::Person,
            "Yoon Bong-hee",
        ));
        let mut us = Node::new(
            "country:united-states",
            EntityKind::Country,
            "United States",
        );
        us.aliases.insert("U.S.".into());
        g.add_node(us);
        g.add_node(Node::new(
            "organization:us-forces-korea",
            EntityKind::Organization,
            "US Forces Korea",
        ));
        let o = g.add_node(Node::new(
            "office:president-of-south-korea",
            EntityKind::Office,
            "President of South Korea",
        ));
        g.add_edge(y, o, Relation::HoldsOffice, Qualifiers::default(), []);
        g.add_node(Node::new(
            "person:pete-hegseth",
            EntityKind::Person,
            "Pete Hegseth",
        ));
        g
    }

    #[test]
    fn folding_ignores_case_and_punctuation() {
        assert_eq!(fold("U.S."), "us");
        assert_eq!(fold("Yoon Suk-yeol"), fold("yoon suk yeol"));
        assert_ne!(fold("Yoon"), fold("Yoo"));
    }

    #[test]
    fn alias_beats_surname_and_both_are_listed() {
        let l = graph().lookup("Yoon").unwrap();
        assert!(l.is_ambiguous());
        assert_eq!(l.id, "person:yoon-suk-yeol");
        assert_eq!(l.candidates[0].how, MatchKind::Alias);
        assert_eq!(l.candidates[1].id, "person:yoon-bong-hee");
        assert_eq!(l.candidates[1].how, MatchKind::Token);
        assert!(
            l.candidates[0]
                .description
                .contains("President of South Korea")
        );
    }

    #[test]
    fn punctuation_and_spelling_variants_match_exactly() {
        let g = graph();
        assert_eq!(g.lookup("US").unwrap().id, "country:united-states");
        // An exact match hides organisations that merely contain the token.
        assert!(!g.lookup("US").unwrap().is_ambiguous());
        assert_eq!(
            g.lookup("yoon suk-yeol").unwrap().id,
            "person:yoon-suk-yeol"
        );
        assert!(!g.lookup("Yoon Suk Yeol").unwrap().is_ambiguous());
        assert_eq!(
            g.lookup("PERSON:PETE-HEGSETH").unwrap().candidates[0].how,
            MatchKind::Id
        );
    }

    #[test]
    fn surname_alone_finds_the_person() {
        let l = graph().lookup("Hegseth").unwrap();
        assert_eq!(l.id, "person:pete-hegseth");
        assert_eq!(l.candidates[0].how, MatchKind::Token);
        assert!(!l.is_ambiguous());
    }

    #[test]
    fn unknown_names_get_suggestions() {
        match graph().lookup("Hegset") {
            Err(Error::UnknownName { suggestions, .. }) => {
                assert_eq!(
                    suggestions.first().map(String::as_str),
                    Some("Pete Hegseth")
                )
            }
            other => panic!("expected UnknownName, got {other:?}"),
        }
        assert!(matches!(
            graph().lookup("..."),
            Err(Error::UnknownName { .. })
        ));
        match graph().lookup("Zzyzx Qwerty") {
            Err(Error::UnknownName { suggestions, .. }) => assert!(suggestions.is_empty()),
            other => panic!("expected UnknownName, got {other:?}"),
        }
    }

    #[test]
    fn pick_overrides_the_best_candidate() {
        let g = graph();
        let (ix, l) = g
            .lookup_with("Yoon", &["person:yoon-bong-hee".to_string()])
            .unwrap();
        assert_eq!(g.node(ix).label, "Yoon Bong-hee");
        assert_eq!(l.id, "person:yoon-bong-hee");
        let (ix, _) = g.lookup_with("Yoon", &["country:nowhere".into()]).unwrap();
        assert_eq!(g.node(ix).label, "Yoon Suk Yeol");
    }

    #[test]
    fn a_description_lists_three_offices_and_counts_the_rest() {
        let mut g = Graph::new();
        let p = g.add_node(Node::new("person:a", EntityKind::Person, "A"));
        for (i, label) in ["E", "D", "C", "B"].iter().enumerate() {
            let o = g.add_node(Node::new(format!("office:{i}"), EntityKind::Office, *label));
            g.add_edge(p, o, Relation::HoldsOffice, Qualifiers::default(), []);
        }
        assert_eq!(g.describe(p), "B; C; D; +1 more office; in no document");
    }

    #[test]
    fn edit_distance_is_bounded() {
        assert_eq!(edit_distance("hegset", "hegseth", 2), Some(1));
        assert_eq!(edit_distance("kitten", "sitting", 3), Some(3));
        assert_eq!(edit_distance("kitten", "sitting", 2), None);
    }
}
