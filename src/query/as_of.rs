//! The graph as it stood on a day: facts the articles had reported by then, and
//! offices held that day.
//!
//! An edge is dated by the documents that state it (their front-matter `date:`),
//! or by its own date when the text gives one. As of a day:
//! * an edge first reported after that day is not yet known, and is left out;
//! * `holds_office` holds from the first report on, until another holder of the
//!   office is first reported after its last report; a `former` holding ended before the report that calls it former,
//!   so it is kept only for days before that report;
//! * edges from undated documents are kept (nothing says when they happened).

use crate::extract::dates::{self, Range};
use crate::graph::{Edge, Graph};
use crate::ontology::Relation;
use chrono::NaiveDate;
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use std::collections::HashMap;

impl Graph {
    /// The day an edge was first reported: its own date, else the earliest date of
    /// the documents stating it. `None` when nothing dates it.
    pub fn reported_on(&self, edge: &Edge) -> Option<NaiveDate> {
        self.reported_span(edge).map(|r| r.start)
    }

    /// The first and the last day an edge was reported on.
    pub fn reported_span(&self, edge: &Edge) -> Option<Range> {
        let own = edge
            .qualifiers
            .date
            .as_deref()
            .and_then(dates::parse_iso)
            .map(|r: Range| r.start);
        let days: Vec<NaiveDate> = edge
            .evidence
            .iter()
            .filter_map(|ev| self.documents.get(&*ev.doc)?.date.as_deref())
            .filter_map(dates::anchor)
            .chain(own)
            .collect();
        Some(Range {
            start: *days.iter().min()?,
            end: *days.iter().max()?,
        })
    }

    /// The graph of what stood on `day` (see the module documentation).
    pub fn as_of(&self, day: NaiveDate) -> Graph {
        // When each office's holders were first reported (current holdings only).
        let mut holders: HashMap<NodeIndex, Vec<NaiveDate>> = HashMap::new();
        for e in self.inner.edge_references() {
            let w = e.weight();
            if w.relation == Relation::HoldsOffice
                && !w.qualifiers.former
                && let Some(d) = self.reported_on(w)
            {
                holders.entry(e.target()).or_default().push(d);
            }
        }
        let keep: std::collections::HashSet<_> = self
            .inner
            .edge_references()
            .filter(|e| {
                let w = e.weight();
                let Some(Range {
                    start: from,
                    end: last,
                }) = self.reported_span(w)
                else {
                    return true;
                };
                if w.relation != Relation::HoldsOffice {
                    return from <= day;
                }
                if w.qualifiers.former {
                    return day < from;
                }
                // Held from its first report until another holder is first
                // reported after its last report.
                from <= day
                    && !holders
                        .get(&e.target())
                        .is_some_and(|ds| ds.iter().any(|&d| last < d && d <= day))
            })
            .map(|e| (e.source(), e.weight().relation, e.target()))
            .collect();
        self.subgraph(self.inner.node_indices(), |s, r, t| {
            keep.contains(&(s, r, t))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{DocumentInfo, Evidence, Node, Qualifiers};
    use crate::ontology::EntityKind;

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

    #[test]
    fn offices_hold_from_first_report_until_a_successor() {
        let mut g = Graph::new();
        for (doc, date) in [
            ("a", "2024-03-01"),
            ("b", "2025-02-01"),
            ("c", "2025-06-01"),
        ] {
            g.documents.insert(
                doc.into(),
                DocumentInfo {
                    date: Some(date.into()),
                    ..DocumentInfo::default()
                },
            );
        }
        let old = g.add_node(Node::new("person:old", EntityKind::Person, "Old"));
        let new = g.add_node(Node::new("person:new", EntityKind::Person, "New"));
        let post = g.add_node(Node::new("office:sec", EntityKind::Office, "Secretary"));
        let m = g.add_node(Node::new("meeting:m", EntityKind::Meeting, "M"));
        g.add_edge(
            old,
            post,
            Relation::HoldsOffice,
            Qualifiers::default(),
            [ev("a")],
        );
        g.add_edge(
            new,
            post,
            Relation::HoldsOffice,
            Qualifiers::default(),
            [ev("b")],
        );
        g.add_edge(new, m, Relation::Led, Qualifiers::default(), [ev("c")]);
        let holds = |g: &Graph, who: &str| {
            let ix = g.node_index(who).unwrap();
            g.inner
                .edges(ix)
                .any(|e| e.weight().relation == Relation::HoldsOffice)
        };
        let mid_2024 = g.as_of(day("2024-06-01"));
        assert!(holds(&mid_2024, "person:old"));
        assert!(
            !holds(&mid_2024, "person:new"),
            "not yet reported in office"
        );
        let spring_2025 = g.as_of(day("2025-03-01"));
        assert!(
            !holds(&spring_2025, "person:old"),
            "a successor was reported"
        );
        assert!(holds(&spring_2025, "person:new"));
        assert_eq!(
            spring_2025.edge_count(),
            1,
            "the July meeting is not yet reported"
        );
        assert_eq!(g.as_of(day("2025-07-01")).edge_count(), 2);
    }

    #[test]
    fn former_holdings_end_before_the_report_and_undated_facts_stay() {
        let mut g = Graph::new();
        g.documents.insert(
            "a".into(),
            DocumentInfo {
                date: Some("2025-01-10".into()),
                ..DocumentInfo::default()
            },
        );
        let p = g.add_node(Node::new("person:p", EntityKind::Person, "P"));
        let o = g.add_node(Node::new("office:o", EntityKind::Office, "O"));
        let t = g.add_node(Node::new("topic:t", EntityKind::Topic, "T"));
        let former = Qualifiers {
            former: true,
            ..Qualifiers::default()
        };
        g.add_edge(p, o, Relation::HoldsOffice, former, [ev("a")]);
        g.add_edge(
            p,
            t,
            Relation::Discussed,
            Qualifiers::default(),
            [ev("undated")],
        );
        assert_eq!(g.as_of(day("2024-12-01")).edge_count(), 2);
        assert_eq!(g.as_of(day("2025-02-01")).edge_count(), 1);
    }
}
