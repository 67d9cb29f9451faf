//! The knowledge graph: a petgraph `StableDiGraph` of nodes and edges with an id
//! index; merging nodes, edges and evidence; reading and writing the canonical
//! node-link JSON (`shared/spec/formats.md`).
//!
//! Every node keeps what naming it needs: its identity key and how many documents
//! give each candidate label. Merging two graphs joins nodes by (kind, key), adds
//! the counts and names every node again with the same rule a full build uses, so
//! merging is associative and commutative and a graph built in pieces is the graph
//! built at once, byte for byte.

use crate::error::{Error, Result};
use crate::ontology::{EntityKind, Relation};
use crate::provenance::Rules;
pub(crate) use crate::resolve::ids::ids_in_order;
pub use crate::resolve::ids::{choose_label, slug};
use crate::sorted::SortedVec;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use rayon::slice::ParallelSliceMut;
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

/// The version of the graph file format this build writes and reads.
pub const FORMAT_VERSION: u32 = 6;

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
    #[serde(default, deserialize_with = "doc_names")]
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
        serialize_with = "mentions_by_doc",
        deserialize_with = "mentions_or_skip"
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
    /// [`Graph::merge`] assigns ids.
    pub fn absorb(&mut self, mut other: Node) {
        self.unname();
        other.unname();
        for (label, n) in other.labels {
            *self.labels.entry(label).or_insert(0) += n;
        }
        self.aliases.append(&mut other.aliases);
        crate::corrections::join(&mut self.corrected, other.corrected);
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

thread_local! {
    /// Set while [`Graph::read_json_lean`] reads: node mentions are skipped.
    static SKIP_MENTIONS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// A string as read: borrowed from the input when it needs no unescaping.
pub(crate) struct Text<'de>(pub Cow<'de, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> std::result::Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> std::result::Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v.to_string())))
            }
        }
        d.deserialize_str(V)
    }
}

/// Reads a node's document names. (Sharing one copy of each name across nodes
/// would save memory, but looking each up cost more time than it saved.)
fn doc_names<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<SortedVec<Arc<str>>, D::Error> {
    struct Names;
    impl<'de> serde::de::Visitor<'de> for Names {
        type Value = SortedVec<Arc<str>>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a list of document names")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut a: A,
        ) -> std::result::Result<Self::Value, A::Error> {
            // Collected, then made a set at once (in one pass when sorted, as
            // written): inserting one by one would compare names all the way down.
            let mut names = Vec::with_capacity(a.size_hint().unwrap_or(0));
            while let Some(Text(name)) = a.next_element::<Text<'de>>()? {
                names.push(Arc::<str>::from(&*name));
            }
            Ok(names.into_iter().collect())
        }
    }
    d.deserialize_seq(Names)
}

/// Writes a node's mentions as `{"doc": [[start, end], …], …}`: each document
/// name once (as [`write_mentions`] does, for any serializer).
fn mentions_by_doc<S: serde::Serializer>(
    mentions: &SortedVec<MentionRef>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = s.serialize_map(None)?;
    let mut it = mentions.iter().peekable();
    let mut spans = Vec::new();
    while let Some(m) = it.next() {
        spans.push((m.start, m.end));
        if it.peek().is_none_or(|next| next.doc != m.doc) {
            map.serialize_entry(&*m.doc, &spans)?;
            spans.clear();
        }
    }
    map.end()
}

/// Reads a node's mentions (either form), or skips them unread for
/// [`Graph::read_json_lean`].
fn mentions_or_skip<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<SortedVec<MentionRef>, D::Error> {
    struct Mentions;
    impl<'de> serde::de::Visitor<'de> for Mentions {
        type Value = SortedVec<MentionRef>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("mentions: an object of document names to [start, end] pairs")
        }
        fn visit_map<M: serde::de::MapAccess<'de>>(
            self,
            mut m: M,
        ) -> std::result::Result<Self::Value, M::Error> {
            let mut out = Vec::new();
            while let Some((Text(doc), spans)) = m.next_entry::<Text<'de>, Vec<(usize, usize)>>()? {
                let doc: Arc<str> = Arc::from(&*doc);
                out.extend(spans.into_iter().map(|(start, end)| MentionRef {
                    doc: doc.clone(),
                    start,
                    end,
                }));
            }
            // Made a set at once (see `doc_names`).
            Ok(out.into_iter().collect())
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut a: A,
        ) -> std::result::Result<Self::Value, A::Error> {
            // Files before version 4: a list of {"doc", "start", "end"}.
            let mut out = Vec::new();
            while let Some(m) = a.next_element::<MentionRef>()? {
                out.push(m);
            }
            Ok(out.into_iter().collect())
        }
    }
    if SKIP_MENTIONS.with(|c| c.get()) {
        serde::de::IgnoredAny::deserialize(d)?;
        Ok(SortedVec::new())
    } else {
        d.deserialize_any(Mentions)
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

/// The least of two optional values, `None` only if both are.
fn least<T: Ord>(a: Option<T>, b: Option<T>) -> Option<T> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Qualifiers an edge may carry.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Qualifiers {
    /// The office was held before (former, ex-, ousted, predecessor).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub former: bool,
    /// The date of the first dated document that reports the fact as `former`
    /// (`YYYY-MM-DD`): before it, the fact was not yet known to be over (see
    /// [`Graph::as_of`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub former_since: Option<String>,
    /// Held in an acting capacity.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub acting: bool,
    /// A date the text gives for the fact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// A year the text gives ("launched in 2011").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
}

impl Qualifiers {
    /// Adds the qualifiers of the same fact read again: flags join, the least
    /// date and year are kept.
    pub fn join(&mut self, other: Qualifiers) {
        self.former |= other.former;
        self.former_since = least(self.former_since.take(), other.former_since);
        self.acting |= other.acting;
        self.date = least(self.date.take(), other.date);
        self.year = least(self.year, other.year);
    }
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
    /// in; [`Graph::assign_ids`] names it.
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
    /// [`Graph::assign_ids`].
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
                crate::corrections::join(&mut self.inner[ix].corrected, edge.corrected);
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
        crate::corrections::join(&mut node.corrected, gone.corrected);
        node.docs.append(&mut gone.docs);
        node.mentions.append(&mut gone.mentions);
        node.date = least(node.date.take(), gone.date);
        node.series |= gone.series;
        node.year = least(node.year, gone.year);
        node.name();
    }

    /// The nodes of `kind` by key.
    fn keys_of(&mut self, kind: EntityKind) -> &mut HashMap<String, NodeIndex> {
        &mut self.keys[kind as usize]
    }

    /// The node at `ix`, to change.
    pub fn node_mut(&mut self, ix: NodeIndex) -> &mut Node {
        &mut self.inner[ix]
    }

    /// Names every node from its label counts and gives it its id: `kind:slug(label)`,
    /// with `-2`, `-3`, … for later nodes (in (kind, key) order) whose id is taken.
    pub fn assign_ids(&mut self) {
        self.assign_ids_apart(None);
    }

    /// [`Graph::assign_ids`], the pairs `corrections` keeps apart left unjoined
    /// (see [`crate::resolve::join_surnames_apart`]).
    pub fn assign_ids_apart(&mut self, corrections: Option<&crate::corrections::Corrections>) {
        crate::resolve::join_surnames_apart(self, corrections);
        self.name_nodes();
    }

    /// Names every node from its label counts and gives it its id, joining none
    /// (as [`Graph::assign_ids`] does after its joins).
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

    /// Adds every node, edge and document of `other`, then names every node again
    /// as a full build of both graphs' documents would. Associative and commutative
    /// for graphs of different documents (see [`Graph::conflicts`]).
    pub fn merge(&mut self, other: &Graph) {
        self.merge_owned(other.clone());
    }

    /// Like [`Graph::merge`], taking `other` by value (no copy).
    pub fn merge_owned(&mut self, other: Graph) {
        self.absorb_graph(other);
        self.assign_ids();
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
                crate::corrections::join(&mut edge.corrected, twin.corrected);
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

    /// The wire form of the graph.
    pub fn to_wire(&self) -> WireGraph {
        let sentences = self.sentences();
        let number = Numbers::new(&sentences);
        let nodes = self
            .nodes_sorted()
            .into_iter()
            .map(|ix| self.inner[ix].clone())
            .collect();
        let edges = self
            .edges_sorted()
            .into_iter()
            .map(|eix| {
                let (s, t) = self.inner.edge_endpoints(eix).expect("edge of graph");
                let e = &self.inner[eix];
                let (s, t) = (&self.inner[s].id, &self.inner[t].id);
                WireEdge {
                    id: format!("{s}|{}|{t}", e.relation),
                    key: e.relation.to_string(),
                    source: s.clone(),
                    target: t.clone(),
                    relation: e.relation,
                    former: e.qualifiers.former,
                    former_since: e.qualifiers.former_since.clone(),
                    acting: e.qualifiers.acting,
                    date: e.qualifiers.date.clone(),
                    year: e.qualifiers.year,
                    corrected: e.corrected.clone(),
                    rules: e.rules().iter().map(str::to_string).collect(),
                    evidence_rules: uneven(&e.evidence).then(|| {
                        let names = |ev: &Evidence| ev.rules.iter().map(str::to_string).collect();
                        e.evidence.iter().map(names).collect()
                    }),
                    evidence: e.evidence.iter().map(|ev| number.of(ev)).collect(),
                }
            })
            .collect();
        WireGraph {
            directed: true,
            multigraph: true,
            graph: WireMeta {
                name: "newsgraph".into(),
                version: FORMAT_VERSION,
                documents: self.documents.clone(),
            },
            nodes,
            edges,
            sentences: sentences
                .into_iter()
                .map(|ev| WireSentence {
                    doc: ev.doc.to_string(),
                    start: ev.start,
                    end: ev.end,
                    text: ev.sentence.to_string(),
                })
                .collect(),
        }
    }

    /// Every evidence sentence once, sorted by document and offset.
    pub fn sentences(&self) -> Vec<&Evidence> {
        // The edges of a sentence share one copy of its text (one per place in a
        // document; see `resolve`): drop the repeats by address first, then sort
        // what is left by place.
        let mut seen: rustc_hash::FxHashSet<usize> = Default::default();
        let v: Vec<&Evidence> = self
            .inner
            .edge_weights()
            .flat_map(|e| e.evidence.iter())
            .filter(|ev| seen.insert(address(ev)))
            .collect();
        // Sorted by document, then offsets: documents by their rank among the
        // names, so that the sort compares numbers (a document's sentences
        // mostly share one copy of its name).
        let mut names: Vec<(usize, &str)> = {
            let mut seen: rustc_hash::FxHashSet<usize> = Default::default();
            v.iter()
                .map(|ev| (Arc::as_ptr(&ev.doc) as *const u8 as usize, &*ev.doc))
                .filter(|(a, _)| seen.insert(*a))
                .collect()
        };
        names.par_sort_unstable_by(|a, b| a.1.cmp(b.1));
        let mut rank: HashMap<usize, u32> = HashMap::default();
        let mut r = 0;
        for (k, (a, name)) in names.iter().enumerate() {
            if k > 0 && names[k - 1].1 != *name {
                r += 1;
            }
            rank.insert(*a, r);
        }
        let mut keyed: Vec<((u32, usize, usize), &Evidence)> = v
            .into_iter()
            .map(|ev| {
                let a = Arc::as_ptr(&ev.doc) as *const u8 as usize;
                ((rank[&a], ev.start, ev.end), ev)
            })
            .collect();
        keyed.par_sort_unstable_by_key(|k| k.0);
        keyed.dedup_by_key(|k| k.0);
        keyed.into_iter().map(|k| k.1).collect()
    }

    /// Rebuilds a graph from its wire form; `path` names the file in errors.
    pub fn from_wire(w: WireGraph, path: &Path) -> Result<Graph> {
        let owned = |s: String| -> Cow<'static, str> { Cow::Owned(s) };
        let read = ReadGraph {
            directed: w.directed,
            multigraph: w.multigraph,
            graph: w.graph,
            nodes: w.nodes,
            edges: w
                .edges
                .into_iter()
                .map(|e| ReadEdge {
                    id: owned(e.id),
                    key: owned(e.key),
                    source: owned(e.source),
                    target: owned(e.target),
                    relation: e.relation,
                    former: e.former,
                    former_since: e.former_since,
                    acting: e.acting,
                    date: e.date,
                    year: e.year,
                    corrected: e.corrected,
                    rules: e.rules.into_iter().map(Cow::Owned).collect(),
                    evidence_rules: e.evidence_rules.map(|v| {
                        v.into_iter()
                            .map(|r| r.into_iter().map(Cow::Owned).collect())
                            .collect()
                    }),
                    evidence: e.evidence.into_iter().map(ReadCite::Number).collect(),
                })
                .collect(),
            sentences: w
                .sentences
                .into_iter()
                .map(|s| ReadSentence {
                    doc: owned(s.doc),
                    start: s.start,
                    end: s.end,
                    text: owned(s.text),
                })
                .collect(),
        };
        Graph::from_read(read, path)
    }

    /// Rebuilds a graph from the file's (borrowed) records.
    fn from_read(w: ReadGraph<'_>, path: &Path) -> Result<Graph> {
        let bad = |reason: String| Error::GraphFile {
            path: path.to_path_buf(),
            reason,
        };
        if w.graph.version > FORMAT_VERSION {
            return Err(bad(format!(
                "written by a newer newsgraph (format version {}, this one reads up to {FORMAT_VERSION})",
                w.graph.version
            )));
        }
        let mut g = Graph::new();
        g.documents = w.graph.documents;
        // Document names are shared by every node, mention and evidence.
        // Evidence of one document shares its name (sentences come sorted by
        // document, so the last name read is most often the one needed).
        let share = |last: &mut Option<Arc<str>>, doc: &str| -> Arc<str> {
            match last {
                Some(a) if **a == *doc => a.clone(),
                _ => {
                    let a: Arc<str> = Arc::from(doc);
                    *last = Some(a.clone());
                    a
                }
            }
        };
        // Version 3 and 4 files keep each evidence sentence once (version 4 cites it
        // by its number, version 3 by document and offsets); older ones inline it.
        let numbered: Vec<Evidence> = w
            .sentences
            .into_par_iter()
            .with_min_len(4096)
            .map_with(None, |last, s| Evidence {
                doc: share(last, &s.doc),
                start: s.start,
                end: s.end,
                sentence: Arc::from(&*s.text),
                rules: Rules::NONE,
            })
            .collect();
        // The sentences by document and offsets (the order they are written in).
        let mut by_cite: Vec<u32> = (0..numbered.len() as u32).collect();
        if !numbered.windows(2).all(|w| cite(&w[0]) < cite(&w[1])) {
            by_cite.sort_by(|&a, &b| cite(&numbered[a as usize]).cmp(&cite(&numbered[b as usize])));
        }
        for w in by_cite.windows(2) {
            let (a, b) = (&numbered[w[0] as usize], &numbered[w[1] as usize]);
            if cite(a) == cite(b) && a.sentence != b.sentence {
                return Err(bad(format!(
                    "sentence {}:{}-{} is given twice with different texts",
                    a.doc, a.start, a.end
                )));
            }
        }
        let find = |doc: &str, start: usize, end: usize| {
            by_cite
                .binary_search_by(|&i| cite(&numbered[i as usize]).cmp(&(doc, start, end)))
                .ok()
                .map(|k| numbered[by_cite[k] as usize].sentence.clone())
        };
        for mut n in w.nodes {
            if g.index.contains_key(&n.id) {
                return Err(bad(format!("node `{}` appears twice", n.id)));
            }
            if n.key.is_empty() {
                // Version 1 files: the id stands for the key, the label counts once.
                n.key = n.id.clone();
            }
            if n.labels.is_empty() {
                n.labels.insert(n.label.clone(), 1);
            }
            if g.keys_of(n.kind).contains_key(&n.key) {
                return Err(bad(format!(
                    "node `{}` has the kind and key of another node",
                    n.id
                )));
            }
            g.add_node(n);
        }
        // Each edge's ends and evidence are found on every core, then the edges are
        // added in order (the first bad edge is the one reported).
        use rayon::prelude::*;
        let g_ref = &g;
        let prepared: Vec<Result<_>> = w
            .edges
            .into_par_iter()
            .with_min_len(1024)
            .map(|e| {
                let g = g_ref;
                let s = g.node_index(&e.source).ok_or_else(|| {
                    bad(format!(
                        "edge `{}` starts at unknown node `{}`",
                        e.id, e.source
                    ))
                })?;
                let t = g.node_index(&e.target).ok_or_else(|| {
                    bad(format!(
                        "edge `{}` ends at unknown node `{}`",
                        e.id, e.target
                    ))
                })?;
                let q = Qualifiers {
                    former: e.former,
                    former_since: e.former_since,
                    acting: e.acting,
                    date: e.date,
                    year: e.year,
                };
                // Every sentence read by the edge's rules, unless the file says
                // which read which.
                let all = Rules::named(e.rules.iter().map(|r| &**r));
                let rules_of: Vec<Rules> = match &e.evidence_rules {
                    None => vec![all; e.evidence.len()],
                    Some(v) if v.len() == e.evidence.len() => v
                        .iter()
                        .map(|r| Rules::named(r.iter().map(|r| &**r)))
                        .collect(),
                    Some(v) => {
                        return Err(bad(format!(
                            "edge `{}` gives rules for {} sentences, but cites {}",
                            e.id,
                            v.len(),
                            e.evidence.len()
                        )));
                    }
                };
                let mut evidence = Vec::with_capacity(e.evidence.len());
                for (cite, rules) in e.evidence.into_iter().zip(rules_of) {
                    let ev = match cite {
                        ReadCite::Number(i) => {
                            let ev = numbered.get(i as usize).ok_or_else(|| {
                                bad(format!(
                                    "edge `{}` cites sentence {i}, but the file holds {}",
                                    e.id,
                                    numbered.len()
                                ))
                            })?;
                            let mut ev = ev.clone();
                            ev.rules = rules;
                            evidence.push(ev);
                            continue;
                        }
                        ReadCite::Inline(ev) => *ev,
                    };
                    let sentence = match ev.sentence {
                        Some(text) => Arc::from(&*text),
                        None => find(&ev.doc, ev.start, ev.end).ok_or_else(|| {
                            bad(format!(
                                "edge `{}` cites sentence {}:{}-{}, which the file does not hold",
                                e.id, ev.doc, ev.start, ev.end
                            ))
                        })?,
                    };
                    evidence.push(Evidence {
                        doc: Arc::from(&*ev.doc),
                        start: ev.start,
                        end: ev.end,
                        sentence,
                        rules,
                    });
                }
                Ok((
                    s,
                    t,
                    e.relation,
                    q,
                    SortedVec::collect_with(evidence, Evidence::join),
                    e.corrected,
                ))
            })
            .collect();
        g.inner.reserve_edges(prepared.len());
        g.edges.reserve(prepared.len());
        for edge in prepared {
            let (s, t, relation, q, evidence, corrected) = edge?;
            let ix = g.add_edge_sorted(s, t, relation, q, evidence);
            if !corrected.is_empty() {
                crate::corrections::join(&mut g.inner[ix].corrected, corrected);
            }
        }
        Ok(g)
    }

    /// Writes the canonical node-link JSON: one document, node, edge or sentence
    /// per line (compact within the line), so files stay small and diff well.
    /// Each evidence sentence is written once, in `sentences`; edges cite it by its
    /// number there. Records are formatted on every core, in batches, and written
    /// in order.
    pub fn write_json<W: Write>(&self, mut out: W) -> std::io::Result<()> {
        write_documents(&mut out, &self.documents)?;
        // The sentences are numbered and the edges sorted while the nodes are
        // written: the kernel's copy of the records leaves the cores time.
        let (written, (sentences, edges)) = std::thread::scope(|scope| {
            let later = scope.spawn(|| (self.sentences(), self.edges_sorted()));
            // A few nodes (countries, a series) are in most documents: small
            // chunks spread them over the cores.
            let written = write_records(&mut out, &self.nodes_sorted(), 1, |ix, buf| {
                node_record(buf, &self.inner[*ix])
            });
            (
                written,
                later
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            )
        });
        written?;
        out.write_all(OPEN_EDGES)?;
        let number = Numbers::new(&sentences);
        write_records(&mut out, &edges, 512, |eix, buf| {
            let (s, t) = self.inner.edge_endpoints(*eix).expect("edge of graph");
            let e = &self.inner[*eix];
            let (s, t) = (self.inner[s].id.as_str(), self.inner[t].id.as_str());
            let evidence: Vec<(u32, Rules)> = e
                .evidence
                .iter()
                .map(|ev| (number.of(ev), ev.rules))
                .collect();
            edge_record(
                buf,
                s,
                e.relation,
                t,
                &e.qualifiers,
                &e.corrected,
                &evidence,
            )
        })?;
        out.write_all(OPEN_SENTENCES)?;
        write_records(&mut out, &sentences, 1024, |ev, buf| {
            sentence_record(buf, ev)
        })?;
        out.write_all(END)
    }

    /// Like [`Graph::read_json`], without the nodes' mention lists: queries (paths,
    /// neighbourhoods, counts) never use them, and on a large graph they are most
    /// of the reading time and memory.
    pub fn read_json_lean(bytes: &[u8], path: &Path) -> Result<Graph> {
        Graph::read(bytes, path, true)
    }

    /// Reads node-link JSON written by [`Graph::write_json`].
    pub fn read_json(bytes: &[u8], path: &Path) -> Result<Graph> {
        Graph::read(bytes, path, false)
    }

    /// Reads a graph file, without node mentions if `lean`: with every core when
    /// it is laid out as [`Graph::write_json`] writes it, else as plain JSON.
    fn read(bytes: &[u8], path: &Path, lean: bool) -> Result<Graph> {
        let bad = |reason: String| Error::GraphFile {
            path: path.to_path_buf(),
            reason,
        };
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(bad("empty file; not a graph".into()));
        }
        /// Forgets the lean flag when reading ends, here and on the threads that
        /// helped.
        struct Reset;
        impl Drop for Reset {
            fn drop(&mut self) {
                let reset = || SKIP_MENTIONS.with(|c| c.set(false));
                reset();
                rayon::broadcast(|_| reset());
            }
        }
        let _reset = Reset;
        if let Some(w) = read_lines(bytes, lean) {
            return Graph::from_read(w, path);
        }
        SKIP_MENTIONS.with(|c| c.set(lean));
        // Borrowed records: ids, names and sentences are not copied out of `bytes`
        // until the graph keeps them.
        let w: ReadGraph = serde_json::from_slice(bytes).map_err(|e| {
            // A newer file may have fields this version does not know: say it is
            // newer rather than that a field is unknown.
            #[derive(Deserialize)]
            struct Probe {
                graph: Option<ProbeMeta>,
            }
            #[derive(Deserialize)]
            struct ProbeMeta {
                version: Option<u32>,
            }
            if let Ok(Probe {
                graph: Some(ProbeMeta { version: Some(v) }),
            }) = serde_json::from_slice::<Probe>(bytes)
                && v > FORMAT_VERSION
            {
                return bad(format!(
                    "written by a newer newsgraph (format version {v}, this one reads up to {FORMAT_VERSION})"
                ));
            }
            let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
            bad(if e.is_eof() {
                format!(
                    "truncated: the JSON ends early (line {}, column {})",
                    e.line(),
                    e.column()
                )
            } else if e.is_syntax() {
                format!("not JSON: {e}")
            } else if first != Some(&b'{') {
                "not a newsgraph graph file: expected a JSON object with directed, \
                 multigraph, graph, nodes and edges"
                    .to_string()
            } else {
                format!("not a newsgraph graph file: {e}")
            })
        })?;
        Graph::from_read(w, path)
    }
}

/// A graph file as [`Graph::write_json`] lays it out: the documents, then one
/// record per line in each part (each line without its comma).
pub(crate) struct Layout<'a> {
    /// The documents object, `{` to `}`.
    pub documents: Vec<u8>,
    /// The documents' records (`"name":{…}`).
    pub document_lines: Vec<&'a [u8]>,
    pub nodes: Vec<&'a [u8]>,
    pub edges: Vec<&'a [u8]>,
    pub sentences: Vec<&'a [u8]>,
}

/// What comes before the documents' records.
pub(crate) fn head() -> String {
    format!(
        "{{\"directed\":true,\"multigraph\":true,\n\"graph\":{{\"name\":\"newsgraph\",\"version\":{FORMAT_VERSION},\"documents\":"
    )
}

/// What ends the documents and opens the nodes.
pub(crate) const OPEN_NODES: &[u8] = b"\n}},\n\"nodes\":[";
/// What ends the nodes and opens the edges.
pub(crate) const OPEN_EDGES: &[u8] = b"\n],\n\"edges\":[";
/// What ends the edges and opens the sentences.
pub(crate) const OPEN_SENTENCES: &[u8] = b"\n],\n\"sentences\":[";
/// What ends the file.
pub(crate) const END: &[u8] = b"\n]}\n";

impl<'a> Layout<'a> {
    /// The parts of `bytes`; `None` if it is laid out otherwise (an older
    /// version, or reformatted).
    pub fn of(bytes: &'a [u8]) -> Option<Layout<'a>> {
        let head = head();
        let rest = bytes.strip_prefix(head.as_bytes())?;
        // Lines with their offsets in `bytes`.
        let mut at = head.len();
        let mut lines = memchr::memchr_iter(b'\n', rest)
            .chain(std::iter::once(rest.len()))
            .map(move |end| {
                let start = at;
                at = head.len() + end + 1;
                (start, &bytes[start..head.len() + end])
            });
        // The records of a part (each line, less its comma), up to the line that
        // closes it, and where that line starts.
        fn part<'a>(
            lines: &mut impl Iterator<Item = (usize, &'a [u8])>,
            close: &[u8],
        ) -> Option<(Vec<&'a [u8]>, usize)> {
            let mut records = Vec::new();
            loop {
                let (at, line) = lines.next()?;
                if line == close {
                    return Some((records, at));
                }
                records.push(line.strip_suffix(b",").unwrap_or(line));
            }
        }
        let (docs_at, first) = lines.next()?;
        if first != b"{" {
            return None;
        }
        let (document_lines, docs_end) = part(&mut lines, b"}},")?;
        let mut documents = bytes[docs_at..docs_end].to_vec();
        documents.push(b'}');
        let (nothing, _) = part(&mut lines, b"\"nodes\":[")?;
        if !nothing.is_empty() {
            return None;
        }
        let (nodes, _) = part(&mut lines, b"],")?;
        let (nothing, _) = part(&mut lines, b"\"edges\":[")?;
        if !nothing.is_empty() {
            return None;
        }
        let (edges, _) = part(&mut lines, b"],")?;
        let (nothing, _) = part(&mut lines, b"\"sentences\":[")?;
        if !nothing.is_empty() {
            return None;
        }
        let (sentences, _) = part(&mut lines, b"]}")?;
        if !lines.all(|(_, l)| l.iter().all(u8::is_ascii_whitespace)) {
            return None;
        }
        Some(Layout {
            documents,
            document_lines,
            nodes,
            edges,
            sentences,
        })
    }
}

/// Reads a file laid out as [`Graph::write_json`] writes it, parsing the records
/// of each part on every core. `None` if the file is laid out otherwise or a
/// record does not parse: the caller then reads it as plain JSON, which also says
/// what is wrong.
fn read_lines(bytes: &[u8], lean: bool) -> Option<ReadGraph<'_>> {
    use rayon::prelude::*;
    let Layout {
        documents: documents_json,
        nodes: node_lines,
        document_lines: _,
        edges: edge_lines,
        sentences: sentence_lines,
    } = Layout::of(bytes)?;
    let documents = serde_json::from_slice(&documents_json).ok()?;
    let nodes = node_lines
        .par_iter()
        .map(|l| {
            SKIP_MENTIONS.with(|c| c.set(lean));
            if lean {
                // Mentions are the last field: read the line up to them. The cut
                // can only fall elsewhere (inside a string it would need an
                // unescaped quote) if a deeper key is "mentions", and then the
                // prefix does not parse and the file is read as plain JSON.
                if let Some(cut) = memchr::memmem::rfind(l, b",\"mentions\":") {
                    let mut head = l[..cut].to_vec();
                    head.push(b'}');
                    return serde_json::from_slice::<Node>(&head).ok();
                }
            }
            serde_json::from_slice::<Node>(l).ok()
        })
        .collect::<Option<Vec<_>>>();
    let edges = edge_lines
        .par_iter()
        .with_min_len(1024)
        .map(|l| serde_json::from_slice::<ReadEdge>(l).ok())
        .collect::<Option<Vec<_>>>()?;
    let sentences = sentence_lines
        .par_iter()
        .with_min_len(1024)
        .map(|l| serde_json::from_slice::<ReadSentence>(l).ok())
        .collect::<Option<Vec<_>>>()?;
    Some(ReadGraph {
        directed: true,
        multigraph: true,
        graph: WireMeta {
            name: "newsgraph".into(),
            version: FORMAT_VERSION,
            documents,
        },
        nodes: nodes?,
        edges,
        sentences,
    })
}

/// [`WireGraph`] as read from a file: strings borrowed from the file's bytes where
/// they need no unescaping.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReadGraph<'a> {
    #[allow(dead_code)]
    directed: bool,
    #[allow(dead_code)]
    multigraph: bool,
    graph: WireMeta,
    nodes: Vec<Node>,
    #[serde(borrow)]
    edges: Vec<ReadEdge<'a>>,
    #[serde(default, borrow)]
    sentences: Vec<ReadSentence<'a>>,
}

/// [`WireEdge`] as read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReadEdge<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(borrow)]
    #[allow(dead_code)]
    key: Cow<'a, str>,
    #[serde(borrow)]
    source: Cow<'a, str>,
    #[serde(borrow)]
    target: Cow<'a, str>,
    relation: Relation,
    #[serde(default)]
    former: bool,
    #[serde(default)]
    former_since: Option<String>,
    #[serde(default)]
    acting: bool,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    year: Option<i32>,
    #[serde(default)]
    corrected: Vec<String>,
    #[serde(default, borrow)]
    rules: Vec<Cow<'a, str>>,
    #[serde(default, borrow)]
    evidence_rules: Option<Vec<Vec<Cow<'a, str>>>>,
    #[serde(borrow)]
    evidence: Vec<ReadCite<'a>>,
}

/// An edge's evidence as read: a sentence number (version 4) or, in older files,
/// document and offsets (with the sentence inline before version 3).
enum ReadCite<'a> {
    Number(u32),
    Inline(Box<ReadEvidence<'a>>),
}

impl<'de: 'a, 'a> Deserialize<'de> for ReadCite<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Cite<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Cite<'a> {
            type Value = ReadCite<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a sentence number")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<Self::Value, E> {
                u32::try_from(v)
                    .map(ReadCite::Number)
                    .map_err(|_| E::custom(format!("sentence number {v} is too large")))
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                m: M,
            ) -> std::result::Result<Self::Value, M::Error> {
                ReadEvidence::deserialize(serde::de::value::MapAccessDeserializer::new(m))
                    .map(|ev| ReadCite::Inline(Box::new(ev)))
            }
        }
        d.deserialize_any(Cite(std::marker::PhantomData))
    }
}

/// [`WireEvidence`] as read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReadEvidence<'a> {
    #[serde(borrow)]
    doc: Cow<'a, str>,
    start: usize,
    end: usize,
    #[serde(default, borrow)]
    sentence: Option<Cow<'a, str>>,
}

/// [`WireSentence`] as read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReadSentence<'a> {
    #[serde(borrow)]
    doc: Cow<'a, str>,
    start: usize,
    end: usize,
    #[serde(borrow)]
    text: Cow<'a, str>,
}

/// Where an evidence sentence is: its document and offsets.
fn cite(ev: &Evidence) -> (&str, usize, usize) {
    (&ev.doc, ev.start, ev.end)
}

/// The number of each evidence sentence, as [`Graph::sentences`] lists them.
pub(crate) struct Numbers<'a> {
    sentences: &'a [&'a Evidence],
    /// By the address of the sentence's text (the edges of a sentence mostly share
    /// one copy, and an address hashes faster than a name), with the address of
    /// its document's name and its offsets, to check the evidence against
    /// without reading the sentence.
    by_address: HashMap<usize, (u32, usize, usize, usize)>,
    /// By document and offsets, for the rest (made when first needed).
    by_cite: std::sync::OnceLock<HashMap<(&'a str, usize, usize), u32>>,
}

impl<'a> Numbers<'a> {
    pub(crate) fn new(sentences: &'a [&'a Evidence]) -> Numbers<'a> {
        let mut by_address = HashMap::with_capacity_and_hasher(sentences.len(), Default::default());
        for (i, ev) in sentences.iter().enumerate() {
            by_address.insert(address(ev), (i as u32, doc_address(ev), ev.start, ev.end));
        }
        Numbers {
            sentences,
            by_address,
            by_cite: std::sync::OnceLock::new(),
        }
    }

    /// The number of the sentence `ev` cites.
    pub(crate) fn of(&self, ev: &Evidence) -> u32 {
        match self.by_address.get(&address(ev)) {
            Some(&(i, doc, start, end))
                if (doc, start, end) == (doc_address(ev), ev.start, ev.end) =>
            {
                i
            }
            _ => {
                let by_cite = self.by_cite.get_or_init(|| {
                    let pairs = self.sentences.iter().enumerate();
                    pairs.map(|(i, ev)| (cite(ev), i as u32)).collect()
                });
                by_cite[&cite(ev)]
            }
        }
    }
}

/// The address of an evidence sentence's document name.
fn doc_address(ev: &Evidence) -> usize {
    Arc::as_ptr(&ev.doc) as *const u8 as usize
}

/// The address of an evidence sentence's shared text.
fn address(ev: &Evidence) -> usize {
    Arc::as_ptr(&ev.sentence) as *const u8 as usize
}

/// Writes `items` as records, one per line, comma-separated (none before the
/// first). Batches of records are formatted on every core by a thread of its own
/// while this one writes the batch before, so the output is the serial one,
/// writing overlaps formatting, and memory stays bounded by a few batches.
fn write_records<T: Sync, W: Write>(
    out: &mut W,
    items: &[T],
    chunk: usize,
    record: impl Fn(&T, &mut Vec<u8>) -> serde_json::Result<()> + Sync,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    type Batch = serde_json::Result<Vec<Vec<u8>>>;
    let format = |batch: &[T]| -> Batch {
        batch
            .par_chunks(chunk)
            .map(|chunk| {
                let mut buf = Vec::with_capacity(chunk.len() * 256);
                for item in chunk {
                    buf.extend_from_slice(b",\n");
                    record(item, &mut buf)?;
                }
                Ok(buf)
            })
            .collect()
    };
    let mut first = true;
    let mut write = |bufs: Batch, out: &mut W| -> std::io::Result<()> {
        for buf in bufs.map_err(std::io::Error::from)? {
            // The very first record has no comma before it.
            let skip = usize::from(first);
            first = false;
            out.write_all(&buf[skip..])?;
        }
        Ok(())
    };
    // On a thread of the pool, a thread of our own that waits for the pool
    // could wait for this one (every pool thread blocked here): format and
    // write in turn instead.
    if rayon::current_thread_index().is_some() {
        for batch in items.chunks(chunk * 64) {
            write(format(batch), out)?;
        }
        return Ok(());
    }
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Batch>(2);
        let format = &format;
        scope.spawn(move || {
            for batch in items.chunks(chunk * 64) {
                // The writer stops listening after an error: stop too.
                if tx.send(format(batch)).is_err() {
                    break;
                }
            }
        });
        for bufs in rx {
            write(bufs, out)?;
        }
        Ok(())
    })
}

/// Writes the file's head and its documents, up to the opening of the nodes.
pub(crate) fn write_documents<W: Write>(
    out: &mut W,
    documents: &BTreeMap<String, DocumentInfo>,
) -> std::io::Result<()> {
    out.write_all(head().as_bytes())?;
    out.write_all(b"{")?;
    let documents: Vec<_> = documents.iter().collect();
    write_records(out, &documents, 1024, |(name, info), buf| {
        serde_json::to_writer(&mut *buf, name)?;
        buf.push(b':');
        serde_json::to_writer(buf, info)
    })?;
    out.write_all(OPEN_NODES)
}

/// A node's record, as its `Serialize` writes it, written directly: the records
/// are most of a graph file, and serde's general path costs several times more.
pub(crate) fn node_record(buf: &mut Vec<u8>, node: &Node) -> serde_json::Result<()> {
    let mut numbers = itoa::Buffer::new();
    buf.extend_from_slice(b"{\"id\":");
    write_str(buf, &node.id)?;
    buf.extend_from_slice(b",\"kind\":\"");
    buf.extend_from_slice(node.kind.as_str().as_bytes());
    buf.extend_from_slice(b"\",\"label\":");
    write_str(buf, &node.label)?;
    buf.extend_from_slice(b",\"key\":");
    write_str(buf, &node.key)?;
    buf.extend_from_slice(b",\"labels\":{");
    for (k, (label, n)) in node.labels.iter().enumerate() {
        if k > 0 {
            buf.push(b',');
        }
        write_str(buf, label)?;
        buf.push(b':');
        buf.extend_from_slice(numbers.format(*n).as_bytes());
    }
    buf.push(b'}');
    if node.label_surface {
        buf.extend_from_slice(b",\"label_surface\":true");
    }
    buf.extend_from_slice(b",\"aliases\":");
    write_strs(buf, node.aliases.iter().map(String::as_str))?;
    if !node.corrected.is_empty() {
        buf.extend_from_slice(b",\"corrected\":");
        write_strs(buf, node.corrected.iter().map(String::as_str))?;
    }
    buf.extend_from_slice(b",\"docs\":");
    write_strs(buf, node.docs.iter().map(|d| &**d))?;
    if let Some(date) = &node.date {
        buf.extend_from_slice(b",\"date\":");
        write_str(buf, date)?;
    }
    if node.series {
        buf.extend_from_slice(b",\"series\":true");
    }
    if let Some(year) = node.year {
        buf.extend_from_slice(b",\"year\":");
        buf.extend_from_slice(numbers.format(year).as_bytes());
    }
    buf.extend_from_slice(b",\"mentions\":");
    write_mentions(buf, &node.mentions)?;
    buf.push(b'}');
    Ok(())
}

/// Writes a node's mentions as its record holds them:
/// `{"doc":[[start,end],…],…}`, each document name once.
pub(crate) fn write_mentions(
    buf: &mut Vec<u8>,
    mentions: &SortedVec<MentionRef>,
) -> serde_json::Result<()> {
    let mut numbers = itoa::Buffer::new();
    buf.push(b'{');
    let mut it = mentions.iter().peekable();
    let mut first = true;
    while let Some(m) = it.next() {
        if first {
            first = false;
            write_str(buf, &m.doc)?;
            buf.extend_from_slice(b":[");
        }
        buf.push(b'[');
        buf.extend_from_slice(numbers.format(m.start).as_bytes());
        buf.push(b',');
        buf.extend_from_slice(numbers.format(m.end).as_bytes());
        buf.push(b']');
        match it.peek() {
            Some(next) if next.doc == m.doc => buf.push(b','),
            Some(next) => {
                buf.extend_from_slice(b"],");
                write_str(buf, &next.doc)?;
                buf.extend_from_slice(b":[");
            }
            None => buf.push(b']'),
        }
    }
    buf.push(b'}');
    Ok(())
}

/// A JSON array of strings.
fn write_strs<'s>(
    buf: &mut Vec<u8>,
    strs: impl Iterator<Item = &'s str>,
) -> serde_json::Result<()> {
    buf.push(b'[');
    for (k, s) in strs.enumerate() {
        if k > 0 {
            buf.push(b',');
        }
        write_str(buf, s)?;
    }
    buf.push(b']');
    Ok(())
}

/// Whether `s` is written in JSON as it is (no quote, backslash or control
/// character). (No early exit: the loop is vectorised.)
fn plain(s: &str) -> bool {
    !s.bytes().fold(false, |any, b| {
        any | (b < 0x20) | (b == b'"') | (b == b'\\')
    })
}

/// A JSON string: copied when it needs no escapes, else written by serde_json.
fn write_str(buf: &mut Vec<u8>, s: &str) -> serde_json::Result<()> {
    if plain(s) {
        buf.push(b'"');
        buf.extend_from_slice(s.as_bytes());
        buf.push(b'"');
        Ok(())
    } else {
        serde_json::to_writer(buf, s)
    }
}

/// Whether the sentences of an edge were not all read by the same rules (the
/// record then says which rules read each).
pub(crate) fn uneven(evidence: &[Evidence]) -> bool {
    evidence.windows(2).any(|w| w[0].rules != w[1].rules)
}

/// An edge's record: `evidence` numbers the sentences it cites, each with the
/// rules that read the edge there; `corrected`, the corrections that changed it.
/// The edge's rules come before its evidence, which is the last field.
pub(crate) fn edge_record(
    buf: &mut Vec<u8>,
    source: &str,
    relation: Relation,
    target: &str,
    q: &Qualifiers,
    corrected: &[String],
    evidence: &[(u32, Rules)],
) -> serde_json::Result<()> {
    let rules = crate::provenance::union_of(evidence.iter().map(|e| e.1));
    let uneven = evidence.windows(2).any(|w| w[0].1 != w[1].1);
    if plain(source) && plain(target) {
        // Written directly, as serde_json writes the view below.
        let (s, r, t) = (
            source.as_bytes(),
            relation.as_str().as_bytes(),
            target.as_bytes(),
        );
        for part in [
            b"{\"id\":\"".as_slice(),
            s,
            b"|",
            r,
            b"|",
            t,
            b"\",\"key\":\"",
            r,
            b"\",\"source\":\"",
            s,
            b"\",\"target\":\"",
            t,
            b"\",\"relation\":\"",
            r,
            b"\"",
        ] {
            buf.extend_from_slice(part);
        }
        if q.former {
            buf.extend_from_slice(b",\"former\":true");
        }
        if let Some(since) = &q.former_since {
            buf.extend_from_slice(b",\"former_since\":");
            write_str(buf, since)?;
        }
        if q.acting {
            buf.extend_from_slice(b",\"acting\":true");
        }
        if let Some(date) = &q.date {
            buf.extend_from_slice(b",\"date\":");
            write_str(buf, date)?;
        }
        let mut numbers = itoa::Buffer::new();
        if let Some(year) = q.year {
            buf.extend_from_slice(b",\"year\":");
            buf.extend_from_slice(numbers.format(year).as_bytes());
        }
        if !corrected.is_empty() {
            buf.extend_from_slice(b",\"corrected\":");
            write_strs(buf, corrected.iter().map(String::as_str))?;
        }
        buf.extend_from_slice(b",\"rules\":");
        write_strs(buf, rules.iter())?;
        if uneven {
            buf.extend_from_slice(b",\"evidence_rules\":[");
            for (k, (_, r)) in evidence.iter().enumerate() {
                if k > 0 {
                    buf.push(b',');
                }
                write_strs(buf, r.iter())?;
            }
            buf.push(b']');
        }
        buf.extend_from_slice(b",\"evidence\":[");
        for (k, (n, _)) in evidence.iter().enumerate() {
            if k > 0 {
                buf.push(b',');
            }
            buf.extend_from_slice(numbers.format(*n).as_bytes());
        }
        buf.extend_from_slice(b"]}");
        return Ok(());
    }
    let view = WireEdgeView {
        id: EdgeId(source, relation, target),
        key: relation.as_str(),
        source,
        target,
        relation,
        former: q.former,
        former_since: q.former_since.as_deref(),
        acting: q.acting,
        date: q.date.as_deref(),
        year: q.year,
        corrected,
        rules,
        evidence_rules: uneven.then(|| evidence.iter().map(|e| e.1).collect()),
        evidence: evidence.iter().map(|e| e.0).collect(),
    };
    serde_json::to_writer(buf, &view)
}

/// A sentence's record (written directly, as serde_json writes it).
pub(crate) fn sentence_record(buf: &mut Vec<u8>, ev: &Evidence) -> serde_json::Result<()> {
    let mut numbers = itoa::Buffer::new();
    buf.extend_from_slice(b"{\"doc\":");
    write_str(buf, &ev.doc)?;
    buf.extend_from_slice(b",\"start\":");
    buf.extend_from_slice(numbers.format(ev.start).as_bytes());
    buf.extend_from_slice(b",\"end\":");
    buf.extend_from_slice(numbers.format(ev.end).as_bytes());
    buf.extend_from_slice(b",\"text\":");
    write_str(buf, &ev.sentence)?;
    buf.push(b'}');
    Ok(())
}

/// A sentence's record, by serde (to check [`sentence_record`] against).
#[cfg(test)]
fn sentence_record_serde(buf: &mut Vec<u8>, ev: &Evidence) -> serde_json::Result<()> {
    let view = WireSentenceView {
        doc: &ev.doc,
        start: ev.start,
        end: ev.end,
        text: &ev.sentence,
    };
    serde_json::to_writer(buf, &view)
}

/// An edge's id, `source|relation|target`, written without building the string.
struct EdgeId<'a>(&'a str, Relation, &'a str);

impl Serialize for EdgeId<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(&format_args!("{}|{}|{}", self.0, self.1, self.2))
    }
}

/// Serialises exactly as [`WireEdge`].
#[derive(Serialize)]
struct WireEdgeView<'a> {
    id: EdgeId<'a>,
    key: &'a str,
    source: &'a str,
    target: &'a str,
    relation: Relation,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    former: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    former_since: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    acting: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<i32>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    corrected: &'a [String],
    rules: Rules,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence_rules: Option<Vec<Rules>>,
    evidence: Vec<u32>,
}

/// Serialises exactly as [`WireSentence`] (the check on [`sentence_record`]).
#[cfg(test)]
#[derive(Serialize)]
struct WireSentenceView<'a> {
    doc: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
}

/// The graph file: NetworkX node-link JSON with key `edges`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireGraph {
    /// Always true.
    pub directed: bool,
    /// Always true: parallel edges of different relations.
    pub multigraph: bool,
    /// Graph attributes.
    pub graph: WireMeta,
    /// Nodes sorted by id.
    pub nodes: Vec<Node>,
    /// Edges sorted by source, relation, target.
    pub edges: Vec<WireEdge>,
    /// Every evidence sentence once, sorted by document and offset; evidence cites
    /// a sentence by its place here.
    #[serde(default)]
    pub sentences: Vec<WireSentence>,
}

impl WireGraph {
    /// The sentence numbered `i` (as evidence cites it).
    pub fn sentence(&self, i: u32) -> Option<&WireSentence> {
        self.sentences.get(i as usize)
    }
}

/// An evidence sentence, written once however many edges cite it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireSentence {
    /// Document name.
    pub doc: String,
    /// Byte offset in the document's text.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The sentence.
    pub text: String,
}

/// Graph-level attributes.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireMeta {
    /// "newsgraph".
    pub name: String,
    /// File format version.
    pub version: u32,
    /// Source documents and their metadata.
    pub documents: BTreeMap<String, DocumentInfo>,
}

/// An edge in the graph file.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireEdge {
    /// Stable id: `source|relation|target`.
    pub id: String,
    /// Multigraph key: the relation.
    pub key: String,
    /// Source node id.
    pub source: String,
    /// Target node id.
    pub target: String,
    /// The relation.
    pub relation: Relation,
    /// The office was held before.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub former: bool,
    /// The date of the first dated document reporting it as former.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub former_since: Option<String>,
    /// Held in an acting capacity.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub acting: bool,
    /// A date the text gives for the fact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// A year the text gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The corrections (`build --corrections`) that changed it, each naming the
    /// change and its reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrected: Vec<String>,
    /// The ids of the rules that read it, sorted (none in files before version 5).
    #[serde(default)]
    pub rules: Vec<String>,
    /// The ids of the rules that read it from each sentence of `evidence`, when
    /// they are not `rules` for every one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence_rules: Option<Vec<Vec<String>>>,
    /// The sentences stating it: their numbers in [`WireGraph::sentences`].
    pub evidence: Vec<u32>,
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

    /// The records written directly are serde's, byte for byte.
    #[test]
    fn direct_records_are_serdes() {
        let lex = crate::lexicon::Lexicon::with_files(&[]).unwrap();
        let mut g = crate::build::build_texts(crate::corpus::EXAMPLE, &lex).unwrap();
        // Strings that need escapes, in every kind of field.
        let mut odd = Node::new("person:a\"b", EntityKind::Person, "A \"B\"\\ \u{1}");
        odd.key = "person:a \"b\"".into();
        odd.aliases.insert("tab\there".into());
        odd.docs.insert(Arc::from("dir/\"quoted\".txt"));
        odd.mentions.insert(MentionRef {
            doc: Arc::from("dir/\"quoted\".txt"),
            start: 1,
            end: 2,
        });
        odd.date = Some("2025-01-02".into());
        odd.year = Some(-7);
        odd.series = true;
        odd.corrected = vec!["renamed from \"x\": a \"reason\"".into()];
        g.add_node(odd);
        for n in g.inner.node_weights() {
            let mut direct = Vec::new();
            node_record(&mut direct, n).unwrap();
            assert_eq!(
                String::from_utf8(direct).unwrap(),
                serde_json::to_string(n).unwrap()
            );
        }
        for ev in g.sentences() {
            let (mut direct, mut serde) = (Vec::new(), Vec::new());
            sentence_record(&mut direct, ev).unwrap();
            sentence_record_serde(&mut serde, ev).unwrap();
            assert_eq!(direct, serde);
        }
        let odd = Evidence {
            doc: Arc::from("a\\b"),
            start: 0,
            end: 9,
            sentence: Arc::from("He said \"no\".\n"),
            rules: Rules::one("odd.\"rule\""),
        };
        let (mut direct, mut serde) = (Vec::new(), Vec::new());
        sentence_record(&mut direct, &odd).unwrap();
        sentence_record_serde(&mut serde, &odd).unwrap();
        assert_eq!(direct, serde);
        let q = Qualifiers {
            former: true,
            former_since: Some("2025-\\y".into()),
            acting: true,
            date: Some("2024-\"x".into()),
            year: Some(2011),
        };
        for (s, t) in [("person:a", "meeting:b"), ("person:\"q\"", "x\\y")] {
            for q in [Qualifiers::default(), q.clone()] {
                let mut direct = Vec::new();
                let (a, b) = (Rules::one("lead.led_by"), Rules::one("x.\"y\"\\z"));
                let evidence = [(1, a), (20, a.union(b)), (300, a)];
                let corrected = vec!["moved \"x\": y".to_string()];
                edge_record(&mut direct, s, Relation::Led, t, &q, &corrected, &evidence).unwrap();
                let view = WireEdgeView {
                    id: EdgeId(s, Relation::Led, t),
                    key: "led",
                    source: s,
                    target: t,
                    relation: Relation::Led,
                    former: q.former,
                    former_since: q.former_since.as_deref(),
                    acting: q.acting,
                    date: q.date.as_deref(),
                    year: q.year,
                    corrected: &corrected,
                    rules: a.union(b),
                    evidence_rules: Some(vec![a, a.union(b), a]),
                    evidence: vec![1, 20, 300],
                };
                assert_eq!(direct, serde_json::to_vec(&view).unwrap());
            }
        }
    }
}
