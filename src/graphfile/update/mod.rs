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
//!
//! The pieces: this file (the file's records and how they are written back),
//! [`nodes`] (the nodes' ids and records), [`edges`] (the edges, sentences and
//! documents).

mod edges;
mod nodes;
#[cfg(test)]
mod tests;

use super::layout::{END, Layout, OPEN_EDGES, OPEN_NODES, OPEN_SENTENCES, head};
use crate::graph::{DocumentInfo, Graph};
use crate::ontology::{EntityKind, Relation};
use edges::{Key, Sentences, document_edits, edge_edits, edge_key, renumber_evidence};
use nodes::{Ids, NodeHead, Pairs, node_edits, surnames_join};
use rayon::prelude::*;
use serde::Deserialize;
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

impl<'a> GraphFile<'a> {
    /// The file in `bytes`; `None` if it is not laid out as `build` writes it.
    pub fn open(bytes: &'a [u8]) -> Option<GraphFile<'a>> {
        // The documents are the file's first part.
        let head = head();
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

    /// The documents of `new` the file has too (as [`crate::graph::conflicts`] finds
    /// them).
    pub fn conflicts(&self, new: &BTreeMap<String, DocumentInfo>) -> Vec<String> {
        let have = self.documents.iter();
        crate::graph::conflicts(have.map(|(n, h)| (n.as_ref(), h.as_deref())), new)
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

    /// The file with `new` merged in, as [`crate::resolve::merge_owned`] and
    /// [`Graph::write_json`] would write it; `None` if the file is not as
    /// `build` writes it (see the module's documentation). `new` must be built
    /// from other documents than the file's (see [`crate::graph::conflicts`]).
    ///
    /// This places the documents and nodes; the edges and sentences are placed
    /// by [`Update::write`], while the nodes are written.
    pub fn add<'u>(&'u self, records: &'u Records<'a>, new: &'u Graph) -> Option<Update<'a, 'u>> {
        if surnames_join(records, new) {
            return None;
        }
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
        out.write_all(head().as_bytes())?;
        out.write_all(b"{")?;
        self.write_pieces(out, &self.documents, done)?;
        out.write_all(OPEN_NODES)?;
        self.write_pieces(out, &self.nodes, done)
    }

    /// Writes the file's edges and sentences, and its end.
    fn write_rest<W: Write>(
        &self,
        placed: &Placed<'a>,
        out: &mut W,
        done: &mut dyn FnMut(usize),
    ) -> std::io::Result<()> {
        out.write_all(OPEN_EDGES)?;
        self.write_pieces(out, &placed.edges, done)?;
        out.write_all(OPEN_SENTENCES)?;
        self.write_pieces(out, &placed.sentences, done)?;
        out.write_all(END)
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
