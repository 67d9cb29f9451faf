//! How two things are linked: shortest paths (or every simple path up to a
//! length), each hop with the edges that make it and their evidence.
//!
//! Paths ignore edge direction unless asked not to; the hop records which way each
//! edge really points. Countries link almost everything in two hops, so a path
//! through a country is only given when no other path exists (`--all` lists them
//! last).

use super::lookup::Lookup;
use crate::error::Result;
use crate::graph::{Evidence, Graph};
use crate::ontology::{EntityKind, Relation};
use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::{BTreeSet, HashMap, VecDeque};

/// Paths enumerated before giving up (the answer then says it is truncated).
const MAX_PATHS: usize = 100_000;

/// What paths may use and how many to give.
#[derive(Clone, Debug)]
pub struct PathOptions {
    /// Follow edges only from source to target.
    pub directed: bool,
    /// Every simple path up to `max_hops`, not only the shortest.
    pub all: bool,
    /// Longest path listed with `all`.
    pub max_hops: usize,
    /// Relations a path may use (empty: all).
    pub via: BTreeSet<Relation>,
    /// Kinds a path may not pass through (its two ends are exempt).
    pub avoid: BTreeSet<EntityKind>,
    /// Node ids that decide ambiguous names (see [`Graph::lookup_with`]).
    pub picks: Vec<String>,
    /// Most paths returned.
    pub limit: usize,
}

impl Default for PathOptions {
    fn default() -> PathOptions {
        PathOptions {
            directed: false,
            all: false,
            max_hops: 4,
            via: BTreeSet::new(),
            avoid: BTreeSet::new(),
            picks: Vec::new(),
            limit: 1,
        }
    }
}

/// One edge of a hop.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HopEdge {
    /// The relation.
    pub relation: Relation,
    /// True when the edge points from the hop's `from` to its `to`.
    pub forward: bool,
    /// The fact held before.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub former: bool,
    /// Held in an acting capacity.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub acting: bool,
    /// The ids of the rules that read it, sorted.
    #[serde(default)]
    pub rules: crate::provenance::Rules,
    /// The sentences stating it, each with the rules that read it there.
    pub evidence: Vec<Evidence>,
}

/// One step of a path: two adjacent nodes and every edge between them that the
/// query allows, strongest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hop {
    /// Node id the hop leaves.
    pub from: String,
    /// Its label.
    pub from_label: String,
    /// Node id the hop reaches.
    pub to: String,
    /// Its label.
    pub to_label: String,
    /// The edges, strongest first.
    pub edges: Vec<HopEdge>,
}

/// A path from the first name to the second.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Path {
    /// The hops, in order.
    pub hops: Vec<Hop>,
    /// Passes through a country.
    pub through_country: bool,
    /// Evidence sentences on its edges, in all.
    pub evidence: usize,
}

/// The answer to `path FROM TO`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PathAnswer {
    /// Which node the first name was taken to mean.
    pub from: Lookup,
    /// Which node the second name was taken to mean.
    pub to: Lookup,
    /// Edge direction was respected.
    pub directed: bool,
    /// The paths, best first (at most the limit asked for).
    pub paths: Vec<Path>,
    /// How many paths were found before the limit was applied.
    pub found: usize,
    /// Enumeration stopped early: there are more paths than were looked at.
    pub truncated: bool,
}

/// A path as nodes, before it is turned into hops.
type NodePath = Vec<NodeIndex>;

impl Graph {
    /// How `from` is linked to `to`: looks both names up, then finds paths.
    pub fn path(&self, from: &str, to: &str, opts: &PathOptions) -> Result<PathAnswer> {
        let (a, from) = self.lookup_with(from, &opts.picks)?;
        let (b, to) = self.lookup_with(to, &opts.picks)?;
        let (raw, truncated) = if a == b {
            (vec![vec![a]], false)
        } else if opts.all {
            self.simple_paths(a, b, opts)
        } else {
            // Countries last: look for a path that avoids them first.
            let mut strict = opts.clone();
            strict.avoid.insert(EntityKind::Country);
            match self.shortest_paths(a, b, &strict) {
                (v, t) if !v.is_empty() => (v, t),
                _ => self.shortest_paths(a, b, opts),
            }
        };
        let mut paths: Vec<Path> = raw.iter().map(|p| self.make_path(p, opts)).collect();
        paths.sort_by_cached_key(|p| {
            (
                p.through_country,
                p.hops.len(),
                Reverse(p.evidence),
                p.hops.iter().map(|h| h.to.clone()).collect::<Vec<_>>(),
            )
        });
        let found = paths.len();
        paths.truncate(opts.limit.max(1));
        Ok(PathAnswer {
            from,
            to,
            directed: opts.directed,
            paths,
            found,
            truncated,
        })
    }

    /// Neighbours of `ix` a path may step to, with no repeats, sorted by index.
    fn steps(&self, ix: NodeIndex, end: NodeIndex, opts: &PathOptions) -> Vec<NodeIndex> {
        let allowed = |r: Relation| opts.via.is_empty() || opts.via.contains(&r);
        let mut out: Vec<NodeIndex> = self
            .inner
            .edges_directed(ix, Direction::Outgoing)
            .filter(|e| allowed(e.weight().relation))
            .map(|e| e.target())
            .collect();
        if !opts.directed {
            out.extend(
                self.inner
                    .edges_directed(ix, Direction::Incoming)
                    .filter(|e| allowed(e.weight().relation))
                    .map(|e| e.source()),
            );
        }
        out.retain(|&n| n == end || !opts.avoid.contains(&self.inner[n].kind));
        out.sort();
        out.dedup();
        out
    }

    /// Every shortest path from `a` to `b` (up to [`MAX_PATHS`]).
    fn shortest_paths(
        &self,
        a: NodeIndex,
        b: NodeIndex,
        opts: &PathOptions,
    ) -> (Vec<NodePath>, bool) {
        // Breadth-first from `a`, keeping every predecessor on a shortest path.
        let mut dist: HashMap<NodeIndex, usize> = HashMap::from([(a, 0)]);
        let mut preds: HashMap<NodeIndex, Vec<NodeIndex>> = HashMap::new();
        let mut queue = VecDeque::from([a]);
        while let Some(n) = queue.pop_front() {
            let d = dist[&n];
            if dist.get(&b).is_some_and(|&db| d >= db) {
                break;
            }
            if n != a && n == b {
                continue;
            }
            for m in self.steps(n, b, opts) {
                match dist.get(&m) {
                    None => {
                        dist.insert(m, d + 1);
                        preds.entry(m).or_default().push(n);
                        queue.push_back(m);
                    }
                    Some(&dm) if dm == d + 1 => preds.entry(m).or_default().push(n),
                    _ => {}
                }
            }
        }
        if !dist.contains_key(&b) {
            return (Vec::new(), false);
        }
        // Walk the predecessors back from `b`.
        let mut out = Vec::new();
        let mut truncated = false;
        let mut stack: Vec<NodePath> = vec![vec![b]];
        while let Some(partial) = stack.pop() {
            let head = *partial.last().expect("non-empty");
            if head == a {
                out.push(partial.into_iter().rev().collect());
                if out.len() >= MAX_PATHS {
                    truncated = !stack.is_empty();
                    break;
                }
                continue;
            }
            for &p in preds.get(&head).map(Vec::as_slice).unwrap_or(&[]) {
                let mut next = partial.clone();
                next.push(p);
                stack.push(next);
            }
        }
        (out, truncated)
    }

    /// Every simple path from `a` to `b` of at most `opts.max_hops` hops.
    fn simple_paths(
        &self,
        a: NodeIndex,
        b: NodeIndex,
        opts: &PathOptions,
    ) -> (Vec<NodePath>, bool) {
        // Distance to `b` over reversed steps prunes branches that cannot arrive in time.
        let to_b = if opts.directed {
            self.distances_to(b, a, opts)
        } else {
            self.distances_from(b, a, opts)
        };
        let mut out = Vec::new();
        let mut path = vec![a];
        let mut truncated = false;
        self.dfs(b, opts, &to_b, &mut path, &mut out, &mut truncated);
        (out, truncated)
    }

    fn dfs(
        &self,
        b: NodeIndex,
        opts: &PathOptions,
        to_b: &HashMap<NodeIndex, usize>,
        path: &mut NodePath,
        out: &mut Vec<NodePath>,
        truncated: &mut bool,
    ) {
        if out.len() >= MAX_PATHS {
            *truncated = true;
            return;
        }
        let here = *path.last().expect("non-empty");
        if here == b {
            out.push(path.clone());
            return;
        }
        let left = opts.max_hops - (path.len() - 1);
        for n in self.steps(here, b, opts) {
            if path.contains(&n) || to_b.get(&n).is_none_or(|&d| d + 1 > left) {
                continue;
            }
            path.push(n);
            self.dfs(b, opts, to_b, path, out, truncated);
            path.pop();
        }
    }

    /// Hop counts from `start` (up to `opts.max_hops`), stepping as `opts` allows.
    fn distances_from(
        &self,
        start: NodeIndex,
        end: NodeIndex,
        opts: &PathOptions,
    ) -> HashMap<NodeIndex, usize> {
        let mut dist = HashMap::from([(start, 0)]);
        let mut queue = VecDeque::from([start]);
        while let Some(n) = queue.pop_front() {
            let d = dist[&n];
            if d >= opts.max_hops {
                continue;
            }
            for m in self.steps(n, end, opts) {
                dist.entry(m).or_insert_with(|| {
                    queue.push_back(m);
                    d + 1
                });
            }
        }
        dist
    }

    /// Hop counts to `target` along edge direction (for directed `--all`).
    fn distances_to(
        &self,
        target: NodeIndex,
        start: NodeIndex,
        opts: &PathOptions,
    ) -> HashMap<NodeIndex, usize> {
        let allowed = |r: Relation| opts.via.is_empty() || opts.via.contains(&r);
        let mut dist = HashMap::from([(target, 0)]);
        let mut queue = VecDeque::from([target]);
        while let Some(n) = queue.pop_front() {
            let d = dist[&n];
            if d >= opts.max_hops {
                continue;
            }
            for e in self.inner.edges_directed(n, Direction::Incoming) {
                let m = e.source();
                if !allowed(e.weight().relation)
                    || (m != start && opts.avoid.contains(&self.inner[m].kind))
                {
                    continue;
                }
                dist.entry(m).or_insert_with(|| {
                    queue.push_back(m);
                    d + 1
                });
            }
        }
        dist
    }

    /// The edges a hop from `a` to `b` may use, strongest first.
    pub(crate) fn hop_edges(
        &self,
        a: NodeIndex,
        b: NodeIndex,
        opts: &PathOptions,
    ) -> Vec<EdgeIndex> {
        let allowed = |r: Relation| opts.via.is_empty() || opts.via.contains(&r);
        let mut edges: Vec<(bool, EdgeIndex)> = self
            .inner
            .edges_connecting(a, b)
            .map(|e| (true, e.id()))
            .collect();
        if !opts.directed && a != b {
            edges.extend(self.inner.edges_connecting(b, a).map(|e| (false, e.id())));
        }
        edges.retain(|(_, e)| allowed(self.inner[*e].relation));
        edges.sort_by_key(|&(forward, e)| {
            let w = &self.inner[e];
            (Reverse(w.evidence.len()), w.relation, !forward)
        });
        edges.into_iter().map(|(_, e)| e).collect()
    }

    fn make_path(&self, nodes: &[NodeIndex], opts: &PathOptions) -> Path {
        let mut hops = Vec::new();
        let mut evidence = 0;
        for w in nodes.windows(2) {
            let (a, b) = (w[0], w[1]);
            let edges: Vec<HopEdge> = self
                .hop_edges(a, b, opts)
                .into_iter()
                .map(|e| {
                    let (s, _) = self.inner.edge_endpoints(e).expect("edge of graph");
                    let wgt = &self.inner[e];
                    evidence += wgt.evidence.len();
                    HopEdge {
                        relation: wgt.relation,
                        forward: s == a,
                        former: wgt.qualifiers.former,
                        acting: wgt.qualifiers.acting,
                        rules: wgt.rules(),
                        evidence: wgt.evidence.to_vec(),
                    }
                })
                .collect();
            hops.push(Hop {
                from: self.inner[a].id.clone(),
                from_label: self.inner[a].label.clone(),
                to: self.inner[b].id.clone(),
                to_label: self.inner[b].label.clone(),
                edges,
            });
        }
        let n = nodes.len();
        let through_country = n > 2
            && nodes[1..n - 1]
                .iter()
                .any(|&x| self.inner[x].kind == EntityKind::Country);
        Path {
            hops,
            through_country,
            evidence,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Node;
    use crate::ontology::Qualifiers;

    fn ev(s: &str) -> Evidence {
        Evidence {
            doc: "d.txt".into(),
            start: 0,
            end: s.len(),
            sentence: s.into(),
            rules: crate::provenance::Rules::one("test.path"),
        }
    }

    /// a ─led→ m ←attended─ b; a ─part_of→ c(country) ←part_of─ b; b ─discussed→ t
    fn graph() -> Graph {
        let mut g = Graph::new();
        let a = g.add_node(Node::new("person:a", EntityKind::Person, "A"));
        let b = g.add_node(Node::new("person:b", EntityKind::Person, "B"));
        let m = g.add_node(Node::new("meeting:m", EntityKind::Meeting, "M"));
        let c = g.add_node(Node::new("country:c", EntityKind::Country, "C"));
        let t = g.add_node(Node::new("topic:t", EntityKind::Topic, "T"));
        let q = Qualifiers::default;
        g.add_edge(a, m, Relation::Led, q(), [ev("A led M.")]);
        g.add_edge(a, m, Relation::Attended, q(), [ev("A was at M.")]);
        g.add_edge(b, m, Relation::Attended, q(), [ev("B attended M.")]);
        g.add_edge(a, c, Relation::PartOf, q(), [ev("A of C.")]);
        g.add_edge(b, c, Relation::PartOf, q(), [ev("B of C.")]);
        g.add_edge(m, t, Relation::Discussed, q(), [ev("M discussed T.")]);
        g
    }

    #[test]
    fn shortest_path_avoids_countries_and_shows_direction() {
        let g = graph();
        let ans = g.path("A", "B", &PathOptions::default()).unwrap();
        assert_eq!(ans.found, 1, "the path through the country is not offered");
        let p = &ans.paths[0];
        assert!(!p.through_country);
        assert_eq!(p.hops.len(), 2);
        assert_eq!(p.hops[0].to, "meeting:m");
        // Both parallel edges between A and M, each once.
        let rels: Vec<Relation> = p.hops[0].edges.iter().map(|e| e.relation).collect();
        assert_eq!(rels, vec![Relation::Led, Relation::Attended]);
        assert!(p.hops[0].edges[0].forward);
        assert!(!p.hops[1].edges[0].forward, "B attended M points back");
    }

    #[test]
    fn country_path_is_used_when_nothing_else_links() {
        let g = graph();
        let opts = PathOptions {
            avoid: [EntityKind::Meeting].into(),
            ..PathOptions::default()
        };
        let ans = g.path("A", "B", &opts).unwrap();
        assert!(ans.paths[0].through_country);
    }

    #[test]
    fn all_paths_are_deduplicated_and_ranked() {
        let g = graph();
        let opts = PathOptions {
            all: true,
            limit: 100,
            ..PathOptions::default()
        };
        let ans = g.path("A", "B", &opts).unwrap();
        // A-M-B and A-C-B, once each despite the parallel A-M edges.
        assert_eq!(ans.found, 2);
        assert!(!ans.paths[0].through_country);
        assert!(ans.paths[1].through_country);
    }

    #[test]
    fn via_and_directed_restrict_paths() {
        let g = graph();
        let via = PathOptions {
            via: [Relation::Discussed].into(),
            ..PathOptions::default()
        };
        assert!(g.path("A", "T", &via).unwrap().paths.is_empty());
        let directed = PathOptions {
            directed: true,
            ..PathOptions::default()
        };
        let ans = g.path("A", "T", &directed).unwrap();
        assert_eq!(ans.paths[0].hops.len(), 2);
        assert!(g.path("T", "A", &directed).unwrap().paths.is_empty());
        assert!(g.path("A", "B", &directed).unwrap().paths.is_empty());
    }

    #[test]
    fn max_hops_bounds_all_paths() {
        let g = graph();
        let opts = PathOptions {
            all: true,
            max_hops: 1,
            ..PathOptions::default()
        };
        assert_eq!(g.path("A", "B", &opts).unwrap().found, 0);
        let three = PathOptions {
            all: true,
            max_hops: 3,
            limit: 100,
            ..PathOptions::default()
        };
        // A-M-T within three hops; A-C-B-M-T takes four.
        assert_eq!(g.path("A", "T", &three).unwrap().found, 1);
        let four = PathOptions {
            max_hops: 4,
            ..three
        };
        assert_eq!(g.path("A", "T", &four).unwrap().found, 2);
    }
}
