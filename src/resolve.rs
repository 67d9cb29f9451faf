//! Resolution across documents: every document's entities, keyed by what identifies
//! them (lexicon entry, folded name, office key, meeting series + ordinal or date),
//! become one node per key with a stable id; facts become edges with evidence.
//! The only place where identity across the corpus is decided.

use crate::document::Document;
use crate::extract::Findings;
use crate::graph::{DocumentInfo, Evidence, Graph, MentionRef};
use petgraph::stable_graph::NodeIndex;
use rustc_hash::FxHashMap as HashMap;

use std::sync::Arc;

pub use crate::graph::slug;

/// Builds the graph of a corpus from each document's findings.
pub fn build(docs: &[(Document, Findings)]) -> Graph {
    let mut g = Graph::new();
    for (doc, f) in docs {
        add_document(&mut g, doc, f, None);
    }
    g.assign_ids();
    g
}

/// Adds one document's entities (one node per kind and key), mentions and facts
/// (edges with the sentence as evidence) to `g`, leaving nodes to be named by
/// [`Graph::assign_ids`] once every document is in. `hash` identifies the file's
/// contents.
pub fn add_document(g: &mut Graph, doc: &Document, f: &Findings, hash: Option<String>) {
    let name: &str = &doc.name;
    let shared: Arc<str> = Arc::from(name);
    // An entity is kept when it is mentioned or takes part in a fact.
    let mut used = vec![false; f.entities.len()];
    for m in &f.mentions {
        used[m.entity] = true;
    }
    for x in &f.facts {
        used[x.source] = true;
        used[x.target] = true;
    }
    let mut node_of: Vec<Option<NodeIndex>> = vec![None; f.entities.len()];
    for (i, e) in f.entities.iter().enumerate() {
        if e.key.is_empty() || !used[i] {
            continue;
        }
        let ix = g.node_by_key(e.kind, &e.key);
        let node = g.node_mut(ix);
        match node.labels.get_mut(&e.label) {
            Some(n) => *n += 1,
            None => {
                node.labels.insert(e.label.clone(), 1);
            }
        }
        for alias in &e.aliases {
            if !node.aliases.contains(alias) {
                node.aliases.insert(alias.clone());
            }
        }
        // A document's entities often share a node, one after the other.
        if node
            .docs
            .last()
            .is_none_or(|last| !Arc::ptr_eq(last, &shared) && **last != *name)
        {
            node.docs.insert(shared.clone());
        }
        node.series |= e.series;
        if let Some(d) = &e.date
            && node.date.as_ref().is_none_or(|old| d < old)
        {
            node.date = Some(d.clone());
        }
        if let Some(y) = e.year
            && node.year.is_none_or(|old| y < old)
        {
            node.year = Some(y);
        }
        node_of[i] = Some(ix);
    }
    for m in &f.mentions {
        if let Some(ix) = node_of[m.entity] {
            g.node_mut(ix).mentions.insert(MentionRef {
                doc: shared.clone(),
                start: m.start,
                end: m.end,
            });
        }
    }
    g.documents.insert(
        name.to_string(),
        DocumentInfo {
            title: doc.meta.title.clone(),
            date: doc.meta.date.clone(),
            source: doc.meta.source.clone(),
            hash,
        },
    );
    let mut sentences: HashMap<usize, Arc<str>> = HashMap::default();
    for fact in &f.facts {
        let (s, t) = (f.canonical(fact.source), f.canonical(fact.target));
        let (Some(si), Some(ti)) = (node_of[s], node_of[t]) else {
            continue;
        };
        let span = doc.sentences[fact.sentence];
        let sentence = sentences
            .entry(fact.sentence)
            .or_insert_with(|| Arc::from(&doc.text[span.start..span.end]))
            .clone();
        let ev = Evidence {
            doc: shared.clone(),
            start: span.start,
            end: span.end,
            sentence,
        };
        g.add_edge(si, ti, fact.relation, fact.qualifiers.clone(), [ev]);
    }
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
