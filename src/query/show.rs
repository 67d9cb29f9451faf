//! Who or what a node is: kind, aliases, documents, and its edges grouped by
//! relation, each with evidence.

use super::lookup::Lookup;
use crate::error::Result;
use crate::graph::{Evidence, Graph};
use crate::ontology::{EntityKind, Relation};
use petgraph::Direction;
use petgraph::visit::EdgeRef;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The node itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeInfo {
    /// Id.
    pub id: String,
    /// Kind.
    pub kind: EntityKind,
    /// Label.
    pub label: String,
    /// Other names, sorted.
    pub aliases: Vec<String>,
    /// Documents it appears in, sorted.
    pub docs: Vec<String>,
    /// Times it is mentioned.
    pub mentions: usize,
    /// For meeting instances: the date the text gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// A recurring meeting series.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub series: bool,
    /// Year launched or established.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The corrections made to it (`build --corrections`), each with its reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrected: Vec<String>,
}

/// One edge seen from the node.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeEdge {
    /// True when the edge leaves the node (node ─relation→ other).
    pub outgoing: bool,
    /// The node at the other end.
    pub other: String,
    /// Its label.
    pub other_label: String,
    /// Its kind.
    pub other_kind: EntityKind,
    /// The fact held before.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub former: bool,
    /// Held in an acting capacity.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub acting: bool,
    /// A date the text gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// When it was reported: the dates of the first and the last dated document
    /// stating it (`YYYY-MM-DD`, or `YYYY-MM-DD/YYYY-MM-DD`); none when only
    /// undated documents do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported: Option<String>,
    /// The corrections made to it (`build --corrections`), each with its reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrected: Vec<String>,
    /// The ids of the rules that read it, sorted.
    #[serde(default)]
    pub rules: crate::provenance::Rules,
    /// The sentences stating it, each with the rules that read it there.
    pub evidence: Vec<Evidence>,
}

/// The answer to `show NAME`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShowAnswer {
    /// Which node the name was taken to mean.
    pub lookup: Lookup,
    /// The node.
    pub node: NodeInfo,
    /// Its edges by relation; within one, outgoing first, then by the other label.
    pub edges: BTreeMap<Relation, Vec<NodeEdge>>,
}

impl Graph {
    /// Everything the graph holds about the node `name` means.
    pub fn show(&self, name: &str, picks: &[String]) -> Result<ShowAnswer> {
        let (ix, lookup) = self.lookup_with(name, picks)?;
        let n = &self.inner[ix];
        let node = NodeInfo {
            id: n.id.clone(),
            kind: n.kind,
            label: n.label.clone(),
            aliases: n.aliases.iter().cloned().collect(),
            docs: n.docs.iter().map(|d| d.to_string()).collect(),
            mentions: n.mentions.len(),
            date: n.date.clone(),
            series: n.series,
            year: n.year,
            corrected: n.corrected.clone(),
        };
        let mut edges: BTreeMap<Relation, Vec<NodeEdge>> = BTreeMap::new();
        for dir in [Direction::Outgoing, Direction::Incoming] {
            for e in self.inner.edges_directed(ix, dir) {
                let outgoing = dir == Direction::Outgoing;
                let other = if outgoing { e.target() } else { e.source() };
                let o = &self.inner[other];
                let w = e.weight();
                edges.entry(w.relation).or_default().push(NodeEdge {
                    outgoing,
                    other: o.id.clone(),
                    other_label: o.label.clone(),
                    other_kind: o.kind,
                    former: w.qualifiers.former,
                    acting: w.qualifiers.acting,
                    date: w.qualifiers.date.clone(),
                    reported: self.reported_span(w).map(|r| r.iso()),
                    corrected: w.corrected.clone(),
                    rules: w.rules(),
                    evidence: w.evidence.to_vec(),
                });
            }
        }
        for v in edges.values_mut() {
            v.sort_by(|a, b| {
                (!a.outgoing, &a.other_label, &a.other).cmp(&(
                    !b.outgoing,
                    &b.other_label,
                    &b.other,
                ))
            });
        }
        Ok(ShowAnswer {
            lookup,
            node,
            edges,
        })
    }
}
