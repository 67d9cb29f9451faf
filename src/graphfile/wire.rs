//! The graph file's types: the whole file as serde reads and writes it
//! ([`WireGraph`]), and the serde helpers of a node's record ([`Node`] is its
//! own record; [`LeanNode`] reads it without its mentions).

use crate::graph::{DocumentInfo, MentionRef, Node};
use crate::ontology::{EntityKind, Qualifiers, Relation};
use crate::sorted::SortedVec;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

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
pub(crate) fn doc_names<'de, D: serde::Deserializer<'de>>(
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
/// name once (as [`super::records::write_mentions`] does, for any serializer).
pub(crate) fn mentions_by_doc<S: serde::Serializer>(
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

/// Reads a node's mentions (either form).
pub(crate) fn mentions<'de, D: serde::Deserializer<'de>>(
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
    d.deserialize_any(Mentions)
}

/// A node's record read without its mentions (for [`crate::graph::Graph::read_json_lean`]:
/// queries never use them, and on a large graph they are most of the reading
/// time and memory). The fields are [`Node`]'s; `mentions` is skipped unread.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LeanNode {
    id: String,
    kind: EntityKind,
    label: String,
    #[serde(default)]
    key: String,
    #[serde(default)]
    labels: BTreeMap<String, u32>,
    #[serde(default)]
    label_surface: bool,
    #[serde(default)]
    aliases: BTreeSet<String>,
    #[serde(default)]
    corrected: Vec<String>,
    #[serde(default, deserialize_with = "doc_names")]
    docs: SortedVec<Arc<str>>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    series: bool,
    #[serde(default)]
    year: Option<i32>,
    #[serde(default, rename = "mentions")]
    _mentions: Option<serde::de::IgnoredAny>,
}

impl From<LeanNode> for Node {
    fn from(n: LeanNode) -> Node {
        Node {
            id: n.id,
            kind: n.kind,
            label: n.label,
            key: n.key,
            labels: n.labels,
            label_surface: n.label_surface,
            aliases: n.aliases,
            corrected: n.corrected,
            docs: n.docs,
            date: n.date,
            series: n.series,
            year: n.year,
            mentions: SortedVec::new(),
        }
    }
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

/// An edge in the graph file. (Unknown fields are not refused here, as they
/// cannot be with flattened qualifiers; the graph reader refuses them.)
#[derive(Clone, Debug, Serialize, Deserialize)]
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
    /// Its qualifiers (the fields of [`Qualifiers`], flattened).
    #[serde(flatten)]
    pub qualifiers: Qualifiers,
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
