//! The whole path from documents to a graph. Documents are read, extracted and
//! resolved in parallel, each core building the graph of its part of the corpus,
//! and the parts are merged: only graphs are kept, never the corpus.

use crate::Error;
use crate::document::{self, Document, Limits, Source};
use crate::extract;
use crate::graph::Graph;
use crate::lexicon::Lexicon;
use crate::resolve;
use rayon::prelude::*;
use std::collections::HashSet;

/// Builds the graph of `docs` (any order: the result is the same). No content
/// hashes are recorded: the documents' bytes are not known.
pub fn build(mut docs: Vec<Document>, lex: &Lexicon) -> Graph {
    docs.sort_by(|a, b| a.name.cmp(&b.name));
    docs.dedup_by(|a, b| a.name == b.name);
    let mut g = stream(docs, |d| Some((d, None)), lex);
    g.assign_ids();
    g
}

/// Builds the graph of articles given as (name, text), such as
/// [`crate::corpus::EXAMPLE`], as [`build_sources`] would from files of these names
/// and contents.
pub fn build_texts(texts: &[(&str, &str)], lex: &Lexicon) -> crate::Result<Graph> {
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
    let mut g = stream(docs, |(d, h)| Some((d, Some(h))), lex);
    g.assign_ids();
    Ok(g)
}

/// The content hash recorded for a document: XXH3-128 of its bytes, in hex.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

/// What [`build_sources`] did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The graph of the documents read.
    pub graph: Graph,
    /// Documents read and added.
    pub added: usize,
    /// Documents left out because the graph they go into already has them (same
    /// content hash).
    pub known: usize,
    /// Sources that could not be read, with the reason, in name order.
    pub failed: Vec<(Source, Error)>,
}

/// Reads, extracts and resolves `sources` in parallel, keeping only the graph.
///
/// Sources are taken in name order, the first of each name. A source whose content
/// hash is in `known` is left out (it is in the graph the result is merged into).
/// `progress` is called with the size in bytes of each source read. Nodes are named
/// (see [`Graph::assign_ids`]).
pub fn build_sources(
    sources: Vec<Source>,
    lex: &Lexicon,
    known: &HashSet<String>,
    progress: &(dyn Fn(u64) + Sync),
) -> Outcome {
    build_sources_dated(sources, lex, known, progress, None)
}

/// [`build_sources`], with `date` (`YYYY-MM-DD`) as the date of every document
/// whose metadata gives none: it anchors "next week" and "Thursday" in the text.
pub fn build_sources_dated(
    mut sources: Vec<Source>,
    lex: &Lexicon,
    known: &HashSet<String>,
    progress: &(dyn Fn(u64) + Sync),
    date: Option<&str>,
) -> Outcome {
    sources.sort_by(|a, b| a.name().cmp(b.name()));
    sources.dedup_by(|a, b| a.name() == b.name());
    let limits = Limits::default();
    let failed = std::sync::Mutex::new(Vec::new());
    let already = std::sync::atomic::AtomicUsize::new(0);
    let fail = |source: &Source, e: Error| {
        if let Ok(mut v) = failed.lock() {
            v.push((source.clone(), e));
        }
    };
    let read = |source: Source| {
        let bytes = match document::read_bytes(&source, &limits) {
            Ok(b) => b,
            Err(e) => {
                fail(&source, e);
                return None;
            }
        };
        progress(bytes.len() as u64);
        let hash = content_hash(&bytes);
        if known.contains(&hash) {
            already.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            return None;
        }
        match document::parse_source(&source, &bytes, &limits) {
            Ok(mut doc) => {
                if doc.meta.date.is_none() {
                    doc.meta.date = date.map(str::to_string);
                }
                Some((doc, Some(hash)))
            }
            Err(e) => {
                fail(&source, e);
                None
            }
        }
    };
    let mut graph = stream(sources, read, lex);
    graph.assign_ids();
    let mut failed = failed.into_inner().unwrap_or_default();
    failed.sort_by(|a, b| a.0.cmp(&b.0));
    Outcome {
        added: graph.documents.len(),
        graph,
        known: already.into_inner(),
        failed,
    }
}

/// What [`build_named`] did.
#[derive(Debug, Default)]
pub struct NamedOutcome {
    /// The graph of the documents read.
    pub graph: Graph,
    /// Documents added.
    pub added: usize,
    /// Documents left out because their content hash is in `known`.
    pub known: usize,
    /// Documents refused (binary, bad encoding, too large), with the reason, in name order.
    pub failed: Vec<(String, Error)>,
}

/// Like [`build_sources`] for documents given as name and bytes (say, read from
/// JSON lines by [`crate::jsonl::read`]): the graph is the one `build_sources` makes
/// from files of these names and bytes, byte for byte.
pub fn build_named(
    mut docs: Vec<crate::jsonl::NamedBytes>,
    lex: &Lexicon,
    known: &HashSet<String>,
) -> NamedOutcome {
    docs.sort_by(|a, b| a.name.cmp(&b.name));
    docs.dedup_by(|a, b| a.name == b.name);
    let limits = Limits::default();
    let failed = std::sync::Mutex::new(Vec::new());
    let already = std::sync::atomic::AtomicUsize::new(0);
    let open = |d: crate::jsonl::NamedBytes| {
        let hash = content_hash(&d.bytes);
        if known.contains(&hash) {
            already.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            return None;
        }
        match Document::parse_with(&d.name, &d.bytes, &limits) {
            Ok(doc) => Some((doc, Some(hash))),
            Err(e) => {
                if let Ok(mut v) = failed.lock() {
                    v.push((d.name, e));
                }
                None
            }
        }
    };
    let mut graph = stream(docs, open, lex);
    graph.assign_ids();
    let mut failed = failed.into_inner().unwrap_or_default();
    failed.sort_by(|a, b| a.0.cmp(&b.0));
    NamedOutcome {
        added: graph.documents.len(),
        graph,
        known: already.into_inner(),
        failed,
    }
}

/// Turns each item into a document (or nothing), extracts it and resolves it into
/// a graph of its own part of the corpus, on every core; the parts are then merged
/// (merging is exact and order-free, so the result is the serial one).
fn stream<T: Send>(
    items: Vec<T>,
    open: impl Fn(T) -> Option<(Document, Option<String>)> + Sync,
    lex: &Lexicon,
) -> Graph {
    // A few large parts per thread: enough to balance the load, few enough that
    // merging them costs little.
    let parts = 4 * rayon::current_num_threads();
    let min_len = items.len().div_ceil(parts).max(1);
    items
        .into_par_iter()
        .with_min_len(min_len)
        .fold(Graph::new, |mut g, item| {
            if let Some((doc, hash)) = open(item) {
                let f = extract::extract(&doc, lex);
                resolve::add_document(&mut g, &doc, &f, hash);
            }
            g
        })
        .reduce(Graph::new, |mut a, b| {
            a.absorb_graph(b);
            a
        })
}
