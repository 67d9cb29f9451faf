//! The whole path from documents to a graph. Documents are read, extracted and
//! resolved in parallel, each core building the graph of its part of the corpus,
//! and the parts are merged: only graphs are kept, never the corpus.
//!
//! Sources go through in batches, in name order: a batch is read and hashed on
//! every core, its copies of earlier sources are left out (in order, so the first
//! name wins), and the rest are parsed, extracted and resolved on every core.

use crate::Error;
use crate::corrections::Corrections;
use crate::document::{self, Document, Encoding, Limits, Source};
use crate::extract;
use crate::graph::Graph;
use crate::lexicon::Lexicon;
use crate::resolve;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};

/// Builds the graph of `docs` (any order: the result is the same). No content
/// hashes are recorded: the documents' bytes are not known.
pub fn build(mut docs: Vec<Document>, lex: &Lexicon) -> Graph {
    docs.sort_by(|a, b| a.name.cmp(&b.name));
    docs.dedup_by(|a, b| a.name == b.name);
    let mut g = stream(docs, |d| Some((d, None)), lex).graph;
    crate::resolve::assign_ids(&mut g);
    g
}

/// Builds the graph of articles given as (name, text), such as
/// [`crate::corpus::EXAMPLE`], as [`build_sources`] would from files of these names
/// and contents.
pub fn build_texts(texts: &[(&str, &str)], lex: &Lexicon) -> crate::Result<Graph> {
    build_texts_apart(texts, lex, None)
}

/// [`build_texts`], resolution keeping apart the pairs `corrections` keeps apart
/// (see [`crate::resolve::assign_ids_apart`]; the other corrections are for
/// [`Corrections::apply`] on the result).
pub fn build_texts_apart(
    texts: &[(&str, &str)],
    lex: &Lexicon,
    corrections: Option<&Corrections>,
) -> crate::Result<Graph> {
    let mut texts = texts.to_vec();
    texts.sort_by(|a, b| a.0.cmp(b.0));
    texts.dedup_by(|a, b| a.0 == b.0);
    let docs = texts
        .iter()
        .map(|(name, text)| {
            let d = Document::parse(name, text.as_bytes())?;
            Ok((d, content_hash(text.as_bytes())))
        })
        .collect::<crate::Result<Vec<_>>>()?;
    let mut g = stream(docs, |(d, h)| Some((d, Some(h))), lex).graph;
    crate::resolve::assign_ids_apart(&mut g, corrections);
    Ok(g)
}

/// The content hash recorded for a document: XXH3-128 of its bytes, in hex.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

/// How [`build_sources_with`] reads its sources.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Size limits on documents and sentences.
    pub limits: Limits,
    /// What bytes that are not UTF-8 mean.
    pub encoding: Encoding,
    /// Stop reading at the first source that cannot be read: the outcome then lists
    /// the failures seen, and its graph is partial (not to be used).
    pub strict: bool,
    /// The date of documents whose metadata gives none: it anchors "next week",
    /// "Thursday" and dates without a year, and gives a year to a dateline
    /// without one.
    pub date: Option<chrono::NaiveDate>,
    /// Dates by document name (`build --dates`): after front matter's `date:`,
    /// before a dateline's (see [`crate::document::Meta::settle_date`]).
    pub dates: Option<std::sync::Arc<document::DatesFile>>,
    /// Corrections whose `keep_apart` pairs resolution leaves unjoined (the
    /// others are for [`Corrections::apply`] on the result).
    pub corrections: Option<std::sync::Arc<Corrections>>,
}

/// What [`build_sources`] (sources `S` = [`Source`]) or [`build_named`] (`S` =
/// names) did.
#[derive(Debug)]
pub struct Outcome<S = Source> {
    /// The graph of the documents read.
    pub graph: Graph,
    /// Documents read and added.
    pub added: usize,
    /// Documents left out because the graph they go into already has them (same
    /// content hash).
    pub known: usize,
    /// Sources left out because an earlier source (in name order) has the same
    /// bytes, with that source's name; in name order.
    pub duplicates: Vec<(S, String)>,
    /// Sources that could not be read (binary, bad encoding, too large), with the
    /// reason, in name order.
    pub failed: Vec<(S, Error)>,
}

/// What [`build_named`] did.
pub type NamedOutcome = Outcome<String>;

/// Reads, extracts and resolves `sources` in parallel, keeping only the graph, with
/// the default [`Options`].
pub fn build_sources(
    sources: Vec<Source>,
    lex: &Lexicon,
    known: &HashSet<String>,
    progress: &(dyn Fn(u64) + Sync),
) -> Outcome {
    build_sources_with(sources, lex, known, &Options::default(), progress)
}

/// Reads, extracts and resolves `sources` in parallel, keeping only the graph.
///
/// Sources are taken in name order, the first of each name. A file with the same
/// bytes as one before it is left out (listed in [`Outcome::duplicates`]): the
/// article is in the graph once, its evidence citing the first name. A source whose
/// content hash is in `known` is left out (it is in the graph the result is merged
/// into). `progress` is called with the size in bytes of each source read. Nodes
/// are named (see [`crate::resolve::assign_ids`]).
pub fn build_sources_with(
    mut sources: Vec<Source>,
    lex: &Lexicon,
    known: &HashSet<String>,
    opts: &Options,
    progress: &(dyn Fn(u64) + Sync),
) -> Outcome {
    sources.sort_by(|a, b| a.name().cmp(b.name()));
    sources.dedup_by(|a, b| a.name() == b.name());
    let limits = opts.limits;
    let failed = std::sync::Mutex::new(Vec::new());
    let stop = AtomicBool::new(false);
    let fail = |source: &Source, e: Error| {
        if opts.strict {
            stop.store(true, Ordering::Relaxed);
        }
        if let Ok(mut v) = failed.lock() {
            v.push((source.clone(), e));
        }
    };
    let read = |source: &Source| {
        if stop.load(Ordering::Relaxed) {
            return None;
        }
        match document::read_bytes(source, &limits) {
            Ok(bytes) => {
                progress(bytes.len() as u64);
                let hash = content_hash(&bytes);
                Some((bytes, Some(hash)))
            }
            Err(e) => {
                fail(source, e);
                None
            }
        }
    };
    let open = |source: &Source, bytes: Vec<u8>| match document::parse_source_as(
        source,
        &bytes,
        &limits,
        opts.encoding,
    ) {
        Ok(mut doc) => {
            let given = opts.dates.as_ref().and_then(|f| f.get(&doc.name));
            doc.meta.settle_date(given, opts.date);
            Some(doc)
        }
        Err(e) => {
            fail(source, e);
            None
        }
    };
    let streamed = stream_refs(&sources, read, Vec::len, known, open, lex);
    streamed.outcome(
        opts.corrections.as_deref(),
        failed.into_inner().unwrap_or_default(),
        |i| sources[i].clone(),
        |i| sources[i].name().to_string(),
    )
}

/// Like [`build_sources`] for documents given as name and bytes (say, read from
/// JSON lines by [`crate::jsonl::read`]): the graph is the one `build_sources` makes
/// from files of these names and bytes, byte for byte.
pub fn build_named(
    docs: Vec<crate::jsonl::NamedBytes>,
    lex: &Lexicon,
    known: &HashSet<String>,
) -> NamedOutcome {
    build_named_with(docs, lex, known, &Options::default())
}

/// [`build_named`] with the dates and corrections of [`Options`] (`date`,
/// `dates`, `corrections`; the documents' bytes are in memory, so its limits and
/// encoding are those of [`Document::parse`]).
pub fn build_named_with(
    mut docs: Vec<crate::jsonl::NamedBytes>,
    lex: &Lexicon,
    known: &HashSet<String>,
    opts: &Options,
) -> NamedOutcome {
    docs.sort_by(|a, b| a.name.cmp(&b.name));
    docs.dedup_by(|a, b| a.name == b.name);
    let limits = Limits::default();
    let failed = std::sync::Mutex::new(Vec::new());
    let read = |d: &crate::jsonl::NamedBytes| Some(((), Some(content_hash(&d.bytes))));
    let open =
        |d: &crate::jsonl::NamedBytes, ()| match Document::parse_with(&d.name, &d.bytes, &limits) {
            Ok(mut doc) => {
                let given = opts.dates.as_ref().and_then(|f| f.get(&doc.name));
                doc.meta.settle_date(given, opts.date);
                Some(doc)
            }
            Err(e) => {
                if let Ok(mut v) = failed.lock() {
                    v.push((d.name.clone(), e));
                }
                None
            }
        };
    // The documents' bytes are in memory already.
    let streamed = stream_refs(&docs, read, |_| 0, known, open, lex);
    streamed.outcome(
        opts.corrections.as_deref(),
        failed.into_inner().unwrap_or_default(),
        |i| docs[i].name.clone(),
        |i| docs[i].name.clone(),
    )
}

/// What [`stream`] made of its items.
struct Streamed {
    /// The graph of the documents added (nodes not yet named).
    graph: Graph,
    /// Items left out because `known` has their content hash.
    known: usize,
    /// Items left out as copies: (copy, first with the same bytes), by item index,
    /// in order.
    duplicates: Vec<(usize, usize)>,
}

impl Streamed {
    /// The outcome of a build: nodes named, failures in name order, copies given
    /// as the copy (`source` of its index) and the name of the first.
    fn outcome<S: Ord>(
        self,
        corrections: Option<&Corrections>,
        mut failed: Vec<(S, Error)>,
        source: impl Fn(usize) -> S,
        name: impl Fn(usize) -> String,
    ) -> Outcome<S> {
        let mut graph = self.graph;
        crate::resolve::assign_ids_apart(&mut graph, corrections);
        failed.sort_by(|a, b| a.0.cmp(&b.0));
        Outcome {
            added: graph.documents.len(),
            graph,
            known: self.known,
            duplicates: self
                .duplicates
                .into_iter()
                .map(|(copy, first)| (source(copy), name(first)))
                .collect(),
            failed,
        }
    }
}

/// [`stream_refs`] for items that `read` turns into documents (with their content
/// hash, if known) by value.
fn stream<T: Send + Sync>(
    items: Vec<T>,
    read: impl Fn(T) -> Option<(Document, Option<String>)> + Sync,
    lex: &Lexicon,
) -> Streamed {
    let items: Vec<std::sync::Mutex<Option<T>>> = items
        .into_iter()
        .map(|t| std::sync::Mutex::new(Some(t)))
        .collect();
    stream_refs(
        &items,
        |cell| read(cell.lock().ok()?.take()?),
        // Already in memory.
        |_| 0,
        &HashSet::new(),
        |_, doc| Some(doc),
        lex,
    )
}

/// Turns items into documents and builds their graph, in batches (in item order):
/// `read` gives each item's payload and content hash on every core (or `None`: it
/// failed, or the run stops); an item whose hash is in `known`, or the same as an
/// earlier item's, is left out; `open` makes the others documents, which are
/// extracted and resolved on every core, each thread into a graph of its own. The
/// parts are then merged (merging is exact and order-free, so the result is the
/// serial one).
fn stream_refs<T: Sync, P: Send>(
    items: &[T],
    read: impl Fn(&T) -> Option<(P, Option<String>)> + Sync,
    size: impl Fn(&P) -> usize,
    known: &HashSet<String>,
    open: impl Fn(&T, P) -> Option<Document> + Sync,
    lex: &Lexicon,
) -> Streamed {
    // One part per thread: more parts would cost memory (and merging) for nothing.
    let parts: Vec<std::sync::Mutex<resolve::Part>> = (0..rayon::current_num_threads())
        .map(|_| std::sync::Mutex::new(resolve::Part::default()))
        .collect();
    let mut first: HashMap<String, usize> = HashMap::new();
    let (mut known_n, mut duplicates) = (0, Vec::new());
    // Large batches keep the cores busy between the two steps; a batch's bytes
    // are in memory at once, so batches hold about BUDGET bytes at most (sized by
    // the last batch's documents; the first is small, to find out).
    const MOST: usize = 512;
    const BUDGET: usize = 64 << 20;
    let (mut start, mut take) = (0, 4);
    while start < items.len() {
        let batch = &items[start..(start + take).min(items.len())];
        let payloads: Vec<Option<(P, Option<String>)>> = batch.par_iter().map(&read).collect();
        let bytes: usize = payloads.iter().flatten().map(|(p, _)| size(p)).sum();
        take = (BUDGET / (bytes / batch.len()).max(1)).clamp(4, MOST);
        let mut todo = Vec::with_capacity(payloads.len());
        for (j, payload) in payloads.into_iter().enumerate() {
            let Some((payload, hash)) = payload else {
                continue;
            };
            let i = start + j;
            if let Some(hash) = hash {
                if known.contains(&hash) {
                    known_n += 1;
                    continue;
                }
                match first.entry(hash.clone()) {
                    std::collections::hash_map::Entry::Occupied(o) => {
                        duplicates.push((i, *o.get()));
                        continue;
                    }
                    std::collections::hash_map::Entry::Vacant(v) => {
                        v.insert(i);
                    }
                }
                todo.push((i, payload, Some(hash)));
            } else {
                todo.push((i, payload, None));
            }
        }
        todo.into_par_iter().for_each(|(i, payload, hash)| {
            let Some(doc) = open(&items[i], payload) else {
                return;
            };
            let f = extract::extract(&doc, lex);
            let part = rayon::current_thread_index().unwrap_or(0) % parts.len();
            if let Ok(mut p) = parts[part].lock() {
                p.add_document(&doc, &f, hash);
            }
        });
        start += batch.len();
    }
    let parts: Vec<Graph> = parts
        .into_par_iter()
        .map(|p| p.into_inner().unwrap_or_default().finish())
        .collect();
    let mut graph = Graph::new();
    for part in parts {
        graph.absorb_graph(part);
    }
    Streamed {
        graph,
        known: known_n,
        duplicates,
    }
}
