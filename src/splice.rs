//! Adding a few articles to a large graph file without rewriting what they leave
//! alone (`build --into`).
//!
//! A graph file that `build` wrote is sorted records, one per line: documents by
//! name, nodes by id, edges by (source, relation, target), sentences by document
//! and offset. The new articles are built into a graph of their own, and its
//! records go into the file's in order. The steps:
//! - [`GraphFile::open`] reads the file's documents: the articles it has.
//! - [`GraphFile::records`] splits the rest into records and reads what the update
//!   needs of each node (its identity and label counts) and edge (its key). It runs
//!   while the new articles are built.
//! - [`GraphFile::add`] names the merged graph's nodes as a full build would. Then
//!   it places the new records among the file's:
//!   - a record they do not touch is copied as its bytes;
//!   - a node both have is written again, its document and mention lists copied
//!     with the new entries put in order;
//!   - a node whose id changes moves, with its edges;
//!   - the file's sentence numbers shift when new sentences sort before them.
//!
//! The result is the file that reading the whole graph, merging and writing it
//! gives, and so the file a full rebuild gives, byte for byte. `None` from
//! [`GraphFile::records`] or [`GraphFile::add`] means the file is not as `build`
//! writes it (reformatted, out of order, or already holding a new document); the
//! caller then reads the whole graph.

use crate::graph::{
    self, DocumentInfo, Evidence, Graph, Layout, Node, Numbers, Qualifiers, Text, choose_label,
    ids_in_order,
};
use crate::ontology::{EntityKind, Relation};
use crate::provenance::Rules;
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Write;

/// A graph file as `build` writes it, with its documents read.
pub struct GraphFile<'a> {
    bytes: &'a [u8],
    /// The documents the graph was built from, in order of their names, each
    /// with its content hash.
    documents: Vec<(Cow<'a, str>, Option<Cow<'a, str>>)>,
}

/// A document's record, read for its hash (the other fields checked by name).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentHash<'a> {
    #[serde(default, borrow)]
    hash: Option<Cow<'a, str>>,
    // Named so that a record with another field does not read (as for the
    // whole graph); their values are not needed.
    #[serde(default)]
    #[allow(dead_code)]
    title: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    #[allow(dead_code)]
    date: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    #[allow(dead_code)]
    source: Option<serde::de::IgnoredAny>,
}

/// The file's records, with what the update reads of each node and edge (found
/// by [`GraphFile::records`], which can run while the new articles are built).
pub struct Records<'a> {
    layout: Layout<'a>,
    heads: Vec<NodeHead>,
    keys: Vec<Key<'a>>,
    relations: BTreeMap<Relation, usize>,
}

/// How many nodes and edges of each kind and relation a graph has.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Nodes per kind.
    pub kinds: BTreeMap<EntityKind, usize>,
    /// Edges per relation.
    pub relations: BTreeMap<Relation, usize>,
}

impl Counts {
    /// The counts of `g`.
    pub fn of(g: &Graph) -> Counts {
        Counts {
            kinds: g.count_kinds(),
            relations: g.count_relations(),
        }
    }

    /// Number of nodes.
    pub fn nodes(&self) -> usize {
        self.kinds.values().sum()
    }

    /// Number of edges.
    pub fn edges(&self) -> usize {
        self.relations.values().sum()
    }
}

/// The file with the new graph's records in it: its documents and nodes placed,
/// its edges and sentences placed while they are written ([`Update::write`]).
pub struct Update<'a, 'u> {
    file: &'u GraphFile<'a>,
    records: &'u Records<'a>,
    new: &'u Graph,
    ids: Ids,
    documents: Vec<Piece<'a>>,
    nodes: Vec<Piece<'a>>,
    /// Nodes per kind.
    kinds: BTreeMap<EntityKind, usize>,
}

/// Part of a list of records.
enum Piece<'a> {
    /// Consecutive records of the file, with the separators between them.
    Lines(&'a [u8]),
    /// A record written anew.
    Record(Record<'a>),
}

/// A record written anew: its bytes, some of them the file's (a long list the
/// new articles add to is not copied).
struct Record<'a>(Vec<Cow<'a, [u8]>>);

impl From<Vec<u8>> for Record<'_> {
    fn from(bytes: Vec<u8>) -> Self {
        Record(vec![Cow::Owned(bytes)])
    }
}

/// A record of the file written anew.
type Rewrite<'f> = dyn Fn(&[u8]) -> Option<Vec<u8>> + Sync + 'f;

/// A node's record without documents and mentions, with the new node's document
/// names (each as JSON) and its mentions (a JSON object).
type Bare = (Vec<u8>, Vec<Vec<u8>>, Vec<u8>);

/// Changes to a list of records, each at its place among the file's.
type Edits<'a> = Vec<(usize, Edit<'a>)>;

/// A change to a list of records, at a place among the file's.
enum Edit<'a> {
    /// A record before the file's record at this place.
    Insert(Record<'a>),
    /// A record in place of the file's record at this place.
    Replace(Record<'a>),
    /// No record in place of the file's record at this place.
    Delete,
}

/// What identifies a node and names it, read from the start of its record.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NodeHead {
    id: String,
    kind: EntityKind,
    label: String,
    key: String,
    labels: BTreeMap<String, u32>,
    #[serde(default)]
    #[allow(dead_code)]
    label_surface: bool,
    aliases: Vec<String>,
    /// Corrections made to the node (`build --corrections`).
    #[serde(default)]
    corrected: Vec<String>,
}

impl NodeHead {
    /// The head of a node record: the fields before its documents.
    fn of(line: &[u8]) -> Option<NodeHead> {
        // The first `,"docs":` outside a string is the field; one inside the
        // label counts (a label "docs") leaves a brace open, and does not parse.
        let cut = memchr::memmem::find(line, b",\"docs\":")?;
        let mut head = line[..cut].to_vec();
        head.push(b'}');
        serde_json::from_slice(&head).ok()
    }

    /// Whether naming the node again keeps its label (it does for every file
    /// `build` writes).
    fn named(&self) -> bool {
        choose_label(&self.labels).is_none_or(|l| l == self.label)
            && !self.aliases.contains(&self.label)
    }
}

/// The part of an edge record the update needs when it joins two edges.
#[derive(Deserialize)]
struct EdgeTail<'a> {
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
    #[serde(default, borrow)]
    rules: Vec<Cow<'a, str>>,
    #[serde(default, borrow)]
    evidence_rules: Option<Vec<Vec<Cow<'a, str>>>>,
    evidence: Vec<u32>,
}

/// An edge's evidence: each sentence's number with the rules that read the edge
/// there.
type Cited = Vec<(u32, Rules)>;

impl EdgeTail<'_> {
    /// The qualifiers and evidence of an edge record.
    fn of(line: &[u8]) -> Option<(Qualifiers, Cited)> {
        let t: EdgeTail = serde_json::from_slice(line).ok()?;
        let q = Qualifiers {
            former: t.former,
            former_since: t.former_since,
            acting: t.acting,
            date: t.date,
            year: t.year,
        };
        let evidence = match t.evidence_rules {
            None => {
                let all = Rules::named(t.rules.iter().map(|r| &**r));
                t.evidence.into_iter().map(|n| (n, all)).collect()
            }
            Some(each) if each.len() == t.evidence.len() => t
                .evidence
                .into_iter()
                .zip(each)
                .map(|(n, r)| (n, Rules::named(r.iter().map(|r| &**r))))
                .collect(),
            Some(_) => return None,
        };
        Some((q, evidence))
    }
}

/// An edge's record, its evidence put in order (a sentence cited twice, once).
fn edge_record((s, r, t): Key, q: &Qualifiers, mut evidence: Cited) -> Option<Vec<u8>> {
    let (s, t) = (std::str::from_utf8(s).ok()?, std::str::from_utf8(t).ok()?);
    evidence.sort_unstable_by_key(|e| e.0);
    evidence.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            kept.1 = kept.1.union(later.1);
        }
        same
    });
    let mut buf = Vec::new();
    // (A corrected graph is not spliced: no edge here has corrections.)
    graph::edge_record(&mut buf, s, r, t, q, &[], &evidence).ok()?;
    Some(buf)
}

/// An edge's (source, relation, target), the ids as bytes (they order as the
/// strings do).
type Key<'k> = (&'k [u8], Relation, &'k [u8]);

/// An edge record's key, from its id.
fn edge_key(line: &[u8]) -> Option<Key<'_>> {
    let rest = line.strip_prefix(b"{\"id\":\"")?;
    // Ids are slugs: no escapes, and `|` only between the three parts. (Ids are
    // short: a plain loop beats a vectorised search here.)
    let mut bars = [0; 2];
    let mut n = 0;
    for (at, &b) in rest.iter().enumerate() {
        match b {
            b'|' if n < 2 => {
                bars[n] = at;
                n += 1;
            }
            b'"' if n == 2 => {
                let relation = std::str::from_utf8(&rest[bars[0] + 1..bars[1]]).ok()?;
                return Some((
                    &rest[..bars[0]],
                    relation.parse().ok()?,
                    &rest[bars[1] + 1..at],
                ));
            }
            b'|' | b'"' | b'\\' => return None,
            _ => {}
        }
    }
    None
}

/// The document a sentence record cites.
fn sentence_doc(line: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct Doc {
        doc: String,
    }
    serde_json::from_slice::<Doc>(line).ok().map(|d| d.doc)
}

impl<'a> GraphFile<'a> {
    /// The file in `bytes`; `None` if it is not laid out as `build` writes it.
    pub fn open(bytes: &'a [u8]) -> Option<GraphFile<'a>> {
        // The documents are the file's first part.
        let head = graph::head();
        let rest = bytes.strip_prefix(head.as_bytes())?;
        let end = memchr::memmem::find(rest, b"\n}},\n")?;
        // `{` … `\n}`: the object, read in place.
        let Pairs(documents) =
            serde_json::from_slice::<Pairs<DocumentHash>>(&rest[..end + 2]).ok()?;
        let documents: Vec<_> = documents.into_iter().map(|(n, d)| (n, d.hash)).collect();
        if !documents.windows(2).all(|w| w[0].0 < w[1].0) {
            return None;
        }
        Some(GraphFile { bytes, documents })
    }

    /// The content hashes of the file's documents.
    pub fn hashes(&self) -> impl Iterator<Item = &str> {
        self.documents.iter().filter_map(|(_, h)| h.as_deref())
    }

    /// The documents of `new` the file has too (as [`graph::conflicts`] finds
    /// them).
    pub fn conflicts(&self, new: &BTreeMap<String, DocumentInfo>) -> Vec<String> {
        let have = self.documents.iter();
        graph::conflicts(have.map(|(n, h)| (n.as_ref(), h.as_deref())), new)
    }

    /// The file's records; `None` if they are not as `build` writes them (nodes
    /// in order of their ids and named by their label counts, edges in order of
    /// their keys).
    pub fn records(&self) -> Option<Records<'a>> {
        let layout = Layout::of(self.bytes)?;
        let heads = layout
            .nodes
            .par_iter()
            .map(|l| NodeHead::of(l))
            .collect::<Option<Vec<_>>>()?;
        if !heads.windows(2).all(|w| w[0].id < w[1].id) || !heads.iter().all(NodeHead::named) {
            return None;
        }
        // A corrected graph (every correction marks a node) is not spliced:
        // its corrections are not made again on what the new articles add.
        if heads.iter().any(|h| !h.corrected.is_empty()) {
            return None;
        }
        // Each piece's keys checked in order and counted by relation, where the
        // lines are read.
        let edge_lines = &layout.edges;
        let mut keys: Vec<Key> = vec![(&[], Relation::ALL[0], &[]); edge_lines.len()];
        let counts = keys
            .par_chunks_mut(4096)
            .zip(edge_lines.par_chunks(4096))
            .map(|(keys, lines)| {
                let mut counts = [0usize; Relation::ALL.len()];
                for (k, line) in keys.iter_mut().zip(lines) {
                    *k = edge_key(line)?;
                    counts[k.1 as usize] += 1;
                }
                keys.windows(2).all(|w| w[0] < w[1]).then_some(counts)
            })
            .collect::<Option<Vec<_>>>()?;
        if !keys
            .chunks(4096)
            .zip(keys.chunks(4096).skip(1))
            .all(|(a, b)| a.last() < b.first())
        {
            return None;
        }
        let mut relations: BTreeMap<Relation, usize> = BTreeMap::new();
        for r in Relation::ALL {
            let n: usize = counts.iter().map(|c| c[r as usize]).sum();
            if n > 0 {
                relations.insert(r, n);
            }
        }
        Some(Records {
            layout,
            heads,
            keys,
            relations,
        })
    }

    /// The file with `new` merged in, as [`Graph::merge_owned`] and
    /// [`Graph::write_json`] would write it; `None` if the file is not as
    /// `build` writes it (see the module's documentation). `new` must be built
    /// from other documents than the file's (see [`graph::conflicts`]).
    ///
    /// This places the documents and nodes; the edges and sentences are placed
    /// by [`Update::write`], while the nodes are written.
    pub fn add<'u>(&'u self, records: &'u Records<'a>, new: &'u Graph) -> Option<Update<'a, 'u>> {
        let ids = Ids::of(records, new);
        let (node_edits, kinds) = node_edits(records, new, &ids)?;
        let document_edits = document_edits(&records.layout.document_lines, new)?;
        let layout = &records.layout;
        Some(Update {
            file: self,
            records,
            new,
            ids,
            documents: self.pieces(&layout.document_lines, document_edits, None)?,
            nodes: self.pieces(&layout.nodes, node_edits, None)?,
            kinds,
        })
    }

    /// The edge and sentence records of the update, with what the updated
    /// graph holds (`kinds`: its nodes per kind); `None` if the file is not as
    /// `build` writes them.
    fn edges_and_sentences(
        &self,
        records: &Records<'a>,
        new: &Graph,
        ids: &Ids,
        kinds: &BTreeMap<EntityKind, usize>,
    ) -> Option<Placed<'a>> {
        let new_sentences = new.sentences();
        let sentences = Sentences::place(&new_sentences, &records.layout.sentences)?;
        let (edge_edits, relations) = edge_edits(records, new, ids, &sentences)?;
        let layout = &records.layout;
        let renumbered = |line: &[u8]| renumber_evidence(line, &|i| sentences.moved(i));
        let rewrite = sentences.renumber().then_some(&renumbered as &Rewrite<'_>);
        Some(Placed {
            edges: self.pieces(&layout.edges, edge_edits, rewrite)?,
            sentences: self.pieces(&layout.sentences, sentences.edits(), None)?,
            counts: Counts {
                kinds: kinds.clone(),
                relations,
            },
        })
    }

    /// The records of a part of the file with `edits` made, in order: runs of
    /// lines the edits leave alone are kept as bytes (or each line passed
    /// through `rewrite`).
    fn pieces(
        &self,
        lines: &[&'a [u8]],
        edits: Edits<'a>,
        rewrite: Option<&Rewrite<'_>>,
    ) -> Option<Vec<Piece<'a>>> {
        let offset = |l: &[u8]| l.as_ptr() as usize - self.bytes.as_ptr() as usize;
        let run = |from: usize, to: usize, out: &mut Vec<Piece<'a>>| -> Option<()> {
            if from == to {
                return Some(());
            }
            match rewrite {
                None => {
                    let (first, last) = (lines[from], lines[to - 1]);
                    let bytes = &self.bytes[offset(first)..offset(last) + last.len()];
                    out.push(Piece::Lines(bytes));
                }
                Some(f) => {
                    let records = lines[from..to]
                        .par_iter()
                        .with_min_len(1024)
                        .map(|l| f(l).map(|r| Piece::Record(r.into())))
                        .collect::<Option<Vec<_>>>()?;
                    out.extend(records);
                }
            }
            Some(())
        };
        let mut edits = edits;
        // By place; those inserted before the file's record there is deleted or
        // replaced (a stable sort: those inserted at one place keep their order).
        edits.sort_by_key(|(at, e)| (*at, !matches!(e, Edit::Insert(_))));
        let mut out = Vec::new();
        let mut at = 0;
        for (place, edit) in edits {
            run(at, place, &mut out)?;
            at = place;
            match edit {
                Edit::Insert(r) => out.push(Piece::Record(r)),
                Edit::Replace(r) => {
                    out.push(Piece::Record(r));
                    at = place + 1;
                }
                Edit::Delete => at = place + 1,
            }
        }
        run(at, lines.len(), &mut out)?;
        Some(out)
    }
}

/// The ids of the merged graph's nodes, as naming it whole gives them.
struct Ids {
    /// Each of the file's nodes, by its place: its id in the update.
    file: Vec<String>,
    /// Each new node: its id in the update.
    new: HashMap<NodeIndex, String>,
    /// The new node that is the same thing as the file's node at a place.
    joined: HashMap<usize, NodeIndex>,
}

impl Ids {
    fn of(records: &Records, new: &Graph) -> Ids {
        let heads = &records.heads;
        let by_key: HashMap<(EntityKind, &str), usize> = heads
            .iter()
            .enumerate()
            .map(|(i, h)| ((h.kind, h.key.as_str()), i))
            .collect();
        let mut joined = HashMap::default();
        // Every node by (kind, key), with the label the update gives it: a node
        // both have takes the label of their joined counts.
        let mut labels: Vec<Option<String>> = vec![None; heads.len()];
        let mut added = Vec::new();
        for ix in new.inner.node_indices() {
            let n = new.node(ix);
            match by_key.get(&(n.kind, n.key.as_str())) {
                Some(&i) => {
                    let mut counts = heads[i].labels.clone();
                    for (label, k) in &n.labels {
                        *counts.entry(label.clone()).or_insert(0) += k;
                    }
                    labels[i] = choose_label(&counts).map(str::to_string);
                    joined.insert(i, ix);
                }
                None => added.push(ix),
            }
        }
        enum Who {
            File(usize),
            New(NodeIndex),
        }
        let mut all: Vec<(EntityKind, &str, &str, Who)> = heads
            .iter()
            .zip(&labels)
            .enumerate()
            .map(|(i, (h, l))| {
                (
                    h.kind,
                    h.key.as_str(),
                    l.as_deref().unwrap_or(&h.label),
                    Who::File(i),
                )
            })
            .chain(added.iter().map(|&ix| {
                let n = new.node(ix);
                (n.kind, n.key.as_str(), n.label.as_str(), Who::New(ix))
            }))
            .collect();
        all.par_sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        let ids = ids_in_order(all.iter().map(|(kind, _, label, _)| (*kind, *label)));
        let mut file = vec![String::new(); heads.len()];
        let mut new_ids = HashMap::default();
        for ((_, _, _, who), id) in all.into_iter().zip(ids) {
            match who {
                Who::File(i) => file[i] = id,
                Who::New(ix) => {
                    new_ids.insert(ix, id);
                }
            }
        }
        for (&i, &ix) in &joined {
            new_ids.insert(ix, file[i].clone());
        }
        Ids {
            file,
            new: new_ids,
            joined,
        }
    }
}

/// The node records the update writes: those both have (and the file's whose id
/// changes: a label the new articles outvote, or an id a new node with an
/// earlier key takes) anew in place of the file's, or where their id sorts; the
/// new ones where theirs does. With the nodes of each kind.
fn node_edits<'a>(
    records: &Records<'a>,
    new: &Graph,
    ids: &Ids,
) -> Option<(Edits<'a>, BTreeMap<EntityKind, usize>)> {
    let heads = &records.heads;
    let place = |id: &str| heads.partition_point(|h| h.id.as_str() < id);
    let changed: Vec<usize> = (0..heads.len())
        .filter(|&i| ids.joined.contains_key(&i) || ids.file[i] != heads[i].id)
        .collect();
    let rewritten = changed
        .par_iter()
        .map(|&i| {
            let twin = ids.joined.get(&i).map(|&ix| new.node(ix));
            let line = records.layout.nodes[i];
            Some((i, join_node(line, &heads[i], twin, &ids.file[i])?))
        })
        .collect::<Option<Vec<_>>>()?;
    let mut edits = Vec::new();
    let mut inserts: Vec<(&str, Record)> = Vec::new();
    for (i, record) in rewritten {
        if ids.file[i] == heads[i].id {
            edits.push((i, Edit::Replace(record)));
        } else {
            edits.push((i, Edit::Delete));
            inserts.push((&ids.file[i], record));
        }
    }
    let mut kinds: BTreeMap<EntityKind, usize> = BTreeMap::new();
    for kind in heads.iter().map(|h| h.kind) {
        *kinds.entry(kind).or_insert(0) += 1;
    }
    let joined: rustc_hash::FxHashSet<NodeIndex> = ids.joined.values().copied().collect();
    let added: Vec<NodeIndex> = new
        .inner
        .node_indices()
        .filter(|ix| !joined.contains(ix))
        .collect();
    for &ix in &added {
        *kinds.entry(new.node(ix).kind).or_insert(0) += 1;
    }
    inserts.par_extend(added.par_iter().map(|ix| {
        let id = ids.new[ix].as_str();
        let mut node = new.node(*ix).clone();
        node.id = id.to_string();
        (id, to_record(&node).into())
    }));
    // Those inserted at one place go in the order of their ids.
    inserts.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
    edits.extend(
        inserts
            .into_iter()
            .map(|(id, record)| (place(id), Edit::Insert(record))),
    );
    Some((edits, kinds))
}

/// Where the new sentences go among the file's: each new document's where its
/// name sorts among the file's documents; the file's after them move down.
struct Sentences<'g> {
    new: &'g [&'g Evidence],
    /// The place of each new sentence among the file's.
    places: Vec<usize>,
    number: Numbers<'g>,
    /// How many the file has.
    file: usize,
}

impl<'g> Sentences<'g> {
    fn place(new: &'g [&'g Evidence], lines: &[&[u8]]) -> Option<Sentences<'g>> {
        let mut places: Vec<usize> = Vec::with_capacity(new.len());
        let mut last: Option<(&str, usize)> = None;
        for ev in new {
            let at = match last {
                Some((doc, at)) if doc == &*ev.doc => at,
                _ => {
                    let (at, found) = place_among(lines, ev.doc.as_ref(), sentence_doc)?;
                    // The document must be new to the file.
                    if found {
                        return None;
                    }
                    last = Some((&ev.doc, at));
                    at
                }
            };
            places.push(at);
        }
        Some(Sentences {
            new,
            places,
            number: Numbers::new(new),
            file: lines.len(),
        })
    }

    /// The number in the update of the file's sentence `i`.
    fn moved(&self, i: u32) -> u32 {
        i + self.places.partition_point(|&p| p <= i as usize) as u32
    }

    /// The number in the update of the new sentence `ev`.
    fn number(&self, ev: &Evidence) -> u32 {
        let j = self.number.of(ev) as usize;
        (self.places[j] + j) as u32
    }

    /// Whether the file's sentences move (a new one goes before one of them).
    fn renumber(&self) -> bool {
        self.places.first().is_some_and(|&p| p < self.file)
    }

    /// The new sentences' records, where they go.
    fn edits<'a>(&self) -> Edits<'a> {
        self.new
            .par_iter()
            .zip(&self.places)
            .map(|(ev, &at)| {
                let mut buf = Vec::new();
                graph::sentence_record(&mut buf, ev).expect("a sentence serialises");
                (at, Edit::Insert(buf.into()))
            })
            .collect()
    }
}

/// The edge records the update writes: a new edge joins the file's edge of the
/// same key, or goes where its key sorts; the file's edges of renamed nodes move
/// to where their new key sorts. With the edges of each relation.
fn edge_edits<'a>(
    records: &Records<'a>,
    new: &Graph,
    ids: &Ids,
    sentences: &Sentences,
) -> Option<(Edits<'a>, BTreeMap<Relation, usize>)> {
    let (lines, keys) = (&records.layout.edges, &records.keys);
    let mut relations = records.relations.clone();
    let new_name: HashMap<&[u8], &[u8]> = (0..records.heads.len())
        .filter(|&i| ids.file[i] != records.heads[i].id)
        .map(|i| (records.heads[i].id.as_bytes(), ids.file[i].as_bytes()))
        .collect();
    let mut moving: HashMap<Key, (usize, Qualifiers, Cited)> = if new_name.is_empty() {
        HashMap::default()
    } else {
        let name = |id| new_name.get(id).copied().unwrap_or(id);
        // Mostly a few nodes: comparing beats hashing every edge's ends.
        let old_ids: Vec<&[u8]> = new_name.keys().copied().collect();
        let renamed = |id: &[u8]| {
            if old_ids.len() <= 16 {
                old_ids.contains(&id)
            } else {
                new_name.contains_key(id)
            }
        };
        keys.par_iter()
            .enumerate()
            .filter(|(_, (s, _, t))| renamed(s) || renamed(t))
            .map(|(at, &(s, r, t))| {
                let (q, evidence) = EdgeTail::of(lines[at])?;
                let evidence = evidence
                    .into_iter()
                    .map(|(i, r)| (sentences.moved(i), r))
                    .collect();
                Some(((name(s), r, name(t)), (at, q, evidence)))
            })
            .collect::<Option<_>>()?
    };
    let leaving: rustc_hash::FxHashSet<usize> = moving.values().map(|m| m.0).collect();
    let mut joins = Vec::new();
    for e in new.inner.edge_references() {
        let w = e.weight();
        let (s, t) = (&ids.new[&e.source()], &ids.new[&e.target()]);
        let key = (s.as_bytes(), w.relation, t.as_bytes());
        let evidence: Cited = w
            .evidence
            .iter()
            .map(|ev| (sentences.number(ev), ev.rules))
            .collect();
        match moving.get_mut(&key) {
            Some((_, q, moving_evidence)) => {
                q.join(w.qualifiers.clone());
                moving_evidence.extend(evidence);
            }
            None => joins.push((key, w.qualifiers.clone(), evidence)),
        }
    }
    enum Joined<'k> {
        File(usize, Vec<u8>),
        New(Key<'k>, usize, Qualifiers, Cited),
    }
    let joins = joins
        .into_par_iter()
        .map(|(key, mut q, mut evidence)| {
            let at = keys.partition_point(|k| *k < key);
            Some(if keys.get(at) == Some(&key) && !leaving.contains(&at) {
                let (old_q, old_evidence) = EdgeTail::of(lines[at])?;
                q.join(old_q);
                evidence.extend(
                    old_evidence
                        .into_iter()
                        .map(|(i, r)| (sentences.moved(i), r)),
                );
                Joined::File(at, edge_record(key, &q, evidence)?)
            } else {
                Joined::New(key, at, q, evidence)
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let mut edits: Vec<(usize, Edit)> = Vec::new();
    let mut inserts: Vec<(Key, usize, Qualifiers, Cited)> = Vec::new();
    for j in joins {
        match j {
            Joined::File(at, record) => edits.push((at, Edit::Replace(record.into()))),
            Joined::New(key, at, q, evidence) => {
                *relations.entry(key.1).or_insert(0) += 1;
                inserts.push((key, at, q, evidence));
            }
        }
    }
    for (key, (at, q, evidence)) in moving.drain() {
        edits.push((at, Edit::Delete));
        let place = keys.partition_point(|k| *k < key);
        inserts.push((key, place, q, evidence));
    }
    // Those inserted at one place go in the order of their keys.
    inserts.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    edits.par_extend(
        inserts
            .into_par_iter()
            .map(|(key, at, q, evidence)| {
                edge_record(key, &q, evidence).map(|r| (at, Edit::Insert(r.into())))
            })
            .collect::<Option<Vec<_>>>()?,
    );
    Some((edits, relations))
}

/// The new documents' records, where their names sort among the file's.
fn document_edits<'a>(lines: &[&[u8]], new: &Graph) -> Option<Edits<'a>> {
    let name_of = |l: &[u8]| {
        let mut de = serde_json::Deserializer::from_slice(l);
        Text::deserialize(&mut de).ok().map(|t| t.0.into_owned())
    };
    new.documents
        .iter()
        .map(|(name, info)| {
            let (at, found) = place_among(lines, name.as_str(), name_of)?;
            // A document the file has too is not for this update.
            if found {
                return None;
            }
            let mut record = serde_json::to_vec(name).ok()?;
            record.push(b':');
            serde_json::to_writer(&mut record, info).ok()?;
            Some((at, Edit::Insert(record.into())))
        })
        .collect()
}

/// Where `key` sorts among `lines` (in order of what `read` reads from each),
/// and whether the line there has it; `None` if a line read on the way does not
/// parse.
fn place_among(
    lines: &[&[u8]],
    key: &str,
    read: impl Fn(&[u8]) -> Option<String>,
) -> Option<(usize, bool)> {
    let mut failed = false;
    let at = lines.partition_point(|l| match read(l) {
        Some(k) => k.as_str() < key,
        None => {
            failed = true;
            false
        }
    });
    if failed {
        return None;
    }
    let found = lines
        .get(at)
        .is_some_and(|l| read(l).as_deref() == Some(key));
    Some((at, found))
}

/// An edge record with its evidence numbered anew: evidence is its last field.
fn renumber_evidence(line: &[u8], moved: &impl Fn(u32) -> u32) -> Option<Vec<u8>> {
    let open = memchr::memrchr(b'[', line)?;
    let numbers = line[open + 1..].strip_suffix(b"]}")?;
    if !line[..open].ends_with(b",\"evidence\":") {
        return None;
    }
    let mut out = Vec::with_capacity(line.len() + 8);
    out.extend_from_slice(&line[..=open]);
    for (k, n) in numbers.split(|&b| b == b',').enumerate() {
        let n: u32 = std::str::from_utf8(n).ok()?.parse().ok()?;
        if k > 0 {
            out.push(b',');
        }
        write!(out, "{}", moved(n)).ok()?;
    }
    out.extend_from_slice(b"]}");
    Some(out)
}

/// The record of the file's node `line` (whose head is `head`), joined with
/// `new` (the same thing in the new articles) and given `id`: its documents and
/// mentions are copied as bytes, the new ones put in order among them.
fn join_node<'a>(
    line: &'a [u8],
    head: &NodeHead,
    new: Option<&Node>,
    id: &str,
) -> Option<Record<'a>> {
    append_node(line, head, new, id).or_else(|| insert_node(line, head, new, id).map(Record::from))
}

/// The node's record without documents and mentions (`"docs":[]`,
/// `"mentions":{}}`): the file's node with `new` joined, given `id`; with the
/// new node's document names (each as JSON) and mentions (a JSON object).
fn bare_node(
    head: &NodeHead,
    (date, series, year): (Option<String>, bool, Option<i32>),
    new: Option<&Node>,
    id: &str,
) -> Option<Bare> {
    let mut node = Node::new(head.id.clone(), head.kind, head.label.clone());
    node.key = head.key.clone();
    node.labels = head.labels.clone();
    node.label_surface = head.label_surface;
    node.aliases = head.aliases.iter().cloned().collect();
    node.corrected = head.corrected.clone();
    node.date = date;
    node.series = series;
    node.year = year;
    let (mut docs, mut mentions) = (Vec::new(), b"{}".to_vec());
    if let Some(new) = new {
        let mut new = new.clone();
        for doc in std::mem::take(&mut new.docs).iter() {
            docs.push(serde_json::to_vec(&**doc).ok()?);
        }
        mentions.clear();
        graph::write_mentions(&mut mentions, &std::mem::take(&mut new.mentions)).ok()?;
        node.absorb(new);
    }
    node.id = id.to_string();
    Some((to_record(&node), docs, mentions))
}

/// [`join_node`] when every new document sorts after the file node's: the new
/// names and mentions go at the end of its lists, whose ends are found without
/// parsing them. `None` if they do not (or the record holds what
/// this reading does not expect).
fn append_node<'a>(
    line: &'a [u8],
    head: &NodeHead,
    new: Option<&Node>,
    id: &str,
) -> Option<Record<'a>> {
    // `,"docs":[` … `]`, then the optional date, series and year, then the
    // mentions, the last field. Read forwards: the lists are long, the rest short.
    let docs = memchr::memmem::find(line, b",\"docs\":[")? + b",\"docs\":[".len();
    let docs_end = if line.get(docs) == Some(&b']') {
        docs
    } else {
        // The names' closing quote, unless it is escaped (then the general way).
        let quote = docs + memchr::memmem::find(&line[docs..], b"\"],\"")?;
        if line[quote - 1] == b'\\' {
            return None;
        }
        quote + 1
    };
    let old_docs = &line[docs..docs_end];
    let mut rest = &line[docs_end + 1..];
    let mut date = None;
    if let Some(r) = rest.strip_prefix(b",\"date\":\"") {
        let close = memchr::memchr2(b'"', b'\\', r)?;
        if r[close] != b'"' {
            return None;
        }
        date = Some(std::str::from_utf8(&r[..close]).ok()?.to_string());
        rest = &r[close + 1..];
    }
    let series = match rest.strip_prefix(b",\"series\":true") {
        Some(r) => {
            rest = r;
            true
        }
        None => false,
    };
    let mut year = None;
    if let Some(r) = rest.strip_prefix(b",\"year\":") {
        let end = r.iter().position(|&b| b == b',')?;
        year = Some(std::str::from_utf8(&r[..end]).ok()?.parse().ok()?);
        rest = &r[end..];
    }
    let old_mentions = rest.strip_prefix(b",\"mentions\":{")?.strip_suffix(b"}}")?;
    let (bare, new_docs, new_mentions) = bare_node(head, (date, series, year), new, id)?;
    let new_mentions = new_mentions.strip_prefix(b"{")?.strip_suffix(b"}")?;
    // The last name of each list must sort before the first new one.
    if let Some(first) = new_docs.first() {
        let first: Text = serde_json::from_slice(first).ok()?;
        if last_name(old_docs)?.is_some_and(|last| last >= first.0.as_ref()) {
            return None;
        }
    }
    if !new_mentions.is_empty() {
        let close = memchr::memchr(b':', new_mentions)?;
        let first: Text = serde_json::from_slice(&new_mentions[..close]).ok()?;
        // The values are numbers: the last quote ends the last key.
        let end = memchr::memrchr(b'"', old_mentions).map_or(0, |e| e + 1);
        if last_name(&old_mentions[..end])?.is_some_and(|last| last >= first.0.as_ref()) {
            return None;
        }
    }
    let open = memchr::memmem::find(&bare, b",\"docs\":[]")? + b",\"docs\":".len();
    let between = bare[open + 2..].strip_suffix(b"\"mentions\":{}}")?;
    let mut head = bare[..open].to_vec();
    head.push(b'[');
    let mut middle = Vec::new();
    for doc in &new_docs {
        if !old_docs.is_empty() || !middle.is_empty() {
            middle.push(b',');
        }
        middle.extend_from_slice(doc);
    }
    middle.push(b']');
    middle.extend_from_slice(between);
    middle.extend_from_slice(b"\"mentions\":{");
    let mut tail = Vec::new();
    if !old_mentions.is_empty() && !new_mentions.is_empty() {
        tail.push(b',');
    }
    tail.extend_from_slice(new_mentions);
    tail.extend_from_slice(b"}}");
    Some(Record(vec![
        Cow::Owned(head),
        Cow::Borrowed(old_docs),
        Cow::Owned(middle),
        Cow::Borrowed(old_mentions),
        Cow::Owned(tail),
    ]))
}

/// The string that ends `list` (which ends with a string's closing quote, or is
/// empty): `Some(None)` if empty; `None` if it holds an escape.
fn last_name(list: &[u8]) -> Option<Option<&str>> {
    let Some(inner) = list.strip_suffix(b"\"") else {
        return list.is_empty().then_some(None);
    };
    let open = memchr::memrchr(b'"', inner)?;
    let name = &inner[open + 1..];
    if name.contains(&b'\\') || (open > 0 && inner[open - 1] != b',') {
        return None;
    }
    Some(Some(std::str::from_utf8(name).ok()?))
}

/// [`join_node`] in general: the record's lists are read, and the new names and
/// mentions put in order among them.
fn insert_node(line: &[u8], head: &NodeHead, new: Option<&Node>, id: &str) -> Option<Vec<u8>> {
    #[derive(Deserialize)]
    struct Body<'a> {
        #[serde(borrow)]
        docs: Vec<&'a RawValue>,
        #[serde(default)]
        date: Option<String>,
        #[serde(default)]
        series: bool,
        #[serde(default)]
        year: Option<i32>,
        #[serde(borrow)]
        mentions: Entries<'a>,
    }
    let body: Body = serde_json::from_slice(line).ok()?;
    let qualities = (body.date, body.series, body.year);
    let (bare, docs, mentions) = bare_node(head, qualities, new, id)?;
    let open = memchr::memmem::find(&bare, b",\"docs\":[]")? + b",\"docs\":".len();
    let between = bare[open + 2..].strip_suffix(b"\"mentions\":{}}")?;
    let mut out = Vec::with_capacity(line.len() + 1024);
    out.extend_from_slice(&bare[..open]);
    // Document names, sorted.
    let old_docs = body.docs;
    let mut inserts = Vec::with_capacity(docs.len());
    for doc in &docs {
        let name: Text = serde_json::from_slice(doc).ok()?;
        let mut failed = false;
        let at = old_docs.partition_point(|d| match serde_json::from_str::<Text>(d.get()) {
            Ok(d) => d.0 < name.0,
            Err(_) => {
                failed = true;
                false
            }
        });
        if failed {
            return None;
        }
        inserts.push((at, doc.as_slice()));
    }
    let spans: Vec<&[u8]> = old_docs.iter().map(|d| d.get().as_bytes()).collect();
    splice_list(&mut out, line, &spans, &inserts, b'[', b']');
    out.extend_from_slice(between);
    out.extend_from_slice(b"\"mentions\":");
    // Mentions by document, sorted by its name. The object is the record's
    // last field.
    let first = memchr::memmem::rfind(line, b",\"mentions\":{")? + b",\"mentions\":{".len();
    let spans = body.mentions.spans(line, first)?;
    let new_entries: Entries = serde_json::from_slice(&mentions).ok()?;
    let new_spans = new_entries.spans(&mentions, 1)?;
    let old_keys = &body.mentions.0;
    let inserts: Vec<(usize, &[u8])> = new_entries
        .0
        .iter()
        .zip(&new_spans)
        .map(|((k, _), span)| (old_keys.partition_point(|(o, _)| o < k), *span))
        .collect();
    splice_list(&mut out, line, &spans, &inserts, b'{', b'}');
    out.push(b'}');
    Some(out)
}

/// The entries of a JSON object in order, each key (borrowed where it needs no
/// unescaping) with its value.
struct Pairs<'a, V>(Vec<(Cow<'a, str>, V)>);

/// The entries of a JSON object, each key with its value's bytes.
type Entries<'a> = Pairs<'a, &'a RawValue>;

impl<'de: 'a, 'a, V: Deserialize<'de>> Deserialize<'de> for Pairs<'a, V> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<'a, V>(std::marker::PhantomData<(&'a (), V)>);
        impl<'de: 'a, 'a, V: Deserialize<'de>> serde::de::Visitor<'de> for Visit<'a, V> {
            type Value = Pairs<'a, V>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut m: M,
            ) -> Result<Self::Value, M::Error> {
                let mut v = Vec::new();
                while let Some(Text(k)) = m.next_key()? {
                    v.push((k, m.next_value()?));
                }
                Ok(Pairs(v))
            }
        }
        d.deserialize_map(Visit(std::marker::PhantomData))
    }
}

impl Entries<'_> {
    /// The bytes of each entry (`"key":value`) of the compact object read from
    /// `base`, whose first entry starts at `first`: each runs from after the
    /// comma that ends the one before to the end of its value.
    fn spans<'b>(&self, base: &'b [u8], first: usize) -> Option<Vec<&'b [u8]>> {
        let offset = |s: &str| (s.as_ptr() as usize).checked_sub(base.as_ptr() as usize);
        let mut start = first;
        let mut spans = Vec::with_capacity(self.0.len());
        for (_, value) in &self.0 {
            let end = offset(value.get())? + value.get().len();
            if base.get(start) != Some(&b'"') || end > base.len() {
                return None;
            }
            spans.push(&base[start..end]);
            start = end + 1;
        }
        Some(spans)
    }
}

/// Writes a compact JSON list (`open` … `close`) of the items `items` (slices
/// of `base`, in order, one comma apart) with `inserts` (each before the item at
/// its place, in order) among them: runs of items are copied as one slice.
fn splice_list(
    out: &mut Vec<u8>,
    base: &[u8],
    items: &[&[u8]],
    inserts: &[(usize, &[u8])],
    open: u8,
    close: u8,
) {
    let offset = |s: &[u8]| s.as_ptr() as usize - base.as_ptr() as usize;
    let run = |from: usize, to: usize| {
        let (first, last) = (items[from], items[to - 1]);
        &base[offset(first)..offset(last) + last.len()]
    };
    out.push(open);
    let mut first = true;
    let mut push = |out: &mut Vec<u8>, bytes: &[u8]| {
        if !first {
            out.push(b',');
        }
        first = false;
        out.extend_from_slice(bytes);
    };
    let mut at = 0;
    for &(place, bytes) in inserts {
        if place > at {
            push(out, run(at, place));
            at = place;
        }
        push(out, bytes);
    }
    if at < items.len() {
        push(out, run(at, items.len()));
    }
    out.push(close);
}

/// A node's record.
fn to_record(node: &Node) -> Vec<u8> {
    let mut buf = Vec::new();
    graph::node_record(&mut buf, node).expect("a node serialises");
    buf
}

impl<'a> Update<'a, '_> {
    /// Places the edges and sentences; `None` if the file's are not as `build`
    /// writes them.
    pub fn place(&self) -> Option<Placed<'a>> {
        self.file
            .edges_and_sentences(self.records, self.new, &self.ids, &self.kinds)
    }

    /// Writes the update, placed by [`Update::place`]. Nothing is written
    /// before it is placed: for an output that cannot be taken back (standard
    /// output).
    pub fn write_placed<W: Write>(&self, placed: &Placed<'a>, mut out: W) -> std::io::Result<()> {
        self.write_first(&mut out, &mut |_| {})?;
        self.write_rest(placed, &mut out, &mut |_| {})
    }

    /// Writes the updated file; what it holds, or `None` if the file's edges or
    /// sentences are not as `build` writes them. Then part of the update is
    /// written already, and of no use: the caller reads the whole file instead
    /// (and must be able to drop what was written: a file not yet in place).
    pub fn write<W: Write + Send>(&self, out: W) -> std::io::Result<Option<Counts>> {
        self.write_reporting(out, &mut |_| {})
    }

    /// [`Update::write`], telling `done` after each run of the file's records
    /// how many of the file's bytes it has read all of: the caller can let them
    /// go. The edges and sentences are placed while the documents and nodes are
    /// written (the kernel's copy of them leaves a core free).
    pub fn write_reporting<W: Write + Send>(
        &self,
        mut out: W,
        done: &mut (dyn FnMut(usize) + Send),
    ) -> std::io::Result<Option<Counts>> {
        let (placed, first) = rayon::join(|| self.place(), || self.write_first(&mut out, done));
        first?;
        let Some(placed) = placed else {
            return Ok(None);
        };
        self.write_rest(&placed, &mut out, done)?;
        Ok(Some(placed.counts))
    }

    /// Writes the file's head, documents and nodes.
    fn write_first<W: Write>(
        &self,
        out: &mut W,
        done: &mut dyn FnMut(usize),
    ) -> std::io::Result<()> {
        out.write_all(graph::head().as_bytes())?;
        out.write_all(b"{")?;
        self.write_pieces(out, &self.documents, done)?;
        out.write_all(graph::OPEN_NODES)?;
        self.write_pieces(out, &self.nodes, done)
    }

    /// Writes the file's edges and sentences, and its end.
    fn write_rest<W: Write>(
        &self,
        placed: &Placed<'a>,
        out: &mut W,
        done: &mut dyn FnMut(usize),
    ) -> std::io::Result<()> {
        out.write_all(graph::OPEN_EDGES)?;
        self.write_pieces(out, &placed.edges, done)?;
        out.write_all(graph::OPEN_SENTENCES)?;
        self.write_pieces(out, &placed.sentences, done)?;
        out.write_all(graph::END)
    }

    /// Writes `pieces` as [`Graph::write_json`] writes records (one per line,
    /// comma-separated), telling `done` where in the file each run copied ends.
    fn write_pieces<W: Write>(
        &self,
        out: &mut W,
        pieces: &[Piece<'a>],
        done: &mut dyn FnMut(usize),
    ) -> std::io::Result<()> {
        let base = self.file.bytes.as_ptr() as usize;
        for (k, piece) in pieces.iter().enumerate() {
            out.write_all(if k == 0 { b"\n" } else { b",\n" })?;
            match piece {
                Piece::Lines(b) => {
                    out.write_all(b)?;
                    done(b.as_ptr() as usize + b.len() - base);
                }
                Piece::Record(r) => {
                    for part in &r.0 {
                        out.write_all(part)?;
                    }
                }
            }
        }
        Ok(())
    }
}

/// An update's edge and sentence records, placed ([`Update::place`]), with what
/// the updated graph holds.
pub struct Placed<'a> {
    edges: Vec<Piece<'a>>,
    sentences: Vec<Piece<'a>>,
    counts: Counts,
}

impl Placed<'_> {
    /// What the updated graph holds.
    pub fn counts(&self) -> &Counts {
        &self.counts
    }
}
