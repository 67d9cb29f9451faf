//! Resolution across documents: every document's entities, keyed by what identifies
//! them (lexicon entry, folded name, office key, meeting series + ordinal or date),
//! become one node per key with a stable id; facts become edges with evidence.
//! The only place where identity across the corpus is decided.

use crate::document::Document;
use crate::extract::Findings;
use crate::graph::{DocumentInfo, Evidence, Graph, MentionRef, Node};
use crate::ontology::EntityKind;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Builds the graph of a corpus from each document's findings.
pub fn build(docs: &[(Document, Findings)]) -> Graph {
    // Group entities by (kind, key) across documents.
    let mut groups: BTreeMap<(EntityKind, String), Vec<(usize, usize)>> = BTreeMap::new();
    for (d, (_, f)) in docs.iter().enumerate() {
        for (i, e) in f.entities.iter().enumerate() {
            if e.key.is_empty() || !is_used(f, i) {
                continue;
            }
            groups
                .entry((e.kind, e.key.clone()))
                .or_default()
                .push((d, i));
        }
    }
    // Labels and ids.
    let mut id_of: HashMap<(usize, usize), String> = HashMap::new();
    let mut taken: HashMap<String, usize> = HashMap::new();
    let mut ids: HashSet<String> = HashSet::new();
    let mut g = Graph::new();
    for ((kind, _key), members) in &groups {
        let label = choose_label(docs, members);
        let base = format!("{kind}:{}", slug(&label));
        let n = taken.entry(base.clone()).or_insert(0);
        // A numbered id may already be another label's plain one ("Alpha-Unit" after
        // "Alpha Unit 2"): skip it, or the two nodes would merge.
        let id = loop {
            *n += 1;
            let id = if *n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            if !ids.contains(&id) {
                break id;
            }
        };
        ids.insert(id.clone());
        let mut node = Node::new(id.clone(), *kind, label);
        for &(d, i) in members {
            let (doc, f) = &docs[d];
            let e = &f.entities[i];
            node.aliases.extend(e.aliases.iter().cloned());
            node.docs.insert(doc.name.clone());
            node.series |= e.series;
            if node.date.is_none() {
                node.date = e.date.clone();
            }
            if node.year.is_none() {
                node.year = e.year;
            }
            for m in f.mentions.iter().filter(|m| m.entity == i) {
                node.mentions.insert(MentionRef {
                    doc: doc.name.clone(),
                    start: m.start,
                    end: m.end,
                });
            }
            id_of.insert((d, i), id.clone());
        }
        node.aliases.remove(&node.label);
        g.add_node(node);
    }
    for (d, (doc, f)) in docs.iter().enumerate() {
        g.documents.insert(
            doc.name.clone(),
            DocumentInfo {
                title: doc.meta.title.clone(),
                date: doc.meta.date.clone(),
                source: doc.meta.source.clone(),
            },
        );
        for fact in &f.facts {
            let (s, t) = (f.canonical(fact.source), f.canonical(fact.target));
            let (Some(si), Some(ti)) = (id_of.get(&(d, s)), id_of.get(&(d, t))) else {
                continue;
            };
            let (Some(si), Some(ti)) = (g.node_index(si), g.node_index(ti)) else {
                continue;
            };
            let span = doc.sentences[fact.sentence];
            let ev = Evidence {
                doc: doc.name.clone(),
                start: span.start,
                end: span.end,
                sentence: doc.text[span.start..span.end].to_string(),
            };
            g.add_edge(si, ti, fact.relation, fact.qualifiers.clone(), [ev]);
        }
    }
    g
}

/// An entity is kept when it is mentioned or takes part in a fact.
fn is_used(f: &Findings, i: usize) -> bool {
    f.mentions.iter().any(|m| m.entity == i)
        || f.facts.iter().any(|x| x.source == i || x.target == i)
}

/// The label most documents use; ties go to the longest, then the first in order.
fn choose_label(docs: &[(Document, Findings)], members: &[(usize, usize)]) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for &(d, i) in members {
        *counts
            .entry(docs[d].1.entities[i].label.as_str())
            .or_insert(0) += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| {
            a.1.cmp(&b.1)
                .then(a.0.len().cmp(&b.0.len()))
                .then(b.0.cmp(a.0))
        })
        .map(|(l, _)| l.to_string())
        .unwrap_or_default()
}

/// A lower-case id slug: letters and digits of any script, runs of others as `-`.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            dash = false;
        } else if c == '+' {
            out.push_str("plus");
            dash = false;
        } else if !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs() {
        assert_eq!(slug("Pete Hegseth"), "pete-hegseth");
        assert_eq!(
            slug("U.S. Secretary of Defense"),
            "u-s-secretary-of-defense"
        );
        assert_eq!(slug("2+2 Dialogue"), "2plus2-dialogue");
        assert_eq!(slug("국방부"), "국방부");
    }
}
