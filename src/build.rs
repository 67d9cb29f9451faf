//! The whole path from documents to a graph. Documents are read, extracted and
//! resolved in parallel, each core building the graph of its part of the corpus,
//! and the parts are merged: only graphs are kept, never the corpus.

use crate::Error;
use crate::document::{self, Document, Encoding, Limits, Source};
use crate::extract;
use crate::graph::Graph;
use crate::lexicon::Lexicon;
use crate::resolve;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

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

/// How [`build_sources_with`] reads its sources.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Size limits on documents and sentences.
    pub limits: Limits,
    /// What bytes that are not UTF-8 mean.
    pub encoding: Encoding,
    /// Stop reading at the first source that cannot be read: the outcome then lists
    /// the failures seen, and its graph is partial (not to be used).
    pub strict: bool,
    /// The date of documents whose metadata gives none: it anchors "next week",
    /// "Thursday" and dates without a year.
    pub date: Option<chrono::NaiveDate>,
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
    /// Sources left out because an earlier source (in name order) has the same
    /// bytes, with that source's name; in name order.
    pub duplicates: Vec<(Source, String)>,
    /// Sources that could not be read, with the reason, in name order.
    pub failed: Vec<(Source, Error)>,
}

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
/// are named (see [`Graph::assign_ids`]).
pub fn build_sources_with(
    mut sources: Vec<Source>,
    lex: &Lexicon,
    known: &HashSet<String>,
    opts: &Options,
    progress: &(dyn Fn(u64) + Sync),
) -> Outcome {
    sources.sort_by(|a, b| a.name().cmp(b.name()));
    sources.dedup_by(|a, b| a.name() == b.name());
    let mut duplicates = Vec::new();
    let mut drop = vec![false; sources.len()];
    let mut known_copies = 0;
    for (dup, first, hash) in same_contents(&sources, &opts.limits) {
        drop[dup] = true;
        if known.contains(&hash) {
            // Both are in the graph the result goes into: the copy is known too.
            known_copies += 1;
        } else {
            duplicates.push((sources[dup].clone(), sources[first].name().to_string()));
        }
    }
    let mut keep = drop.into_iter();
    sources.retain(|_| !keep.next().unwrap_or(false));
    let limits = opts.limits;
    let failed = std::sync::Mutex::new(Vec::new());
    let already = AtomicUsize::new(known_copies);
    let stop = AtomicBool::new(false);
    let fail = |source: &Source, e: Error| {
        if opts.strict {
            stop.store(true, Ordering::Relaxed);
        }
        if let Ok(mut v) = failed.lock() {
            v.push((source.clone(), e));
        }
    };
    let read = |source: Source| {
        if stop.load(Ordering::Relaxed) {
            return None;
        }
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
            already.fetch_add(1, Ordering::Relaxed);
            return None;
        }
        match document::parse_source_as(&source, &bytes, &limits, opts.encoding) {
            Ok(mut doc) => {
                if doc.meta.date.is_none() {
                    doc.meta.date = opts.date.map(|d| d.to_string());
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
        duplicates,
        failed,
    }
}

/// `(later, first, content hash)` for files in `sources` (by index) with the same bytes. Only
/// files of equal, non-zero size are read (in parallel) to compare them; files that
/// cannot be read here are left for the build to report.
fn same_contents(sources: &[Source], limits: &Limits) -> Vec<(usize, usize, String)> {
    let sizes: Vec<Option<u64>> = sources
        .par_iter()
        .map(|s| match s {
            Source::File { path, .. } => std::fs::metadata(path)
                .ok()
                .filter(|m| m.is_file())
                .map(|m| m.len()),
            Source::Stdin => None,
        })
        .collect();
    let mut by_size: HashMap<u64, usize> = HashMap::new();
    for len in sizes.iter().flatten() {
        *by_size.entry(*len).or_default() += 1;
    }
    let candidates: Vec<usize> = (0..sources.len())
        .filter(|&i| {
            sizes[i].is_some_and(|len| {
                len > 0 && len <= limits.max_document_bytes as u64 && by_size[&len] > 1
            })
        })
        .collect();
    let hashes: Vec<(usize, Option<String>)> = candidates
        .into_par_iter()
        .map(|i| {
            let bytes = document::read_bytes(&sources[i], limits).ok();
            (i, bytes.map(|b| content_hash(&b)))
        })
        .collect();
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for (i, hash) in hashes {
        if let Some(h) = hash {
            match first.get(&h) {
                Some(&f) => out.push((i, f, h)),
                None => {
                    first.insert(h, i);
                }
            }
        }
    }
    out
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
    /// Documents left out because an earlier one (in name order) has the same bytes:
    /// (name, the earlier name), in name order.
    pub duplicates: Vec<(String, String)>,
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
    // The same bytes under two names are read once, under the first name, as
    // `build_sources` does with files.
    let mut first: HashMap<String, String> = HashMap::new();
    let mut duplicates = Vec::new();
    docs.retain(|d| {
        let hash = content_hash(&d.bytes);
        match first.get(&hash) {
            Some(earlier) => {
                duplicates.push((d.name.clone(), earlier.clone()));
                false
            }
            None => {
                first.insert(hash, d.name.clone());
                true
            }
        }
    });
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
        duplicates,
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
    // One part per thread: the parts' graphs are alive at once, so more parts would
    // cost memory (and merging) for little better balance.
    let parts = rayon::current_num_threads();
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
