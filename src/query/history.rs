//! The holders of an office in order of tenure: every `holds_office` edge into
//! it, with the first and last day a document reported it
//! ([`Graph::reported_span`]), whether it was held acting or is reported as
//! former, and its evidence.
//!
//! Tenure is read from the reports: holders come in the order of their first
//! report (a former holder before a current one reported the same day), then
//! moved so that a holder another one `succeeded` comes before that one.
//! Holders no dated document reports come last, by label.
//!
//! As of a day, the history is what had been reported by then: every holder a
//! document published by that day named (not only the holder of that day, as
//! in [`Graph::as_of`]), the dates of those reports, and `former` from the
//! first dated report that says so (the edge's `former_since`). So `history`
//! asks the whole graph, with the day.

use super::NodeRef;
use super::lookup::Lookup;
use super::text::{Style, write_ambiguity, write_evidence};
use crate::dates::Range;
use crate::error::{Error, Result};
use crate::graph::{Edge, Evidence, Graph};
use crate::ontology::{EntityKind, Relation};
use chrono::NaiveDate;
use petgraph::Direction;
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

/// One holder of the office.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holding {
    /// The holder.
    pub holder: NodeRef,
    /// The first day a document reported the holding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first: Option<String>,
    /// The last day a document reported it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<String>,
    /// Held in an acting capacity.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub acting: bool,
    /// Reported as held before (former, ex-, predecessor).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub former: bool,
    /// The ids of the rules that read it, sorted.
    #[serde(default)]
    pub rules: crate::provenance::Rules,
    /// The reasons of the corrections that changed it (`build --corrections`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrected: Vec<String>,
    /// The sentences stating it (those published by `--as-of`, if given), by
    /// the day of their document.
    pub evidence: Vec<Evidence>,
}

/// The answer to `history OFFICE`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryAnswer {
    /// Which node the name was taken to mean.
    pub lookup: Lookup,
    /// The office.
    pub office: NodeRef,
    /// The day asked for with `--as-of`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// The holders in order of tenure.
    pub holders: Vec<Holding>,
}

impl Graph {
    /// The holders of the office `name` means, as reported by `as_of`.
    pub fn history(
        &self,
        name: &str,
        picks: &[String],
        as_of: Option<NaiveDate>,
    ) -> Result<HistoryAnswer> {
        let office = |ix: NodeIndex| self.inner[ix].kind == EntityKind::Office;
        let (ix, lookup) = self.lookup_fitting(name, picks, office)?;
        if !office(ix) {
            let n = &self.inner[ix];
            // A holder's offices are the next step; else the offices by that name.
            let mut held: Vec<&str> = self
                .inner
                .edges_directed(ix, Direction::Outgoing)
                .filter(|e| e.weight().relation == Relation::HoldsOffice)
                .map(|e| self.inner[e.target()].id.as_str())
                .collect();
            held.sort_unstable();
            let next = match held.as_slice() {
                [] => {
                    format!("`newsgraph find {name} --kind office` lists the offices by that name")
                }
                [one] => format!("for the office they hold, `newsgraph history {one}`"),
                more => format!(
                    "for the offices they hold, `newsgraph history` with one of {}",
                    more.join(", ")
                ),
            };
            return Err(Error::Usage(format!(
                "`{name}` means {} ({}) [{}], not an office; {next}",
                n.label, n.kind, n.id
            )));
        }
        // (sort key, successor order key, holding)
        let mut rows: Vec<(Option<Range>, NodeIndex, Holding)> = self
            .inner
            .edges_directed(ix, Direction::Incoming)
            .filter(|e| e.weight().relation == Relation::HoldsOffice)
            .filter_map(|e| {
                let (span, h) = self.holding(e.weight(), e.source(), as_of)?;
                Some((span, e.source(), h))
            })
            .collect();
        rows.sort_by(|(sa, _, a), (sb, _, b)| {
            let key = |s: &Option<Range>, h: &Holding| {
                (
                    s.is_none(),
                    s.map(|r| r.start),
                    !h.former,
                    s.map(|r| r.end),
                    h.holder.label.clone(),
                    h.holder.id.clone(),
                )
            };
            key(sa, a).cmp(&key(sb, b))
        });
        let order = self.after_predecessors(&rows.iter().map(|r| r.1).collect::<Vec<_>>());
        let mut rows: Vec<Option<Holding>> = rows.into_iter().map(|r| Some(r.2)).collect();
        Ok(HistoryAnswer {
            lookup,
            office: self.node_ref(ix),
            as_of: as_of.map(|d| d.to_string()),
            holders: order.into_iter().filter_map(|i| rows[i].take()).collect(),
        })
    }

    /// One holding, with the span of its reports by `as_of`; `None` when no
    /// document had reported it by then.
    fn holding(
        &self,
        e: &Edge,
        who: NodeIndex,
        as_of: Option<NaiveDate>,
    ) -> Option<(Option<Range>, Holding)> {
        let mut evidence: Vec<Evidence> = e
            .evidence
            .iter()
            .filter(|ev| self.known_by(&ev.doc, as_of))
            .cloned()
            .collect();
        self.sort_by_day(&mut evidence);
        if evidence.is_empty() && !e.evidence.is_empty() {
            return None;
        }
        let known = Edge {
            evidence: evidence.iter().cloned().collect(),
            ..e.clone()
        };
        let span = self.reported_span(&known).map(|r| match as_of {
            // An edge's own date may lie after the day asked about.
            Some(day) => Range {
                start: r.start.min(day),
                end: r.end.min(day),
            },
            None => r,
        });
        let h = Holding {
            holder: self.node_ref(who),
            first: span.map(|r| r.start.to_string()),
            last: span.map(|r| r.end.to_string()),
            acting: e.qualifiers.acting,
            // Former from the first dated report that says so (a later
            // article's "former" does not reach back).
            former: match as_of {
                Some(day) => (e.qualifiers.former_since.as_deref())
                    .and_then(crate::dates::anchor)
                    .is_some_and(|d| d <= day),
                None => e.qualifiers.former,
            },
            rules: e.rules(),
            corrected: e.corrected.clone(),
            evidence,
        };
        Some((span, h))
    }

    /// The positions of `holders` (in their first order) reordered so that one
    /// another `succeeded` comes before it: among those free to come next, the
    /// earliest first. A cycle of successions leaves the rest in their order.
    fn after_predecessors(&self, holders: &[NodeIndex]) -> Vec<usize> {
        let pos: BTreeMap<NodeIndex, usize> =
            holders.iter().enumerate().map(|(i, &h)| (h, i)).collect();
        // before[i]: positions that must come before position i.
        let mut before: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); holders.len()];
        for (i, &h) in holders.iter().enumerate() {
            for e in self.inner.edges_directed(h, Direction::Outgoing) {
                if e.weight().relation == Relation::Succeeded
                    && let Some(&j) = pos.get(&e.target())
                    && j != i
                {
                    before[i].insert(j);
                }
            }
        }
        let mut done = vec![false; holders.len()];
        let mut order = Vec::with_capacity(holders.len());
        while order.len() < holders.len() {
            let next = (0..holders.len())
                .find(|&i| !done[i] && before[i].iter().all(|&j| done[j]))
                .or_else(|| (0..holders.len()).find(|&i| !done[i]))
                .expect("a holder left");
            done[next] = true;
            order.push(next);
        }
        order
    }
}

impl HistoryAnswer {
    /// Prints the holders in order, each with its dates and evidence.
    pub fn write_text(&self, out: &mut dyn Write, style: &Style) -> io::Result<()> {
        write_ambiguity(&self.lookup, out, style)?;
        let n = self.holders.len();
        writeln!(
            out,
            "{} [{}]: {n} holder{}, in order of tenure{}",
            style.name(&self.office.label),
            self.office.id,
            if n == 1 { "" } else { "s" },
            self.as_of
                .as_deref()
                .map(|d| format!(" (as reported by {d})"))
                .unwrap_or_default()
        )?;
        for (i, h) in self.holders.iter().enumerate() {
            let mut how = Vec::new();
            if h.acting {
                how.push("acting");
            }
            if h.former {
                how.push("reported as former");
            }
            let how = if how.is_empty() {
                String::new()
            } else {
                format!(" ({})", how.join(", "))
            };
            let when = match (&h.first, &h.last) {
                (Some(a), Some(b)) if a == b => format!("reported {a}"),
                (Some(a), Some(b)) => format!("reported {a} to {b}"),
                _ => "no dated report".to_string(),
            };
            writeln!(
                out,
                "  {:>2}. {}{how}  {}",
                i + 1,
                style.name(&h.holder.label),
                style.note(&when)
            )?;
            for c in &h.corrected {
                writeln!(out, "        corrected: {c}")?;
            }
            write_evidence(&h.evidence, "        ", out, style)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{DocumentInfo, Node};
    use crate::ontology::Qualifiers;

    fn ev(doc: &str) -> Evidence {
        Evidence {
            doc: doc.into(),
            start: 0,
            end: 1,
            sentence: "x".into(),
            rules: crate::provenance::Rules::one("test.history"),
        }
    }

    #[test]
    fn holders_in_order_of_reports_successions_first_undated_last() {
        let mut g = Graph::new();
        for (doc, date) in [
            ("a", "2021-01-05"),
            ("b", "2022-03-01"),
            ("c", "2024-07-09"),
        ] {
            g.documents.insert(
                doc.into(),
                DocumentInfo {
                    date: Some(date.into()),
                    ..DocumentInfo::default()
                },
            );
        }
        let post = g.add_node(Node::new("office:o", EntityKind::Office, "Minister"));
        let mut person = |id: &str| g.add_node(Node::new(id, EntityKind::Person, id));
        let (p1, p2, p3, p4) = (
            person("person:one"),
            person("person:two"),
            person("person:three"),
            person("person:undated"),
        );
        let q = Qualifiers::default;
        g.add_edge(p1, post, Relation::HoldsOffice, q(), [ev("a"), ev("b")]);
        // Three is first reported with two, but two is said to have succeeded three.
        g.add_edge(p2, post, Relation::HoldsOffice, q(), [ev("b")]);
        g.add_edge(p3, post, Relation::HoldsOffice, q(), [ev("b"), ev("c")]);
        g.add_edge(p4, post, Relation::HoldsOffice, q(), [ev("x")]);
        g.add_edge(p2, p3, Relation::Succeeded, q(), [ev("c")]);
        let h = g.history("Minister", &[], None).unwrap();
        let who: Vec<&str> = h.holders.iter().map(|h| h.holder.id.as_str()).collect();
        assert_eq!(
            who,
            ["person:one", "person:three", "person:two", "person:undated"]
        );
        assert_eq!(h.holders[0].first.as_deref(), Some("2021-01-05"));
        assert_eq!(h.holders[0].last.as_deref(), Some("2022-03-01"));
        assert_eq!(h.holders[3].first, None);
        // As of mid-2022, three's 2024 report is not yet out.
        let then = g
            .history("Minister", &[], crate::dates::anchor("2022-06-01"))
            .unwrap();
        let three = then.holders.iter().find(|h| h.holder.id == "person:three");
        assert_eq!(three.unwrap().last.as_deref(), Some("2022-03-01"));
        // Holders first reported later are not listed yet.
        let before = g
            .history("Minister", &[], crate::dates::anchor("2021-06-01"))
            .unwrap();
        let who: Vec<&str> = before
            .holders
            .iter()
            .map(|h| h.holder.id.as_str())
            .collect();
        assert_eq!(who, ["person:one", "person:undated"]);
        // A part of a name means the nearest office, not the best connected.
        let mut g2 = Graph::new();
        let deputy = g2.add_node(Node::new(
            "office:deputy",
            EntityKind::Office,
            "ROK Deputy Minister of Defense for Policy",
        ));
        g2.add_node(Node::new(
            "office:minister",
            EntityKind::Office,
            "ROK Minister of Defense",
        ));
        let p = g2.add_node(Node::new("person:p", EntityKind::Person, "P"));
        g2.add_edge(p, deputy, Relation::HoldsOffice, q(), [ev("a")]);
        let h = g2.history("Minister of Defense", &[], None).unwrap();
        assert_eq!(h.office.id, "office:minister");
        assert!(h.lookup.is_ambiguous());
        // A person is not an office.
        assert!(matches!(
            g.history("person:one", &[], None),
            Err(Error::Usage(_))
        ));
    }
}
