//! `newsgraph build`: read articles, extract, resolve, write the graph; with
//! `--into`, add the articles to an existing graph file.

use super::{output, progress};
use newsgraph::document::{self, Source};
use newsgraph::export::{self, Format};
use newsgraph::graph::Graph;
use newsgraph::lexicon::Lexicon;
use newsgraph::ontology::{EntityKind, Relation};
use newsgraph::{Error, Result};
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// What `newsgraph build` was asked to do.
pub struct Options<'a> {
    /// Files, directories or `-`; none means the bundled corpus.
    pub inputs: &'a [PathBuf],
    /// Where to write the graph.
    pub output: Option<&'a Path>,
    /// A graph file to add the articles to (and to write back when no output is given).
    pub into: Option<&'a Path>,
    /// Extra lexicon files.
    pub lexicon: &'a [PathBuf],
    /// No summary, no progress bar.
    pub quiet: bool,
    /// The date of documents whose metadata gives none (`YYYY-MM-DD`).
    pub date: Option<&'a str>,
    /// Read the documents from standard input as JSON lines ([`newsgraph::jsonl`]).
    pub stdin_jsonl: bool,
}

pub fn run(opts: &Options) -> Result<ExitCode> {
    let started = Instant::now();
    if let Some(d) = opts.date
        && newsgraph::extract::dates::anchor(d).is_none_or(|a| a.to_string() != d)
    {
        return Err(Error::Usage(format!(
            "--date {d}: not a date; write it as YYYY-MM-DD"
        )));
    }
    // Refuse an unknown output format before any work.
    let format = opts.output.map(output_format).transpose()?;
    let lex = Lexicon::with_files(opts.lexicon)?;
    let existing = match opts.into {
        Some(p) => {
            let bytes = std::fs::read(p).map_err(|e| Error::io(p, e))?;
            Some(Graph::read_json(&bytes, p)?)
        }
        None => None,
    };
    let known: HashSet<String> = existing
        .iter()
        .flat_map(|g| g.documents.values())
        .filter_map(|d| d.hash.clone())
        .collect();
    if opts.stdin_jsonl && !opts.inputs.is_empty() {
        return Err(Error::Usage(
            "--stdin-jsonl reads standard input: give no INPUT with it".into(),
        ));
    }
    let (graph, added, already, skipped) = if opts.stdin_jsonl {
        let docs = newsgraph::jsonl::read(std::io::stdin().lock(), document::STDIN_NAME)?;
        let out = newsgraph::build::build_named(docs, &lex, &known);
        for (_, e) in &out.failed {
            eprintln!("warning: skipped {e}");
        }
        (out.graph, out.added, out.known, out.failed.len())
    } else if opts.inputs.is_empty() {
        let texts: Vec<(&str, &str)> = newsgraph::corpus::EXAMPLE
            .iter()
            .filter(|(_, text)| !known.contains(&newsgraph::build::content_hash(text.as_bytes())))
            .copied()
            .collect();
        let already = newsgraph::corpus::EXAMPLE.len() - texts.len();
        let g = newsgraph::build::build_texts(&texts, &lex)?;
        (g, texts.len(), already, 0)
    } else {
        let sources = document::discover(opts.inputs)?;
        let bar = progress::Bar::new(&sources, opts.quiet);
        let out = newsgraph::build::build_sources_dated(
            sources,
            &lex,
            &known,
            &|n| bar.add(n),
            opts.date,
        );
        bar.finish();
        for (source, e) in &out.failed {
            eprintln!("{} skipped {e}", super::style::err("1;33", "warning:"));
            if let Source::Stdin = source {
                return Err(Error::Input {
                    path: PathBuf::from(document::STDIN_NAME),
                    reason: e.to_string(),
                });
            }
        }
        (out.graph, out.added, out.known, out.failed.len())
    };
    let graph = match existing {
        Some(mut g) => {
            let conflicts = g.conflicts(&graph);
            if !conflicts.is_empty() {
                return Err(Error::Usage(format!(
                    "{} already has {} with other contents; rebuild the graph instead",
                    opts.into
                        .map(Path::display)
                        .map(|p| p.to_string())
                        .unwrap_or_default(),
                    conflicts.join(", ")
                )));
            }
            g.merge_owned(graph);
            g
        }
        None => graph,
    };
    if let Some(p) = opts.output.or(opts.into) {
        let format = format.unwrap_or(Format::Json);
        output::write(p, |w| {
            export::write(&graph, format, &export::Options::default(), w)
        })?;
    }
    if !opts.quiet {
        summary(
            &graph,
            added,
            already,
            skipped,
            started.elapsed().as_secs_f64(),
        );
    }
    Ok(if skipped > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The format `-o PATH` asks for by its extension; `-` is the graph JSON.
pub fn output_format(path: &Path) -> Result<Format> {
    if path == Path::new("-") {
        return Ok(Format::Json);
    }
    Format::from_path(path).ok_or_else(|| {
        let ext = path
            .extension()
            .map(|e| format!("extension `.{}`", e.to_string_lossy()))
            .unwrap_or_else(|| "no extension".to_string());
        Error::Usage(format!(
            "{}: unknown output format ({ext}); the accepted endings are {}",
            path.display(),
            Format::EXTENSIONS
        ))
    })
}

/// The graph of the bundled example corpus with the built-in lexicon, as `build`
/// with no input makes it.
pub fn example_graph() -> Result<Graph> {
    let lex = Lexicon::with_files(&[])?;
    newsgraph::build::build_texts(newsgraph::corpus::EXAMPLE, &lex)
}

fn summary(g: &Graph, docs: usize, already: usize, skipped: usize, secs: f64) {
    let kinds = g.count_kinds();
    let rels = g.count_relations();
    let mut err = std::io::stderr().lock();
    let mut notes = Vec::new();
    if already > 0 {
        notes.push(format!("{already} already in the graph"));
    }
    if skipped > 0 {
        notes.push(format!("{skipped} skipped"));
    }
    let _ = writeln!(
        err,
        "{docs} document{} read{}, {} nodes, {} edges in {secs:.3} s",
        if docs == 1 { "" } else { "s" },
        if notes.is_empty() {
            String::new()
        } else {
            format!(" ({})", notes.join(", "))
        },
        g.node_count(),
        g.edge_count()
    );
    let k: Vec<String> = EntityKind::ALL
        .iter()
        .map(|k| format!("{k} {}", kinds.get(k).copied().unwrap_or(0)))
        .collect();
    let _ = writeln!(err, "  nodes: {}", k.join(", "));
    let r: Vec<String> = Relation::ALL
        .iter()
        .map(|r| format!("{r} {}", rels.get(r).copied().unwrap_or(0)))
        .collect();
    let _ = writeln!(err, "  edges: {}", r.join(", "));
}
