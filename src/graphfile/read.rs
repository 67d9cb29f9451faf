//! Reading a graph file: [`Graph::read_json`], and [`Graph::read_json_lean`]
//! without the nodes' mentions ([`LeanNode`]). A file laid out as `build`
//! writes it is read a record at a time on every core; any other is read as
//! plain JSON, which also says what is wrong with it.

use super::FORMAT_VERSION;
use super::layout::Layout;
use super::wire::{LeanNode, Text, WireGraph, WireMeta};
use super::write::cite;
use crate::error::{Error, Result};
use crate::graph::{Evidence, Graph, Node};
use crate::ontology::{Qualifiers, Relation};
use crate::provenance::Rules;
use crate::sorted::SortedVec;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

/// How a reading takes a node's record: whole ([`Node`]) or without its
/// mentions ([`LeanNode`]).
pub(crate) trait NodeRecord: DeserializeOwned + Into<Node> + Send {
    /// Whether the mentions are left unread.
    const LEAN: bool;
}

impl NodeRecord for Node {
    const LEAN: bool = false;
}

impl NodeRecord for LeanNode {
    const LEAN: bool = true;
}

impl Graph {
    /// Like [`Graph::read_json`], without the nodes' mention lists: queries (paths,
    /// neighbourhoods, counts) never use them, and on a large graph they are most
    /// of the reading time and memory.
    pub fn read_json_lean(bytes: &[u8], path: &Path) -> Result<Graph> {
        read::<LeanNode>(bytes, path)
    }

    /// Reads node-link JSON written by [`Graph::write_json`].
    pub fn read_json(bytes: &[u8], path: &Path) -> Result<Graph> {
        read::<Node>(bytes, path)
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
                    source: owned(e.source),
                    target: owned(e.target),
                    relation: e.relation,
                    qualifiers: e.qualifiers,
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
    fn from_read<N: Into<Node>>(w: ReadGraph<'_, N>, path: &Path) -> Result<Graph> {
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
        for n in w.nodes {
            let mut n: Node = n.into();
            if g.node_index(&n.id).is_some() {
                return Err(bad(format!("node `{}` appears twice", n.id)));
            }
            if n.key.is_empty() {
                // Version 1 files: the id stands for the key, the label counts once.
                n.key = n.id.clone();
            }
            if n.labels.is_empty() {
                n.labels.insert(n.label.clone(), 1);
            }
            if g.has_key(n.kind, &n.key) {
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
                let rules_of = e.rules_of().map_err(|given| {
                    bad(format!(
                        "edge `{}` gives rules for {given} sentences, but cites {}",
                        e.id,
                        e.evidence.len()
                    ))
                })?;
                let q = e.qualifiers;
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
        g.reserve_edges(prepared.len());
        for edge in prepared {
            let (s, t, relation, q, evidence, corrected) = edge?;
            let ix = g.add_edge_sorted(s, t, relation, q, evidence);
            if !corrected.is_empty() {
                crate::corrections::join(&mut g.inner[ix].corrected, corrected);
            }
        }
        Ok(g)
    }
}

/// Reads a graph file, its nodes as `N` reads them: with every core when it is
/// laid out as [`Graph::write_json`] writes it, else as plain JSON.
fn read<N: NodeRecord>(bytes: &[u8], path: &Path) -> Result<Graph> {
    let bad = |reason: String| Error::GraphFile {
        path: path.to_path_buf(),
        reason,
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(bad("empty file; not a graph".into()));
    }
    if let Some(w) = read_lines::<N>(bytes) {
        return Graph::from_read(w, path);
    }
    // Borrowed records: ids, names and sentences are not copied out of `bytes`
    // until the graph keeps them.
    let w: ReadGraph<N> = serde_json::from_slice(bytes).map_err(|e| {
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

/// Reads a file laid out as [`Graph::write_json`] writes it, parsing the records
/// of each part on every core. `None` if the file is laid out otherwise or a
/// record does not parse: the caller then reads it as plain JSON, which also says
/// what is wrong.
fn read_lines<N: NodeRecord>(bytes: &[u8]) -> Option<ReadGraph<'_, N>> {
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
            if N::LEAN {
                // Mentions are the last field: read the line up to them. The cut
                // can only fall elsewhere (inside a string it would need an
                // unescaped quote) if a deeper key is "mentions", and then the
                // prefix does not parse and the file is read as plain JSON.
                if let Some(cut) = memchr::memmem::rfind(l, b",\"mentions\":") {
                    let mut head = l[..cut].to_vec();
                    head.push(b'}');
                    return serde_json::from_slice::<N>(&head).ok();
                }
            }
            serde_json::from_slice::<N>(l).ok()
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
struct ReadGraph<'a, N> {
    #[allow(dead_code)]
    directed: bool,
    #[allow(dead_code)]
    multigraph: bool,
    graph: WireMeta,
    nodes: Vec<N>,
    #[serde(borrow)]
    edges: Vec<ReadEdge<'a>>,
    #[serde(default, borrow)]
    sentences: Vec<ReadSentence<'a>>,
}

/// An edge's record as read (the graph reader's and the update's):
/// [`WireEdge`](super::WireEdge) with its strings borrowed from the file's bytes
/// where they need no unescaping.
pub(crate) struct ReadEdge<'a> {
    pub id: Cow<'a, str>,
    pub source: Cow<'a, str>,
    pub target: Cow<'a, str>,
    pub relation: Relation,
    pub qualifiers: Qualifiers,
    pub corrected: Vec<String>,
    pub rules: Vec<Cow<'a, str>>,
    pub evidence_rules: Option<Vec<Vec<Cow<'a, str>>>>,
    pub evidence: Vec<ReadCite<'a>>,
}

impl ReadEdge<'_> {
    /// The rules that read the edge from each sentence it cites: the edge's
    /// rules for every one, unless the record says which read which. `Err`
    /// with the number of sentences it gives rules for if that is not the
    /// number it cites.
    pub fn rules_of(&self) -> std::result::Result<Vec<Rules>, usize> {
        let named = |r: &[Cow<str>]| Rules::named(r.iter().map(|r| &**r));
        match &self.evidence_rules {
            None => Ok(vec![named(&self.rules); self.evidence.len()]),
            Some(v) if v.len() == self.evidence.len() => Ok(v.iter().map(|r| named(r)).collect()),
            Some(v) => Err(v.len()),
        }
    }
}

/// The fields of an edge's record, but its qualifiers ([`Qualifiers::NAMES`]).
const EDGE_FIELDS: [&str; 9] = [
    "id",
    "key",
    "source",
    "target",
    "relation",
    "corrected",
    "rules",
    "evidence_rules",
    "evidence",
];

impl<'de: 'a, 'a> Deserialize<'de> for ReadEdge<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visit<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Visit<'a> {
            type Value = ReadEdge<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an edge record")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut m: M,
            ) -> std::result::Result<Self::Value, M::Error> {
                use serde::de::Error;
                let texts = |v: Vec<Text<'de>>| v.into_iter().map(|t| t.0).collect();
                let (mut id, mut key, mut source, mut target) = (None, None, None, None);
                let (mut relation, mut evidence) = (None, None);
                let mut qualifiers = Qualifiers::default();
                let (mut corrected, mut rules, mut evidence_rules) = (None, None, None);
                fn once<T, E: Error>(
                    slot: &mut Option<T>,
                    name: &'static str,
                    value: T,
                ) -> std::result::Result<(), E> {
                    match slot.replace(value) {
                        Some(_) => Err(E::duplicate_field(name)),
                        None => Ok(()),
                    }
                }
                while let Some(Text(field)) = m.next_key::<Text<'de>>()? {
                    match &*field {
                        "id" => once(&mut id, "id", m.next_value::<Text>()?.0)?,
                        "key" => once(&mut key, "key", m.next_value::<Text>()?.0)?,
                        "source" => once(&mut source, "source", m.next_value::<Text>()?.0)?,
                        "target" => once(&mut target, "target", m.next_value::<Text>()?.0)?,
                        "relation" => once(&mut relation, "relation", m.next_value()?)?,
                        "corrected" => once(&mut corrected, "corrected", m.next_value()?)?,
                        "rules" => once(&mut rules, "rules", texts(m.next_value()?))?,
                        "evidence_rules" => {
                            let v: Option<Vec<Vec<Text>>> = m.next_value()?;
                            let v = v.map(|v| v.into_iter().map(texts).collect());
                            once(&mut evidence_rules, "evidence_rules", v)?
                        }
                        "evidence" => once(&mut evidence, "evidence", m.next_value()?)?,
                        name => {
                            if !qualifiers.read(name, &mut m)? {
                                return Err(M::Error::unknown_field(name, edge_fields()));
                            }
                        }
                    }
                }
                let _: Cow<str> = key.ok_or_else(|| M::Error::missing_field("key"))?;
                Ok(ReadEdge {
                    id: id.ok_or_else(|| M::Error::missing_field("id"))?,
                    source: source.ok_or_else(|| M::Error::missing_field("source"))?,
                    target: target.ok_or_else(|| M::Error::missing_field("target"))?,
                    relation: relation.ok_or_else(|| M::Error::missing_field("relation"))?,
                    qualifiers,
                    corrected: corrected.unwrap_or_default(),
                    rules: rules.unwrap_or_default(),
                    evidence_rules: evidence_rules.flatten(),
                    evidence: evidence.ok_or_else(|| M::Error::missing_field("evidence"))?,
                })
            }
        }
        d.deserialize_map(Visit(std::marker::PhantomData))
    }
}

/// The fields an edge's record may have (for the error about another).
fn edge_fields() -> &'static [&'static str] {
    static FIELDS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    FIELDS.get_or_init(|| {
        let (head, tail) = EDGE_FIELDS.split_at(5);
        [head, &Qualifiers::NAMES, tail].concat()
    })
}

/// An edge's evidence as read: a sentence number (version 4) or, in older files,
/// document and offsets (with the sentence inline before version 3).
pub(crate) enum ReadCite<'a> {
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

/// An edge's evidence in older files: document and offsets, with the sentence
/// inline before version 3.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReadEvidence<'a> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> (Graph, Vec<u8>) {
        let lex = crate::lexicon::Lexicon::with_files(&[]).unwrap();
        let g = crate::build::build_texts(crate::corpus::EXAMPLE, &lex).unwrap();
        let mut bytes = Vec::new();
        g.write_json(&mut bytes).unwrap();
        (g, bytes)
    }

    /// A lean reading is the whole reading without the nodes' mentions, from a
    /// file as `build` writes it and from one laid out otherwise.
    #[test]
    fn a_lean_reading_leaves_out_only_mentions() {
        let (g, bytes) = example();
        let pretty = serde_json::to_vec_pretty(&g.to_wire()).unwrap();
        assert!(Layout::of(&pretty).is_none());
        for file in [&bytes, &pretty] {
            let path = Path::new("g.json");
            let (whole, lean) = (
                Graph::read_json(file, path).unwrap(),
                Graph::read_json_lean(file, path).unwrap(),
            );
            assert_eq!(whole.node_count(), lean.node_count());
            let mut mentions = 0;
            for (a, b) in whole.nodes_sorted().into_iter().zip(lean.nodes_sorted()) {
                let (mut a, b) = (whole.node(a).clone(), lean.node(b));
                mentions += a.mentions.len();
                assert!(b.mentions.is_empty());
                a.mentions = SortedVec::new();
                assert_eq!(&a, b);
            }
            assert!(mentions > 0);
            let mut out = Vec::new();
            whole.write_json(&mut out).unwrap();
            assert!(out == bytes, "read and written again, the file changes");
            assert_eq!(lean.to_wire().edges.len(), whole.to_wire().edges.len());
        }
    }

    /// An edge record's qualifiers are read by their names; a field no edge
    /// has, or one given twice, is refused.
    #[test]
    fn edge_records_read_their_qualifiers_and_refuse_other_fields() {
        let head = r#"{"id":"a|led|b","key":"led","source":"a","target":"b","relation":"led""#;
        let tail = r#""rules":["x.y"],"evidence":[3]}"#;
        let read = |middle: &str| {
            serde_json::from_str::<ReadEdge>(&format!("{head},{middle}{tail}"))
                .map(|e| e.qualifiers)
                .map_err(|e| e.to_string())
        };
        let q = read(
            r#""former":true,"former_since":"2025-01-02","acting":true,"date":"2024","year":2011,"#,
        );
        assert_eq!(
            q,
            Ok(Qualifiers {
                former: true,
                former_since: Some("2025-01-02".into()),
                acting: true,
                date: Some("2024".into()),
                year: Some(2011),
            })
        );
        assert_eq!(read(""), Ok(Qualifiers::default()));
        let unknown = read(r#""colour":"red","#).unwrap_err();
        assert!(unknown.contains("unknown field `colour`"), "{unknown}");
        for name in Qualifiers::NAMES {
            assert!(unknown.contains(&format!("`{name}`")), "{unknown}");
        }
        let twice = read(r#""source":"c","#).unwrap_err();
        assert!(twice.contains("duplicate field `source`"), "{twice}");
        let plain = format!("{head},{tail}");
        let e = serde_json::from_str::<ReadEdge>(&plain).unwrap();
        assert_eq!(e.rules_of(), Ok(vec![Rules::one("x.y")]));
        let missing = serde_json::from_str::<ReadEdge>(r#"{"id":"a|led|b","evidence":[]}"#);
        assert!(missing.is_err());
    }

    /// A file is split into its parts: the records `build` wrote, one a line.
    #[test]
    fn a_file_splits_into_its_records() {
        let (g, bytes) = example();
        let layout = Layout::of(&bytes).expect("laid out as build writes it");
        assert_eq!(layout.document_lines.len(), g.documents.len());
        assert_eq!(layout.nodes.len(), g.node_count());
        assert_eq!(layout.edges.len(), g.edge_count());
        assert_eq!(layout.sentences.len(), g.sentences().len());
        assert!(
            layout
                .nodes
                .iter()
                .all(|l| l.starts_with(b"{") && l.ends_with(b"}"))
        );
        let documents: std::collections::BTreeMap<String, crate::graph::DocumentInfo> =
            serde_json::from_slice(&layout.documents).unwrap();
        assert_eq!(documents, g.documents);
        // Anything after the end, or a line out of place, is another layout.
        let mut more = bytes.clone();
        more.extend_from_slice(b"x\n");
        assert!(Layout::of(&more).is_none());
        assert!(Layout::of(&bytes[..bytes.len() - 4]).is_none());
    }
}
