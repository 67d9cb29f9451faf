//! Node labels and ids: a node is named by the label most documents give it
//! ([`choose_label`]) and gets the id `kind:slug(label)`, numbered after the
//! first node that takes it ([`ids_in_order`]). [`crate::graph::Graph::name_nodes`]
//! names a graph's nodes with these.

use crate::ontology::EntityKind;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;

/// The label most documents use; ties go to the longest, then the first in byte order.
pub fn choose_label(counts: &BTreeMap<String, u32>) -> Option<&str> {
    counts
        .iter()
        .max_by(|a, b| {
            a.1.cmp(b.1)
                .then(a.0.len().cmp(&b.0.len()))
                .then(b.0.cmp(a.0))
        })
        .map(|(l, _)| l.as_str())
}

/// The id a node of `kind` labelled `label` takes when no other node has taken
/// it first: `kind:slug(label)`.
pub fn plain_id(kind: EntityKind, label: &str) -> String {
    format!("{kind}:{}", slug(label))
}

/// The ids of nodes given in (kind, key) order by kind and label:
/// `kind:slug(label)`, with `-2`, `-3`, … for later nodes whose id is taken.
pub(crate) fn ids_in_order<'a>(nodes: impl Iterator<Item = (EntityKind, &'a str)>) -> Vec<String> {
    let mut taken: HashMap<String, usize> = HashMap::default();
    let mut given: rustc_hash::FxHashSet<String> = Default::default();
    nodes
        .map(|(kind, label)| {
            let base = plain_id(kind, label);
            let n = taken.entry(base.clone()).or_insert(0);
            // A numbered id may already be another label's plain one ("Alpha-Unit"
            // after "Alpha Unit 2"): skip it, or the two nodes would share an id.
            let id = loop {
                *n += 1;
                let id = if *n == 1 {
                    base.clone()
                } else {
                    format!("{base}-{n}")
                };
                if !given.contains(&id) {
                    break id;
                }
            };
            given.insert(id.clone());
            id
        })
        .collect()
}

/// A lower-case id slug: letters and digits of any script, runs of others as `-`.
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
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
    use super::*;

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

    /// A taken id is numbered, and a numbered id that is another label's plain
    /// one is skipped.
    #[test]
    fn ids_are_numbered_after_the_first() {
        let p = EntityKind::Person;
        let ids =
            ids_in_order([(p, "Alpha Unit 2"), (p, "Alpha Unit"), (p, "Alpha-Unit")].into_iter());
        assert_eq!(
            ids,
            [
                "person:alpha-unit-2",
                "person:alpha-unit",
                "person:alpha-unit-3"
            ]
        );
        let mut counts = BTreeMap::new();
        counts.insert("Lee".to_string(), 2);
        counts.insert("Ann Lee".to_string(), 2);
        counts.insert("A. Lee".to_string(), 1);
        assert_eq!(choose_label(&counts), Some("Ann Lee"));
    }
}
