//! The rounds of a meeting series in date order: the instances (`instance_of`
//! edges into the series), each with its ordinal, its date or dates, where it was
//! held (`held_in`), who led the delegations (`led`) and the documents that
//! report it.
//!
//! A round is *planned* when every report of it (up to `--as-of`, if given)
//! came out before its first day: the articles announced it, none said it took
//! place. Rounds with no date come last, by ordinal, then label.

use super::NodeRef;
use super::lookup::Lookup;
use super::text::{Style, write_ambiguity, write_evidence};
use crate::dates::{self, Range};
use crate::error::{Error, Result};
use crate::graph::{Evidence, Graph};
use crate::ontology::{EntityKind, Relation};
use chrono::NaiveDate;
use petgraph::Direction;
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::{Deserialize, Serialize};
use std::io::{self, Write};

/// One round of the series.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Round {
    /// The instance node.
    pub id: String,
    /// Its label.
    pub label: String,
    /// Its ordinal ("25th" → 25), when its name gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ordinal: Option<u32>,
    /// Its date: a day, or an ISO interval `start/end`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Reported only before it took place (see the module documentation).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub planned: bool,
    /// Where it was held, by label.
    pub places: Vec<NodeRef>,
    /// The heads of delegation, by label.
    pub heads: Vec<NodeRef>,
    /// The reasons of the corrections that changed it (`build --corrections`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrected: Vec<String>,
    /// The documents that report it (by `--as-of`, if given), sorted.
    pub docs: Vec<String>,
    /// The sentences that name it as a round of the series, by the day of their
    /// document.
    pub evidence: Vec<Evidence>,
}

/// The answer to `timeline SERIES`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineAnswer {
    /// Which node the name was taken to mean.
    pub lookup: Lookup,
    /// The series.
    pub series: NodeRef,
    /// The day asked for with `--as-of`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// The rounds: dated ones by date, then the undated.
    pub rounds: Vec<Round>,
}

/// The ordinal a label starts with: "25th KIDD" → 25, "1st" → 1.
pub fn ordinal(label: &str) -> Option<u32> {
    let digits = label.len() - label.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let (num, rest) = label.split_at(digits);
    let suffix = rest.get(..2)?.to_ascii_lowercase();
    let ends = rest[2..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric());
    (["st", "nd", "rd", "th"].contains(&suffix.as_str()) && ends)
        .then(|| num.parse().ok())
        .flatten()
}

impl Graph {
    /// True for a node other meetings are instances of, or marked a series.
    fn is_series(&self, ix: NodeIndex) -> bool {
        self.inner[ix].series
            || self
                .inner
                .edges_directed(ix, Direction::Incoming)
                .any(|e| e.weight().relation == Relation::InstanceOf)
    }

    /// The series a meeting instance belongs to, or the series of meetings of a
    /// body (a series `part_of` it: the NCG's meetings for the NCG); the best
    /// known, if several.
    fn series_of(&self, ix: NodeIndex) -> Option<NodeIndex> {
        let up = self
            .inner
            .edges_directed(ix, Direction::Outgoing)
            .filter(|e| e.weight().relation == Relation::InstanceOf)
            .map(|e| e.target());
        let body = self
            .inner
            .edges_directed(ix, Direction::Incoming)
            .filter(|e| e.weight().relation == Relation::PartOf && self.is_series(e.source()))
            .map(|e| e.source());
        up.chain(body)
            .max_by_key(|&s| (self.degree(s), std::cmp::Reverse(&self.inner[s].id)))
    }

    /// The rounds of the series `name` means (or of the series of the round it
    /// means, or the series of meetings of the body it means), as reported by
    /// `as_of`: rounds, places and heads a document published by then states.
    /// Asked of the whole graph: a name means the same node on every day.
    pub fn timeline(
        &self,
        name: &str,
        picks: &[String],
        as_of: Option<NaiveDate>,
    ) -> Result<TimelineAnswer> {
        let (ix, lookup) = self.lookup_fitting(name, picks, |ix| self.is_series(ix))?;
        let series = if self.is_series(ix) {
            ix
        } else if let Some(s) = self.series_of(ix) {
            s
        } else {
            let n = &self.inner[ix];
            let what = if n.kind == EntityKind::Meeting {
                "a meeting of no known series"
            } else {
                "not a meeting series"
            };
            return Err(Error::Usage(format!(
                "`{name}` means {} ({}) [{}], {what}; \
                 `newsgraph find {name} --kind meeting` lists the meetings by that name",
                n.label, n.kind, n.id
            )));
        };
        let mut rounds: Vec<(Option<Range>, Round)> = self
            .inner
            .edges_directed(series, Direction::Incoming)
            .filter(|e| {
                e.weight().relation == Relation::InstanceOf && self.reported_by(e.weight(), as_of)
            })
            .map(|e| self.round(e.source(), e.weight().evidence.to_vec(), as_of))
            .collect();
        rounds.sort_by(|(da, a), (db, b)| {
            let key = |d: &Option<Range>, r: &Round| {
                (
                    d.is_none(),
                    *d,
                    r.ordinal.is_none(),
                    r.ordinal,
                    r.label.clone(),
                    r.id.clone(),
                )
            };
            key(da, a).cmp(&key(db, b))
        });
        Ok(TimelineAnswer {
            lookup,
            series: self.node_ref(series),
            as_of: as_of.map(|d| d.to_string()),
            rounds: rounds.into_iter().map(|(_, r)| r).collect(),
        })
    }

    /// One round, with its date range for sorting.
    fn round(
        &self,
        ix: NodeIndex,
        evidence: Vec<Evidence>,
        as_of: Option<NaiveDate>,
    ) -> (Option<Range>, Round) {
        let n = &self.inner[ix];
        let range = n.date.as_deref().and_then(|d| {
            dates::parse_iso(d).or_else(|| dates::anchor(d).map(|s| Range { start: s, end: s }))
        });
        let docs: Vec<String> = n
            .docs
            .iter()
            .filter(|d| self.known_by(d, as_of))
            .map(|d| d.to_string())
            .collect();
        let last_report = docs
            .iter()
            .filter_map(|d| self.documents.get(d)?.date.as_deref())
            .filter_map(dates::anchor)
            .max();
        let planned = range.is_some_and(|r| {
            as_of.is_some_and(|day| r.start > day) || last_report.is_some_and(|d| r.start > d)
        });
        let ends = |rel: Relation, dir: Direction| {
            let mut v: Vec<NodeRef> = self
                .inner
                .edges_directed(ix, dir)
                .filter(|e| e.weight().relation == rel && self.reported_by(e.weight(), as_of))
                .map(|e| {
                    self.node_ref(if dir == Direction::Outgoing {
                        e.target()
                    } else {
                        e.source()
                    })
                })
                .collect();
            v.sort_by(|a, b| (&a.label, &a.id).cmp(&(&b.label, &b.id)));
            v
        };
        let mut evidence: Vec<Evidence> = evidence
            .into_iter()
            .filter(|ev| self.known_by(&ev.doc, as_of))
            .collect();
        self.sort_by_day(&mut evidence);
        let round = Round {
            id: n.id.clone(),
            label: n.label.clone(),
            ordinal: ordinal(&n.label),
            date: range.map(|r| r.iso()),
            planned,
            places: ends(Relation::HeldIn, Direction::Outgoing),
            heads: ends(Relation::Led, Direction::Incoming),
            corrected: n.corrected.clone(),
            docs,
            evidence,
        };
        (range, round)
    }
}

/// A date for people: `2024-09-09`, or `2024-09-09 to 2024-09-10`.
pub(crate) fn readable(date: &str) -> String {
    match date.split_once('/') {
        Some((a, b)) => format!("{a} to {b}"),
        None => date.to_string(),
    }
}

/// Labels joined with commas.
pub(crate) fn labels(v: &[NodeRef]) -> String {
    v.iter()
        .map(|n| n.label.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

impl TimelineAnswer {
    /// Prints the rounds, one block each: ordinal and date, place, heads, documents
    /// (and with `all_evidence`, the sentences naming the round).
    pub fn write_text(&self, out: &mut dyn Write, style: &Style) -> io::Result<()> {
        write_ambiguity(&self.lookup, out, style)?;
        let n = self.rounds.len();
        writeln!(
            out,
            "{} [{}]: {n} round{} known{}",
            style.name(&self.series.label),
            self.series.id,
            if n == 1 { "" } else { "s" },
            self.as_of
                .as_deref()
                .map(|d| format!(" as of {d}"))
                .unwrap_or_default()
        )?;
        if let Some(c) = self.lookup.candidates.first()
            && c.id != self.series.id
        {
            writeln!(
                out,
                "{}",
                style.note(&format!(
                    "(\"{}\" is {} ({}); these are the rounds of its series.)",
                    self.lookup.query, c.label, c.kind
                ))
            )?;
        }
        for r in &self.rounds {
            writeln!(out)?;
            let ord = r.ordinal.map(|o| format!("#{o}")).unwrap_or("–".into());
            let when = r.date.as_deref().map(readable).unwrap_or("no date".into());
            let planned = if r.planned {
                format!("  {}", style.note("(planned)"))
            } else {
                String::new()
            };
            writeln!(out, "  {ord:<4} {when}{planned}  {}", style.name(&r.label))?;
            for c in &r.corrected {
                writeln!(out, "       corrected: {c}")?;
            }
            if !r.places.is_empty() {
                writeln!(out, "       held in {}", labels(&r.places))?;
            }
            if !r.heads.is_empty() {
                writeln!(out, "       led by {}", labels(&r.heads))?;
            }
            writeln!(
                out,
                "       {}",
                style.source(&format!("reported in {}", r.docs.join(", ")))
            )?;
            if style.all_evidence {
                write_evidence(&r.evidence, "         ", out, style)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{DocumentInfo, Node};
    use crate::ontology::Qualifiers;

    #[test]
    fn ordinals_are_read_from_the_label() {
        assert_eq!(
            ordinal("25th Korea-U.S. Integrated Defense Dialogue"),
            Some(25)
        );
        assert_eq!(ordinal("1st NCG"), Some(1));
        assert_eq!(ordinal("22nd"), Some(22));
        assert_eq!(ordinal("2025 summit"), None);
        assert_eq!(ordinal("5thly"), None);
        assert_eq!(ordinal("KIDD"), None);
    }

    fn ev(doc: &str) -> Evidence {
        Evidence {
            doc: doc.into(),
            start: 0,
            end: 1,
            sentence: "x".into(),
            rules: crate::provenance::Rules::one("test.timeline"),
        }
    }

    #[test]
    fn rounds_come_in_date_order_planned_marked_undated_last() {
        let mut g = Graph::new();
        for (doc, date) in [("a", "2023-05-01"), ("b", "2024-02-01")] {
            g.documents.insert(
                doc.into(),
                DocumentInfo {
                    date: Some(date.into()),
                    ..DocumentInfo::default()
                },
            );
        }
        let mut s = Node::new("meeting:s", EntityKind::Meeting, "Series");
        s.series = true;
        let s = g.add_node(s);
        let mut add = |id: &str, label: &str, date: Option<&str>, doc: &str| {
            let mut n = Node::new(id, EntityKind::Meeting, label);
            n.date = date.map(String::from);
            n.docs.insert(doc.into());
            let ix = g.add_node(n);
            g.add_edge(
                ix,
                s,
                Relation::InstanceOf,
                Qualifiers::default(),
                [ev(doc)],
            );
        };
        add(
            "meeting:9",
            "9th Series",
            Some("2024-06-01/2024-06-02"),
            "b",
        );
        add("meeting:x", "Series (undated)", None, "a");
        add("meeting:8", "8th Series", Some("2023-04-30"), "a");
        let t = g.timeline("Series", &[], None).unwrap();
        let ids: Vec<&str> = t.rounds.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["meeting:8", "meeting:9", "meeting:x"]);
        assert!(!t.rounds[0].planned, "reported after it began");
        assert!(t.rounds[1].planned, "reported only before it began");
        assert_eq!(t.rounds[1].ordinal, Some(9));
        // Asked about a round, the answer is its series.
        assert_eq!(
            g.timeline("9th Series", &[], None).unwrap().series.id,
            "meeting:s"
        );
        // As of a day before the second report, the 9th is not yet known.
        let early = g
            .timeline("Series", &[], dates::anchor("2023-06-01"))
            .unwrap();
        let ids: Vec<&str> = early.rounds.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["meeting:8", "meeting:x"]);
    }
}
