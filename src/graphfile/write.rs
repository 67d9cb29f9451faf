//! Writing a graph: [`Graph::write_json`] (the graph file) and
//! [`Graph::to_wire`] (its serde form), with the evidence sentences numbered
//! once ([`Graph::sentences`], [`Numbers`]).

use super::FORMAT_VERSION;
use super::layout::{END, OPEN_EDGES, OPEN_SENTENCES};
use super::records::{
    edge_record, node_record, sentence_record, uneven, write_documents, write_records,
};
use super::wire::{WireEdge, WireGraph, WireMeta, WireSentence};
use crate::graph::{Evidence, Graph};
use crate::provenance::Rules;
use rayon::slice::ParallelSliceMut;
use rustc_hash::FxHashMap as HashMap;
use std::io::Write;
use std::sync::Arc;

impl Graph {
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
                    qualifiers: e.qualifiers.clone(),
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
}

/// Where an evidence sentence is: its document and offsets.
pub(crate) fn cite(ev: &Evidence) -> (&str, usize, usize) {
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
