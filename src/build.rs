//! The whole path from documents to a graph. Documents are read and extracted in
//! parallel and streamed, through a bounded channel, to one thread that resolves
//! them into the graph: only the graph is kept, never the corpus.

use crate::Error;
use crate::document::{self, Document, Encoding, Limits, Source};
use crate::extract::{self, Findings};
use crate::graph::Graph;
use crate::lexicon::Lexicon;
use crate::resolve;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

/// Documents extracted but not yet resolved, at most (bounds memory).
const IN_FLIGHT: usize = 1024;

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
            Ok(doc) => Some((doc, Some(hash))),
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

/// Turns each item into a document (or nothing) and extracts it on the thread pool,
/// while the calling thread adds the findings to the graph as they come.
fn stream<T: Send>(
    items: Vec<T>,
    open: impl Fn(T) -> Option<(Document, Option<String>)> + Sync,
    lex: &Lexicon,
) -> Graph {
    let (tx, rx) = mpsc::sync_channel::<(Document, Findings, Option<String>)>(IN_FLIGHT);
    let mut g = Graph::new();
    let open = &open;
    std::thread::scope(|s| {
        s.spawn(move || {
            items.into_par_iter().for_each_with(tx, |tx, item| {
                if let Some((doc, hash)) = open(item) {
                    let f = extract::extract(&doc, lex);
                    // The receiver lives until every sender is gone.
                    let _ = tx.send((doc, f, hash));
                }
            });
        });
        for (doc, f, hash) in rx {
            resolve::add_document(&mut g, &doc, &f, hash);
        }
    });
    g
}
