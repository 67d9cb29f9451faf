//! The knowledge graph: a petgraph `StableDiGraph` of nodes and edges with an id
//! index; merging nodes, edges and evidence. The graph file (node-link JSON,
//! `shared/spec/formats.md`) is [`crate::graphfile`]'s.
//!
//! Every node keeps what naming it needs: its identity key and how many documents
//! give each candidate label. Merging two graphs joins nodes by (kind, key), adds
//! the counts and names every node again with the same rule a full build uses, so
//! merging is associative and commutative and a graph built in pieces is the graph
//! built at once, byte for byte.

use crate::ontology::{EntityKind, Qualifiers, Relation, least};
use crate::provenance::Rules;
pub(crate) use crate::resolve::ids::ids_in_order;
pub use crate::resolve::ids::{choose_label, slug};
use crate::sorted::SortedVec;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use rayon::slice::ParallelSliceMut;
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

pub use crate::graphfile::FORMAT_VERSION;

/// Where a mention sits: document and byte range.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MentionRef {
    /// Document name (shared by every mention and evidence of the document).
    pub doc: Arc<str>,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// The sentence an edge was read from, with the rules that read it there.
///
/// Two evidence records of the same sentence are equal whatever their rules: an
/// edge keeps a sentence once, with the union of the rules that read it there
/// (see [`Evidence::join`]).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Document name (shared by every mention and evidence of the document).
    pub doc: Arc<str>,
    /// Byte offset of the sentence in the document text.
    pub start: usize,
    /// End of the sentence (exclusive).
    pub end: usize,
    /// The sentence text, shared by every edge it is evidence for.
    pub sentence: Arc<str>,
    /// The ids of the rules that read the edge from this sentence, sorted.
    #[serde(default)]
    pub rules: Rules,
}

impl Evidence {
    /// Adds the rules of the same sentence read again.
    pub fn join(&mut self, other: &Evidence) {
        self.rules = self.rules.union(other.rules);
    }
}

impl PartialEq for Evidence {
    fn eq(&self, other: &Evidence) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}

impl Eq for Evidence {}

/// The sentence's place and text (not its rules), as equality compares it.
impl std::hash::Hash for Evidence {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        (&self.doc, self.start, self.end, &self.sentence).hash(h)
    }
}

/// Orders two shared strings: the same copy is equal without comparing bytes (a
/// document's mentions and evidence share its name, and resolution compares them
/// all the time).
fn cmp_shared(a: &Arc<str>, b: &Arc<str>) -> std::cmp::Ordering {
    if Arc::ptr_eq(a, b) {
        std::cmp::Ordering::Equal
    } else {
        a.cmp(b)
    }
}

/// By document, then offsets (as derived, faster).
impl Ord for MentionRef {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        cmp_shared(&self.doc, &other.doc)
            .then(self.start.cmp(&other.start))
            .then(self.end.cmp(&other.end))
    }
}

impl PartialOrd for MentionRef {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// By document, offsets, then text (not rules).
impl Ord for Evidence {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        cmp_shared(&self.doc, &other.doc)
            .then(self.start.cmp(&other.start))
            .then(self.end.cmp(&other.end))
            .then_with(|| cmp_shared(&self.sentence, &other.sentence))
    }
}

impl PartialOrd for Evidence {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// One thing in the graph.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    /// Stable id, `kind:slug`.
    pub id: String,
    /// What it is.
    pub kind: EntityKind,
    /// Display name.
    pub label: String,
    /// Identity key from extraction: nodes of the same kind and key are one thing,
    /// across documents and graph files.
    #[serde(default)]
    pub key: String,
    /// Candidate labels, each with the number of documents that give it; the label
    /// is the most frequent, then the longest, then the first in byte order.
    #[serde(default)]
    pub labels: BTreeMap<String, u32>,
    /// Whether the label is also a surface form (it is not repeated in `aliases`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub label_surface: bool,
    /// Other surface forms, sorted.
    #[serde(default)]
    pub aliases: BTreeSet<String>,
    /// The corrections (`build --corrections`) that changed the node, each
    /// naming the change and its reason; sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrected: Vec<String>,
    /// Documents it appears in, sorted (names shared with the mentions and evidence).
    #[serde(default, deserialize_with = "crate::graphfile::wire::doc_names")]
    pub docs: SortedVec<Arc<str>>,
    /// For meeting instances: the date the text gives (the least, if several).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// For meetings: a recurring series.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub series: bool,
    /// Year launched or established (the earliest, if several).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Where it is mentioned (left empty by [`Graph::read_json_lean`]). Written
    /// as an object from document name to `[start, end]` pairs (version 4; older
    /// files list `{"doc", "start", "end"}` objects, still read). Written last,
    /// so that a lean reading can leave the line's end unread.
    #[serde(
        default,
        serialize_with = "crate::graphfile::wire::mentions_by_doc",
        deserialize_with = "crate::graphfile::wire::mentions"
    )]
    pub mentions: SortedVec<MentionRef>,
}

impl Node {
    /// A node with no aliases, documents or mentions yet; its key is its id and its
    /// label counts once.
    pub fn new(id: impl Into<String>, kind: EntityKind, label: impl Into<String>) -> Node {
        let (id, label) = (id.into(), label.into());
        Node {
            key: id.clone(),
            labels: BTreeMap::from([(label.clone(), 1)]),
            id,
            kind,
            label,
            label_surface: false,
            aliases: BTreeSet::new(),
            corrected: Vec::new(),
            docs: SortedVec::new(),
            mentions: SortedVec::new(),
            date: None,
            series: false,
            year: None,
        }
    }

    /// Adds what `other` knows about the same thing (same kind and key), then names
    /// the node again: the label counts add up, surface forms, documents and
    /// mentions join, the least date and year are kept. The id is left as it is;
    /// [`crate::resolve::merge`] assigns ids.
    pub fn absorb(&mut self, mut other: Node) {
        self.unname();
        other.unname();
        for (label, n) in other.labels {
            *self.labels.entry(label).or_insert(0) += n;
        }
        self.aliases.append(&mut other.aliases);
        crate::sorted::join(&mut self.corrected, other.corrected);
        self.docs.append(&mut other.docs);
        self.mentions.append(&mut other.mentions);
        self.date = least(self.date.take(), other.date);
        self.series |= other.series;
        self.year = least(self.year, other.year);
        self.name();
    }

    /// Puts the label back among the surface forms if it is one.
    fn unname(&mut self) {
        if self.label_surface {
            self.aliases.insert(self.label.clone());
            self.label_surface = false;
        }
    }

    /// Chooses the label from the counts and takes it out of the surface forms.
    fn name(&mut self) {
        self.unname();
        if let Some(label) = choose_label(&self.labels) {
            self.label = label.to_string();
        }
        self.label_surface = self.aliases.remove(&self.label);
    }
}

/// The documents of `new` that `have` (each name with its content hash) has
/// too: the same name, or the same content under another name (see
/// [`Graph::conflicts`]).
pub fn conflicts<'a>(
    have: impl IntoIterator<Item = (&'a str, Option<&'a str>)>,
    new: &BTreeMap<String, DocumentInfo>,
) -> Vec<String> {
    let mut names: rustc_hash::FxHashSet<&str> = Default::default();
    let mut by_hash: HashMap<&str, &str> = HashMap::default();
    for (name, hash) in have {
        names.insert(name);
        if let Some(hash) = hash {
            by_hash.insert(hash, name);
        }
    }
    new.iter()
        .filter_map(|(name, info)| {
            if names.contains(name.as_str()) {
                return Some(name.clone());
            }
            let same = by_hash.get(info.hash.as_deref()?)?;
            Some(format!("{name} (the same article as {same})"))
        })
        .collect()
}

/// A relation between two nodes, with the sentences that state it.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    /// The relation.
    pub relation: Relation,
    /// Qualifiers.
    pub qualifiers: Qualifiers,
    /// Evidence, sorted, no repeats (a sorted vector: most edges have one or two,
    /// and a set would allocate a whole tree node for each).
    pub evidence: SortedVec<Evidence>,
    /// The corrections (`build --corrections`) that changed the edge, each
    /// naming the change and its reason; sorted.
    pub corrected: Vec<String>,
}

impl Edge {
    /// Adds the evidence and qualifiers of the same relation read again: flags join,
    /// the least date and year are kept, a sentence read again keeps the rules of
    /// both readings.
    fn absorb(&mut self, qualifiers: Qualifiers, evidence: impl IntoIterator<Item = Evidence>) {
        self.evidence.extend_with(evidence, Evidence::join);
        self.qualifiers.join(qualifiers);
    }

    /// The ids of the rules that read the edge (from any of its sentences), sorted.
    pub fn rules(&self) -> Rules {
        evidence_rules(&self.evidence)
    }
}

/// The union of the rules of `evidence`.
pub fn evidence_rules<'e>(evidence: impl IntoIterator<Item = &'e Evidence>) -> Rules {
    let mut it = evidence.into_iter();
    let Some(first) = it.next() else {
        return Rules::NONE;
    };
    it.fold(first.rules, |r, ev| r.union(ev.rules))
}

/// Whether two maps have no key in common (one walk over both, in order).
fn disjoint<K: Ord, V>(a: &BTreeMap<K, V>, b: &BTreeMap<K, V>) -> bool {
    let (mut a, mut b) = (a.keys().peekable(), b.keys().peekable());
    while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => {
                a.next();
            }
            std::cmp::Ordering::Greater => {
                b.next();
            }
            std::cmp::Ordering::Equal => return false,
        }
    }
    true
}

/// Each weight (given in the order of `indices`, as petgraph yields both) with its
/// twin from `twins`, if it has one: pairs that can be joined independently.
fn pair_twins<'a, I: Ord + Copy, W>(
    indices: Vec<I>,
    weights: impl Iterator<Item = &'a mut W>,
    mut twins: Vec<(I, W)>,
) -> Vec<(&'a mut W, W)> {
    // Both in order of index: one walk pairs them.
    twins.sort_unstable_by_key(|t| t.0);
    let mut twins = twins.into_iter().peekable();
    indices
        .into_iter()
        .zip(weights)
        .filter_map(|(ix, w)| Some((w, twins.next_if(|t| t.0 == ix)?.1)))
        .collect()
}

/// The knowledge graph.
#[derive(Clone, Debug, Default)]
pub struct Graph {
    /// The petgraph graph.
    pub inner: StableDiGraph<Node, Edge>,
    index: HashMap<String, NodeIndex>,
    /// Nodes by kind (its place in [`EntityKind::ALL`]) and key.
    keys: [HashMap<String, NodeIndex>; EntityKind::ALL.len()],
    edges: HashMap<(NodeIndex, Relation, NodeIndex), EdgeIndex>,
    /// Names of the documents the graph was built from, with their metadata.
    pub documents: BTreeMap<String, DocumentInfo>,
}

/// What the graph records about a source document.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentInfo {
    /// `title:` from front matter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `date:` from front matter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Source URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Hash of the file's bytes (XXH3-128, hex): the same article is not added twice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash: Option<String>,
}

impl Graph {
    /// An empty graph.
    pub fn new() -> Graph {
        Graph::default()
    }

    /// Adds a node, or merges it into the node of the same kind and key
    /// (see [`Node::absorb`]).
    pub fn add_node(&mut self, node: Node) -> NodeIndex {
        if let Some(&ix) = self.keys_of(node.kind).get(&node.key) {
            self.inner[ix].absorb(node);
            return ix;
        }
        let (id, kind, key) = (node.id.clone(), node.kind, node.key.clone());
        let ix = self.inner.add_node(node);
        self.index.insert(id, ix);
        self.keys_of(kind).insert(key, ix);
        ix
    }

    /// The node of `kind` and `key`, created unnamed if new, for resolution to fill
    /// in; [`crate::resolve::assign_ids`] names it.
    pub fn node_by_key(&mut self, kind: EntityKind, key: &str) -> NodeIndex {
        if let Some(&ix) = self.keys_of(kind).get(key) {
            return ix;
        }
        let mut node = Node::new(String::new(), kind, String::new());
        node.key = key.to_string();
        node.labels.clear();
        let ix = self.inner.add_node(node);
        self.keys_of(kind).insert(key.to_string(), ix);
        ix
    }

    /// Makes node `from` part of node `into` (one thing found to have two keys):
    /// its edges move to `into` (joining the edges it has; an edge between the
    /// two is dropped), its labels become surface forms of `into`, its documents
    /// and mentions join; `from` and its key are gone. Ids are left to
    /// [`crate::resolve::assign_ids`].
    pub fn fold_node(&mut self, from: NodeIndex, into: NodeIndex) {
        if from == into {
            return;
        }
        let ends: Vec<EdgeIndex> = self
            .inner
            .edges_directed(from, petgraph::Direction::Outgoing)
            .chain(
                self.inner
                    .edges_directed(from, petgraph::Direction::Incoming),
            )
            .map(|e| e.id())
            .collect();
        let mut moved = Vec::with_capacity(ends.len());
        for ix in ends {
            let Some((s, t)) = self.inner.edge_endpoints(ix) else {
                continue;
            };
            let Some(edge) = self.inner.remove_edge(ix) else {
                continue;
            };
            self.edges.remove(&(s, edge.relation, t));
            let end = |n: NodeIndex| if n == from { into } else { n };
            moved.push((end(s), end(t), edge));
        }
        for (s, t, edge) in moved {
            if s != t {
                let ix = self.add_edge(s, t, edge.relation, edge.qualifiers, edge.evidence);
                crate::sorted::join(&mut self.inner[ix].corrected, edge.corrected);
            }
        }
        let Some(mut gone) = self.inner.remove_node(from) else {
            return;
        };
        let kind = gone.kind;
        if self.keys_of(kind).get(&gone.key) == Some(&from) {
            self.keys_of(kind).remove(&gone.key);
        }
        if self.index.get(&gone.id) == Some(&from) {
            self.index.remove(&gone.id);
        }
        gone.unname();
        let node = &mut self.inner[into];
        node.unname();
        node.aliases.append(&mut gone.aliases);
        node.aliases.extend(gone.labels.into_keys());
        crate::sorted::join(&mut node.corrected, gone.corrected);
        node.docs.append(&mut gone.docs);
        node.mentions.append(&mut gone.mentions);
        node.date = least(node.date.take(), gone.date);
        node.series |= gone.series;
        node.year = least(node.year, gone.year);
        node.name();
    }

    /// Whether a node of `kind` has `key`.
    pub(crate) fn has_key(&self, kind: EntityKind, key: &str) -> bool {
        self.keys[kind as usize].contains_key(key)
    }

    /// Makes room for `n` more edges.
    pub(crate) fn reserve_edges(&mut self, n: usize) {
        self.inner.reserve_edges(n);
        self.edges.reserve(n);
    }

    /// The nodes of `kind` by key.
    fn keys_of(&mut self, kind: EntityKind) -> &mut HashMap<String, NodeIndex> {
        &mut self.keys[kind as usize]
    }

    /// The node at `ix`, to change.
    pub fn node_mut(&mut self, ix: NodeIndex) -> &mut Node {
        &mut self.inner[ix]
    }

    /// Names every node from its label counts and gives it its id, joining none
    /// (as [`crate::resolve::assign_ids`] does after its joins).
    pub fn name_nodes(&mut self) {
        let mut order: Vec<NodeIndex> = self.inner.node_indices().collect();
        for &ix in &order {
            self.inner[ix].name();
        }
        order.sort_by(|a, b| {
            let (a, b) = (&self.inner[*a], &self.inner[*b]);
            (a.kind, &a.key).cmp(&(b.kind, &b.key))
        });
        let ids = ids_in_order(order.iter().map(|&ix| {
            let n = &self.inner[ix];
            (n.kind, n.label.as_str())
        }));
        self.index.clear();
        for (ix, id) in order.into_iter().zip(ids) {
            self.index.insert(id.clone(), ix);
            self.inner[ix].id = id;
        }
    }

    /// Adds an edge, or merges its evidence and qualifiers into the existing edge of
    /// the same relation between the same nodes (flags join, the least date and year
    /// are kept).
    pub fn add_edge(
        &mut self,
        source: NodeIndex,
        target: NodeIndex,
        relation: Relation,
        qualifiers: Qualifiers,
        evidence: impl IntoIterator<Item = Evidence>,
    ) -> EdgeIndex {
        let key = (source, relation, target);
        match self.edges.get(&key) {
            Some(&ix) => {
                self.inner[ix].absorb(qualifiers, evidence);
                ix
            }
            None => self.add_edge_sorted(
                source,
                target,
                relation,
                qualifiers,
                SortedVec::collect_with(evidence, Evidence::join),
            ),
        }
    }

    /// [`Graph::add_edge`] for evidence already made a set: a new edge keeps it as
    /// it is.
    pub(crate) fn add_edge_sorted(
        &mut self,
        source: NodeIndex,
        target: NodeIndex,
        relation: Relation,
        qualifiers: Qualifiers,
        evidence: SortedVec<Evidence>,
    ) -> EdgeIndex {
        let key = (source, relation, target);
        if let Some(&ix) = self.edges.get(&key) {
            self.inner[ix].absorb(qualifiers, evidence);
            return ix;
        }
        let edge = Edge {
            relation,
            qualifiers,
            evidence,
            corrected: Vec::new(),
        };
        let ix = self.inner.add_edge(source, target, edge);
        self.edges.insert(key, ix);
        ix
    }

    /// The edge of `relation` from `source` to `target`, if there is one.
    pub fn edge_index(
        &self,
        source: NodeIndex,
        relation: Relation,
        target: NodeIndex,
    ) -> Option<EdgeIndex> {
        self.edges.get(&(source, relation, target)).copied()
    }

    /// Removes the edge of `relation` from `source` to `target`; the edge, if
    /// there was one.
    pub fn remove_edge(
        &mut self,
        source: NodeIndex,
        relation: Relation,
        target: NodeIndex,
    ) -> Option<Edge> {
        let ix = self.edges.remove(&(source, relation, target))?;
        self.inner.remove_edge(ix)
    }

    /// The node with id `id`.
    pub fn node_index(&self, id: &str) -> Option<NodeIndex> {
        self.index.get(id).copied()
    }

    /// The node at `ix`.
    pub fn node(&self, ix: NodeIndex) -> &Node {
        &self.inner[ix]
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.inner.node_count()
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.inner.edge_count()
    }

    /// Nodes sorted by id.
    pub fn nodes_sorted(&self) -> Vec<NodeIndex> {
        let mut v: Vec<NodeIndex> = self.inner.node_indices().collect();
        v.par_sort_unstable_by(|a, b| self.inner[*a].id.cmp(&self.inner[*b].id));
        v
    }

    /// Edges sorted by (source id, relation, target id).
    pub fn edges_sorted(&self) -> Vec<EdgeIndex> {
        // Ids are unique, so ordering the ends by their place among the sorted
        // nodes orders them by id, comparing numbers instead of strings.
        use petgraph::visit::NodeIndexable;
        let mut rank = vec![0u32; self.inner.node_bound()];
        for (i, ix) in self.nodes_sorted().into_iter().enumerate() {
            rank[ix.index()] = i as u32;
        }
        let mut v: Vec<(u32, Relation, u32, EdgeIndex)> = (&self.inner)
            .edge_references()
            .map(|e| {
                (
                    rank[e.source().index()],
                    e.weight().relation,
                    rank[e.target().index()],
                    e.id(),
                )
            })
            .collect();
        v.par_sort_unstable();
        v.into_iter().map(|t| t.3).collect()
    }

    /// Node counts per kind.
    pub fn count_kinds(&self) -> BTreeMap<EntityKind, usize> {
        let mut m = BTreeMap::new();
        for n in self.inner.node_weights() {
            *m.entry(n.kind).or_insert(0) += 1;
        }
        m
    }

    /// Edge counts per relation.
    pub fn count_relations(&self) -> BTreeMap<Relation, usize> {
        let mut m = BTreeMap::new();
        for e in self.inner.edge_weights() {
            *m.entry(e.relation).or_insert(0) += 1;
        }
        m
    }

    /// Adds every node, edge and document of `other` without naming nodes again.
    pub fn absorb_graph(&mut self, mut other: Graph) {
        if other.inner.node_count() + other.inner.edge_count()
            > self.inner.node_count() + self.inner.edge_count()
        {
            std::mem::swap(self, &mut other);
        }
        use petgraph::visit::NodeIndexable;
        use rayon::prelude::*;
        let bound = other.inner.node_bound();
        let (nodes, edges) = other.inner.into_nodes_edges_iters();
        // New nodes and edges are added here; those both graphs have are paired
        // with their twin here and joined on every core (each pair is its own work).
        let mut map: Vec<NodeIndex> = vec![NodeIndex::end(); bound];
        let mut twin_nodes: Vec<(NodeIndex, Node)> = Vec::new();
        for n in nodes {
            let w = n.weight;
            let ix = match self.keys_of(w.kind).get(&w.key) {
                Some(&ix) => {
                    twin_nodes.push((ix, w));
                    ix
                }
                None => self.add_node(w),
            };
            map[n.index.index()] = ix;
        }
        // Which edges this graph has too, looked up on every core.
        let edges: Vec<(NodeIndex, NodeIndex, Edge)> = edges
            .map(|e| (map[e.source.index()], map[e.target.index()], e.weight))
            .collect();
        let found: Vec<Option<EdgeIndex>> = edges
            .par_iter()
            .with_min_len(4096)
            .map(|(s, t, w)| self.edges.get(&(*s, w.relation, *t)).copied())
            .collect();
        let mut twin_edges: Vec<(EdgeIndex, Edge)> = Vec::new();
        for ((s, t, w), found) in edges.into_iter().zip(found) {
            match found {
                Some(ix) => twin_edges.push((ix, w)),
                None => {
                    self.add_edge_sorted(s, t, w.relation, w.qualifiers, w.evidence);
                }
            }
        }
        let indices: Vec<NodeIndex> = self.inner.node_indices().collect();
        pair_twins(indices, self.inner.node_weights_mut(), twin_nodes)
            .into_par_iter()
            .for_each(|(node, twin)| node.absorb(twin));
        let indices: Vec<EdgeIndex> = self.inner.edge_indices().collect();
        pair_twins(indices, self.inner.edge_weights_mut(), twin_edges)
            .into_par_iter()
            .with_min_len(256)
            .for_each(|(edge, twin)| {
                edge.absorb(twin.qualifiers, twin.evidence);
                crate::sorted::join(&mut edge.corrected, twin.corrected);
            });
        // Parts of one build have no document in common: their lists join in one
        // pass. Graphs to merge may: one by one, the lesser record kept.
        if disjoint(&self.documents, &other.documents) {
            let mut other = other.documents;
            self.documents.append(&mut other);
            return;
        }
        for (name, info) in other.documents {
            match self.documents.entry(name) {
                std::collections::btree_map::Entry::Vacant(v) => {
                    v.insert(info);
                }
                std::collections::btree_map::Entry::Occupied(mut o) => {
                    if info < *o.get() {
                        o.insert(info);
                    }
                }
            }
        }
    }

    /// Documents both graphs have: the same name, or the same content under another
    /// name (a full build reads an article once). Graphs to merge must be built from
    /// different articles: a document in both would count twice.
    pub fn conflicts(&self, other: &Graph) -> Vec<String> {
        let have = self.documents.iter();
        conflicts(
            have.map(|(n, d)| (n.as_str(), d.hash.as_deref())),
            &other.documents,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disjoint_maps() {
        let map = |keys: &[&str]| -> BTreeMap<String, ()> {
            keys.iter().map(|k| (k.to_string(), ())).collect()
        };
        assert!(disjoint(&map(&["a", "c", "e"]), &map(&["b", "d", "f"])));
        assert!(disjoint(&map(&[]), &map(&["b"])));
        assert!(!disjoint(&map(&["a", "c", "e"]), &map(&["b", "e"])));
        assert!(!disjoint(&map(&["z"]), &map(&["a", "z"])));
    }

    /// Joining graphs that share a document keeps the lesser record of it, as
    /// merging does in any order.
    #[test]
    fn shared_documents_keep_the_lesser_record() {
        let info = |title: &str| DocumentInfo {
            title: Some(title.into()),
            date: None,
            source: None,
            hash: None,
        };
        let (mut a, mut b) = (Graph::new(), Graph::new());
        a.documents.insert("x.txt".into(), info("B"));
        a.documents.insert("y.txt".into(), info("Y"));
        b.documents.insert("x.txt".into(), info("A"));
        b.documents.insert("w.txt".into(), info("W"));
        a.absorb_graph(b);
        let titles: Vec<_> = a
            .documents
            .values()
            .map(|d| d.title.clone().unwrap())
            .collect();
        assert_eq!(titles, ["W", "A", "Y"]);
    }
}
