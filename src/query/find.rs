//! Nodes whose name holds a piece of text, for when the exact form of a name is
//! not known: labels and aliases compared without case or punctuation
//! ("u.s. sec" finds "U.S. Secretary of Defense"), narrowed to a kind and to
//! the nodes of some documents.

use super::lookup::fold;
use super::text::Style;
use crate::error::{Error, Result};
use crate::graph::Graph;
use crate::ontology::EntityKind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::io::{self, Write};

/// A node found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FoundNode {
    /// Id.
    pub id: String,
    /// Kind.
    pub kind: EntityKind,
    /// Label.
    pub label: String,
    /// The alias that holds the text, when the label does not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    /// Documents it appears in, sorted.
    pub docs: Vec<String>,
    /// Edges in and out.
    pub degree: usize,
}

/// The answer to `find [TEXT] [--kind KIND] [--doc NAME]`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindAnswer {
    /// The text asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The kind asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<EntityKind>,
    /// The documents `--doc` named, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub docs: Vec<String>,
    /// The nodes, by kind (in the order of [`EntityKind::ALL`]), then label
    /// (without case, numbers as numbers), then id.
    pub nodes: Vec<FoundNode>,
}

/// A kind named on the command line: `person`, `Person` or `people`, `offices`…;
/// anything else is refused with the list of kinds.
pub fn parse_kind(s: &str) -> std::result::Result<EntityKind, String> {
    let t = s.trim().to_lowercase();
    let singular = match t.as_str() {
        "people" | "persons" => "person",
        "countries" => "country",
        other => other
            .strip_suffix('s')
            .filter(|one| one.parse::<EntityKind>().is_ok())
            .unwrap_or(other),
    };
    singular.parse().map_err(|_| {
        let all: Vec<&str> = EntityKind::ALL.iter().map(|k| k.as_str()).collect();
        format!("unknown node kind `{s}`; the kinds are {}", all.join(", "))
    })
}

/// A key that sorts labels without case and with numbers as numbers ("2nd"
/// before "16th").
fn natural(label: &str) -> String {
    let mut key = String::with_capacity(label.len() + 8);
    let mut digits = String::new();
    let flush = |digits: &mut String, key: &mut String| {
        if !digits.is_empty() {
            key.push_str(&format!("{:0>12}", digits));
            digits.clear();
        }
    };
    for c in label.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut key);
            key.extend(c.to_lowercase());
        }
    }
    flush(&mut digits, &mut key);
    key
}

impl Graph {
    /// The nodes whose label or an alias holds `text` (every node without one),
    /// of `kind` if given, in one of the documents `doc` names if given (a
    /// document's name, or a part of it that names several).
    pub fn find(
        &self,
        text: Option<&str>,
        kind: Option<EntityKind>,
        doc: Option<&str>,
    ) -> Result<FindAnswer> {
        let docs = match doc {
            None => None,
            Some(d) => Some(self.documents_named(d)?),
        };
        let key = text.map(fold).filter(|k| !k.is_empty());
        if text.is_some_and(|t| !t.trim().is_empty()) && key.is_none() {
            return Err(Error::Usage(format!(
                "find `{}`: no letters or digits to look for",
                text.unwrap_or_default()
            )));
        }
        let mut nodes: Vec<FoundNode> = Vec::new();
        for ix in self.inner.node_indices() {
            let n = &self.inner[ix];
            if kind.is_some_and(|k| n.kind != k) {
                continue;
            }
            if let Some(ds) = &docs
                && !n.docs.iter().any(|d| ds.contains(&**d))
            {
                continue;
            }
            let alias = match &key {
                None => None,
                Some(k) if fold(&n.label).contains(k.as_str()) => None,
                Some(k) => match n.aliases.iter().find(|a| fold(a).contains(k.as_str())) {
                    Some(a) => Some(a.clone()),
                    None => continue,
                },
            };
            nodes.push(FoundNode {
                id: n.id.clone(),
                kind: n.kind,
                label: n.label.clone(),
                alias,
                docs: n.docs.iter().map(|d| d.to_string()).collect(),
                degree: self.degree(ix),
            });
        }
        nodes.sort_by_cached_key(|n| (n.kind, natural(&n.label), n.id.clone()));
        Ok(FindAnswer {
            text: text.map(String::from),
            kind,
            docs: docs.map(|d| d.into_iter().collect()).unwrap_or_default(),
            nodes,
        })
    }

    /// The documents `name` names: the one of that name, else every one whose
    /// name holds it (without case). None is an error listing some.
    fn documents_named(&self, name: &str) -> Result<BTreeSet<String>> {
        if self.documents.contains_key(name) {
            return Ok([name.to_string()].into());
        }
        let lower = name.to_lowercase();
        let found: BTreeSet<String> = self
            .documents
            .keys()
            .filter(|d| d.to_lowercase().contains(&lower))
            .cloned()
            .collect();
        if found.is_empty() {
            let some: Vec<&str> = self.documents.keys().take(5).map(String::as_str).collect();
            let more = self.documents.len().saturating_sub(some.len());
            return Err(Error::Usage(format!(
                "--doc {name}: no document of the graph is named so; it has {} ({}{})",
                self.documents.len(),
                some.join(", "),
                if more > 0 {
                    format!(", and {more} more")
                } else {
                    String::new()
                }
            )));
        }
        Ok(found)
    }
}

impl FindAnswer {
    /// Prints the nodes grouped by kind, one a line: label, id, degree, documents.
    pub fn write_text(&self, out: &mut dyn Write, style: &Style) -> io::Result<()> {
        let n = self.nodes.len();
        let mut what = format!("{n} node{}", if n == 1 { "" } else { "s" });
        if let Some(k) = self.kind {
            what.push_str(&format!(" of kind {k}"));
        }
        if let Some(t) = &self.text {
            what.push_str(&format!(" matching \"{t}\""));
        }
        if !self.docs.is_empty() {
            what.push_str(&format!(" in {}", self.docs.join(", ")));
        }
        writeln!(out, "{what}")?;
        let mut kind = None;
        for f in &self.nodes {
            if kind != Some(f.kind) {
                kind = Some(f.kind);
                writeln!(out, "\n{}:", f.kind)?;
            }
            let alias = f
                .alias
                .as_deref()
                .map(|a| format!(" (as \"{a}\")"))
                .unwrap_or_default();
            let docs = match f.docs.len() {
                0 => "in no document".to_string(),
                1..=2 => format!("in {}", f.docs.join(", ")),
                k => format!("in {}, {} and {} more", f.docs[0], f.docs[1], k - 2),
            };
            writeln!(
                out,
                "  {}{alias} [{}]  {} edge{}  {}",
                style.name(&f.label),
                f.id,
                f.degree,
                if f.degree == 1 { "" } else { "s" },
                style.source(&docs)
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Node;

    fn graph() -> Graph {
        let mut g = Graph::new();
        let mut a = Node::new(
            "office:us-secdef",
            EntityKind::Office,
            "U.S. Secretary of Defense",
        );
        a.aliases.insert("Pentagon chief".into());
        a.docs.insert("2024-a.txt".into());
        g.add_node(a);
        let mut p = Node::new("person:kim-a", EntityKind::Person, "Kim Ara");
        p.docs.insert("2025-b.txt".into());
        g.add_node(p);
        g.add_node(Node::new("place:pentagon", EntityKind::Place, "Pentagon"));
        for d in ["2024-a.txt", "2025-b.txt"] {
            g.documents.insert(d.into(), Default::default());
        }
        g
    }

    #[test]
    fn text_kind_and_document_narrow_the_list() {
        let g = graph();
        let ids = |a: FindAnswer| a.nodes.into_iter().map(|n| n.id).collect::<Vec<_>>();
        assert_eq!(
            ids(g.find(Some("us sec"), None, None).unwrap()),
            ["office:us-secdef"]
        );
        assert_eq!(
            ids(g.find(Some("PENTAGON"), None, None).unwrap()),
            ["office:us-secdef", "place:pentagon"]
        );
        let f = g.find(Some("pentagon"), None, None).unwrap();
        assert_eq!(f.nodes[0].alias.as_deref(), Some("Pentagon chief"));
        assert_eq!(
            ids(g
                .find(Some("pentagon"), Some(EntityKind::Place), None)
                .unwrap()),
            ["place:pentagon"]
        );
        assert_eq!(
            ids(g.find(None, None, Some("2025")).unwrap()),
            ["person:kim-a"]
        );
        assert!(matches!(
            g.find(None, None, Some("1999")),
            Err(Error::Usage(_))
        ));
        assert_eq!(g.find(None, None, None).unwrap().nodes.len(), 3);
    }

    #[test]
    fn numbers_sort_as_numbers() {
        let mut v = ["25th KIDD", "2nd KIDD", "kidd", "16th KIDD"];
        v.sort_by_key(|l| natural(l));
        assert_eq!(v, ["2nd KIDD", "16th KIDD", "25th KIDD", "kidd"]);
    }

    #[test]
    fn kinds_parse_loosely_and_a_bad_one_lists_them() {
        assert_eq!(parse_kind("Office"), Ok(EntityKind::Office));
        assert_eq!(parse_kind("people"), Ok(EntityKind::Person));
        assert_eq!(parse_kind("countries"), Ok(EntityKind::Country));
        let e = parse_kind("ship").unwrap_err();
        assert!(e.contains("person, office, organization"), "{e}");
    }
}
