//! The graph as it stood on a day: what the articles had reported by then.
//!
//! Every fact keeps the sentences that report it, and so the documents and
//! their dates (a document's date: front matter, a dates file, its dateline or
//! `build --date`; see [`crate::document::Meta::settle_date`]). As of a day:
//! * a fact is kept with the sentences of documents dated that day or before;
//!   a fact no such document reports is left out: reported later, or only by
//!   undated documents (nothing says when those were known; [`AsOf`] counts
//!   them);
//! * a node is kept when a document of that day or before names it (or a kept
//!   fact touches it), with those documents and mentions; documents after the
//!   day are left out;
//! * aliases are those a sentence of a kept fact of the node gives (names only
//!   later articles use are not known yet);
//! * qualifiers are those known that day: a holding is `former` from the first
//!   dated report that says so (`former_since`) — not before, whatever later
//!   articles say — or once another holder of the office is first reported
//!   after the holding's last report by then.
//!
//! The edge's own date (the day a text gives for the fact) does not make it
//! known earlier: a fact is known from its first report.

use crate::dates::{self, Range};
use crate::graph::{Edge, Evidence, Graph};
use crate::ontology::Qualifiers;
use crate::ontology::Relation;
use crate::sorted::SortedVec;
use chrono::NaiveDate;
use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

/// The graph as of a day, with what was left out for want of a date.
#[derive(Clone, Debug)]
pub struct AsOf {
    /// The graph of what was reported by the day.
    pub graph: Graph,
    /// Facts left out because only undated documents report them.
    pub undated_facts: usize,
    /// The undated documents those facts come from.
    pub undated_docs: usize,
}

impl Graph {
    /// The day of each document that has one.
    fn document_days(&self) -> HashMap<&str, NaiveDate> {
        self.documents
            .iter()
            .filter_map(|(name, info)| Some((name.as_str(), dates::anchor(info.date.as_deref()?)?)))
            .collect()
    }

    /// The day an edge was first reported: the earliest date of the documents
    /// stating it. `None` when no dated document does.
    pub fn reported_on(&self, edge: &Edge) -> Option<NaiveDate> {
        self.reported_span(edge).map(|r| r.start)
    }

    /// The first and the last day an edge was reported on (the dates of the
    /// documents stating it); `None` when no dated document does.
    pub fn reported_span(&self, edge: &Edge) -> Option<Range> {
        let mut days = edge
            .evidence
            .iter()
            .filter_map(|ev| self.documents.get(&*ev.doc)?.date.as_deref())
            .filter_map(dates::anchor);
        let first = days.next()?;
        let (start, end) = days.fold((first, first), |(a, b), d| (a.min(d), b.max(d)));
        Some(Range { start, end })
    }

    /// The graph of what was reported by `day` (see the module documentation).
    pub fn as_of(&self, day: NaiveDate) -> Graph {
        self.as_of_counted(day).graph
    }

    /// [`Graph::as_of`], with the count of facts left out as undated.
    pub fn as_of_counted(&self, day: NaiveDate) -> AsOf {
        let days = self.document_days();
        let known = |doc: &str| days.get(doc).is_some_and(|&d| d <= day);
        // Each edge's evidence known by the day, and its first and last day.
        let mut kept: Vec<(EdgeIndex, Vec<Evidence>, NaiveDate, NaiveDate)> = Vec::new();
        let (mut undated_facts, mut undated_docs) = (0, BTreeSet::new());
        for eix in self.edges_sorted() {
            let e = &self.inner[eix];
            let evidence: Vec<Evidence> = (e.evidence.iter())
                .filter(|ev| known(&ev.doc))
                .cloned()
                .collect();
            let span = evidence.iter().filter_map(|ev| days.get(&*ev.doc)).copied();
            match (span.clone().min(), span.max()) {
                (Some(first), Some(last)) => kept.push((eix, evidence, first, last)),
                _ if e.evidence.iter().all(|ev| !days.contains_key(&*ev.doc)) => {
                    undated_facts += 1;
                    undated_docs.extend(e.evidence.iter().map(|ev| ev.doc.clone()));
                }
                // Reported later.
                _ => {}
            }
        }
        // When each office's current holders were first reported, by the day.
        let former_by = |q: &Qualifiers| {
            (q.former_since.as_deref())
                .and_then(dates::anchor)
                .filter(|&d| d <= day)
        };
        let mut holders: HashMap<NodeIndex, Vec<NaiveDate>> = HashMap::new();
        for (eix, _, first, _) in &kept {
            let e = &self.inner[*eix];
            if e.relation == Relation::HoldsOffice && former_by(&e.qualifiers).is_none() {
                let (_, office) = self.inner.edge_endpoints(*eix).expect("edge of graph");
                holders.entry(office).or_default().push(*first);
            }
        }
        let mut nodes: BTreeSet<NodeIndex> = (self.inner.node_indices())
            .filter(|&ix| self.inner[ix].docs.iter().any(|d| known(d)))
            .collect();
        for (eix, ..) in &kept {
            let (s, t) = self.inner.edge_endpoints(*eix).expect("edge of graph");
            nodes.insert(s);
            nodes.insert(t);
        }
        let mut g = Graph::new();
        let mut new_ix: HashMap<NodeIndex, NodeIndex> = HashMap::new();
        for &ix in &nodes {
            let mut n = self.inner[ix].clone();
            n.docs = SortedVec::from_sorted(n.docs.iter().filter(|d| known(d)).cloned().collect());
            n.mentions = SortedVec::from_sorted(
                n.mentions
                    .iter()
                    .filter(|m| known(&m.doc))
                    .cloned()
                    .collect(),
            );
            new_ix.insert(ix, g.add_node(n));
        }
        for (eix, evidence, _, last) in kept {
            let e = &self.inner[eix];
            let (s, t) = self.inner.edge_endpoints(eix).expect("edge of graph");
            let mut q = e.qualifiers.clone();
            let mut since = former_by(&q);
            if e.relation == Relation::HoldsOffice && since.is_none() {
                // A successor first reported after this holding's last report.
                since = (holders.get(&t).into_iter().flatten())
                    .copied()
                    .filter(|&d| last < d)
                    .min();
            }
            q.former = since.is_some();
            q.former_since = since.map(|d| d.to_string());
            let ix = g.add_edge_sorted(
                new_ix[&s],
                new_ix[&t],
                e.relation,
                q,
                SortedVec::from_sorted(evidence),
            );
            g.inner[ix].corrected.clone_from(&e.corrected);
        }
        // Names only later documents give are not known yet: an alias stays when
        // a sentence known by the day, of a fact of the node, has it.
        for ix in g.inner.node_indices().collect::<Vec<_>>() {
            let said: Vec<Arc<str>> = (g.inner.edges_directed(ix, Direction::Outgoing))
                .chain(g.inner.edges_directed(ix, Direction::Incoming))
                .flat_map(|e| e.weight().evidence.iter().map(|ev| ev.sentence.clone()))
                .collect();
            let n = g.node_mut(ix);
            n.aliases
                .retain(|a| said.iter().any(|s| s.contains(a.as_str())));
        }
        for (name, info) in &self.documents {
            if known(name) {
                g.documents.insert(name.clone(), info.clone());
            }
        }
        AsOf {
            graph: g,
            undated_facts,
            undated_docs: undated_docs.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{DocumentInfo, Node};
    use crate::ontology::EntityKind;
    use petgraph::visit::IntoEdgeReferences;

    fn ev(doc: &str) -> Evidence {
        Evidence {
            doc: doc.into(),
            start: 0,
            end: 1,
            sentence: "x".into(),
            rules: crate::provenance::Rules::one("test.as_of"),
        }
    }

    fn day(s: &str) -> NaiveDate {
        dates::anchor(s).unwrap()
    }

    fn dated(g: &mut Graph, docs: &[(&str, &str)]) {
        for (doc, date) in docs {
            g.documents.insert(
                doc.to_string(),
                DocumentInfo {
                    date: Some(date.to_string()),
                    ..DocumentInfo::default()
                },
            );
        }
    }

    /// Whether `who` holds an office in `g`: `Some(former)`.
    fn holds(g: &Graph, who: &str) -> Option<bool> {
        let ix = g.node_index(who)?;
        g.inner
            .edges(ix)
            .find(|e| e.weight().relation == Relation::HoldsOffice)
            .map(|e| e.weight().qualifiers.former)
    }

    #[test]
    fn offices_hold_from_first_report_until_a_successor() {
        let mut g = Graph::new();
        dated(
            &mut g,
            &[
                ("a", "2024-03-01"),
                ("b", "2025-02-01"),
                ("c", "2025-06-01"),
            ],
        );
        let old = g.add_node(Node::new("person:old", EntityKind::Person, "Old"));
        let new = g.add_node(Node::new("person:new", EntityKind::Person, "New"));
        let post = g.add_node(Node::new("office:sec", EntityKind::Office, "Secretary"));
        let m = g.add_node(Node::new("meeting:m", EntityKind::Meeting, "M"));
        let plain = Qualifiers::default;
        g.add_edge(old, post, Relation::HoldsOffice, plain(), [ev("a")]);
        g.add_edge(new, post, Relation::HoldsOffice, plain(), [ev("b")]);
        g.add_edge(new, m, Relation::Led, plain(), [ev("c")]);
        let mid_2024 = g.as_of(day("2024-06-01"));
        assert_eq!(holds(&mid_2024, "person:old"), Some(false));
        assert_eq!(holds(&mid_2024, "person:new"), None, "not yet reported");
        assert_eq!(mid_2024.node_index("person:new"), None, "not yet named");
        let spring_2025 = g.as_of(day("2025-03-01"));
        assert_eq!(
            holds(&spring_2025, "person:old"),
            Some(true),
            "a successor was reported"
        );
        assert_eq!(holds(&spring_2025, "person:new"), Some(false));
        assert_eq!(
            spring_2025.edge_count(),
            2,
            "the July meeting is not yet reported"
        );
        assert_eq!(g.as_of(day("2025-07-01")).edge_count(), 3);
        assert_eq!(g.as_of(day("2024-02-29")).node_count(), 0);
    }

    #[test]
    fn former_from_the_first_report_that_says_so_and_undated_facts_left_out() {
        let mut g = Graph::new();
        dated(&mut g, &[("a", "2021-01-10"), ("b", "2025-01-10")]);
        let p = g.add_node(Node::new("person:p", EntityKind::Person, "P"));
        let o = g.add_node(Node::new("office:o", EntityKind::Office, "O"));
        let t = g.add_node(Node::new("topic:t", EntityKind::Topic, "T"));
        for n in [p, o, t] {
            g.node_mut(n).docs.insert("a".into());
        }
        let former = Qualifiers {
            former: true,
            former_since: Some("2025-01-10".into()),
            ..Qualifiers::default()
        };
        g.add_edge(
            p,
            o,
            Relation::HoldsOffice,
            Qualifiers::default(),
            [ev("a")],
        );
        g.add_edge(p, o, Relation::HoldsOffice, former, [ev("b")]);
        g.add_edge(
            p,
            t,
            Relation::Discussed,
            Qualifiers::default(),
            [ev("undated"), ev("undated2")],
        );
        assert_eq!(holds(&g.as_of(day("2020-12-01")), "person:p"), None);
        let mid = g.as_of_counted(day("2023-06-01"));
        assert_eq!(holds(&mid.graph, "person:p"), Some(false));
        let e = mid.graph.inner.edge_references().next().unwrap();
        assert_eq!(e.weight().evidence.len(), 1, "only the report known then");
        assert_eq!((mid.undated_facts, mid.undated_docs), (1, 2));
        assert_eq!(mid.graph.edge_count(), 1);
        assert_eq!(mid.graph.documents.len(), 1);
        assert_eq!(holds(&g.as_of(day("2025-02-01")), "person:p"), Some(true));
    }
}
