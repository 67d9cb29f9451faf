//! `newsgraph build`: read articles, extract, resolve, write the graph; with
//! `--into`, add the articles to an existing graph file.

use super::{output, progress};
use newsgraph::bytes::Bytes;
use newsgraph::corrections::Corrections;
use newsgraph::document::{self, Encoding, Limits, Source};
use newsgraph::export::{self, Format};
use newsgraph::graph::Graph;
use newsgraph::lexicon::Lexicon;
use newsgraph::ontology::{EntityKind, Relation};
use newsgraph::splice::{Counts, GraphFile};
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
    /// Extra rule files.
    pub rules: &'a [PathBuf],
    /// A corrections file (not with `into`).
    pub corrections: Option<&'a Path>,
    /// No summary, no progress bar.
    pub quiet: bool,
    /// How input files are read, and what a bad one does.
    pub read: &'a ReadArgs,
    /// Read the documents from standard input as JSON lines ([`newsgraph::jsonl`]).
    pub stdin_jsonl: bool,
}

/// How `build` reads its inputs.
#[derive(clap::Args, Debug)]
pub struct ReadArgs {
    /// Stop at the first input that cannot be read: exit status 2, nothing written.
    #[arg(long)]
    pub strict: bool,
    /// What input that is not UTF-8 is: utf8 refuses it (UTF-16 with a BOM is always
    /// read), latin1 reads it as Latin-1 (Windows-1252).
    #[arg(long, value_name = "utf8|latin1", default_value_t = Encoding::Utf8)]
    pub encoding: Encoding,
    /// Larger input files are refused (suffixes K, M, G: KiB, MiB, GiB).
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    pub max_doc_bytes: usize,
    /// Longer sentences (a table, text without punctuation) are cut into pieces of at
    /// most this size for extraction; at least 8 (suffixes K, M, G).
    #[arg(long, value_name = "SIZE", default_value = "64K", value_parser = parse_sentence_size)]
    pub max_sentence_bytes: usize,
    /// The date of articles nothing else dates (YYYY-MM-DD): it anchors "next
    /// week", "Thursday" and dates without a year, and gives a dateline without a
    /// year ("SEOUL, Oct. 27 (Yonhap) --") the year that puts it nearest.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<chrono::NaiveDate>,
    /// A CSV file of document dates, one `NAME,DATE` a line (NAME as the graph
    /// names the document: its path under the input folder; DATE as YYYY-MM-DD, or
    /// YYYY to give a year to a dateline without one). A document's date is the
    /// first of: front matter `date:`, this file, its dateline ("SEOUL, Oct. 27,
    /// 2023 (Yonhap) --", "Release date: 4 June 2024"), --date. Nothing else: a
    /// year is never guessed, and the summary counts the undated documents.
    #[arg(long, value_name = "FILE")]
    pub dates: Option<PathBuf>,
}

/// A day written `YYYY-MM-DD`.
pub(super) fn parse_date(s: &str) -> std::result::Result<chrono::NaiveDate, String> {
    newsgraph::extract::dates::anchor(s)
        .filter(|d| d.to_string() == s)
        .ok_or_else(|| format!("`{s}`: not a date; write it as YYYY-MM-DD"))
}

impl ReadArgs {
    fn options(&self) -> Result<newsgraph::build::Options> {
        Ok(newsgraph::build::Options {
            limits: Limits {
                max_document_bytes: self.max_doc_bytes,
                max_sentence_bytes: self.max_sentence_bytes,
            },
            encoding: self.encoding,
            strict: self.strict,
            date: self.date,
            dates: match &self.dates {
                Some(p) => Some(std::sync::Arc::new(document::DatesFile::read(p)?)),
                None => None,
            },
            corrections: None,
        })
    }
}

/// A size in bytes: a number with an optional K, M or G (binary multiples).
fn parse_size(s: &str) -> std::result::Result<usize, String> {
    let t = s.trim();
    let (digits, unit) = match t.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => t.split_at(i),
        None => (t, ""),
    };
    let shift = match unit.to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        _ => return Err(format!("`{s}`: write a size such as 65536, 64K or 100M")),
    };
    digits
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_mul(1 << shift))
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("`{s}`: write a size above 0, such as 65536, 64K or 100M"))
}

fn parse_sentence_size(s: &str) -> std::result::Result<usize, String> {
    parse_size(s).and_then(|n| {
        if n < 8 {
            Err(format!("`{s}`: a sentence limit is at least 8 bytes"))
        } else {
            Ok(n)
        }
    })
}

pub fn run(opts: &Options) -> Result<ExitCode> {
    let started = Instant::now();
    // Refuse an unknown output format, or a bad corrections file, before any work.
    let format = opts.output.map(output_format).transpose()?;
    if let (Some(c), Some(into)) = (opts.corrections, opts.into) {
        return Err(Error::Usage(format!(
            "--corrections {} with --into {}: corrections are made on a whole build, and \
             --into adds articles to a graph already built; rebuild the graph from all its \
             articles with --corrections",
            c.display(),
            into.display()
        )));
    }
    let corrections = opts
        .corrections
        .map(Corrections::read)
        .transpose()?
        .map(std::sync::Arc::new);
    let bytes = opts.into.map(Bytes::open).transpose()?;
    // A file as build writes it takes the new records among its own (see
    // `newsgraph::splice`); any other is read whole.
    let lex = Lexicon::with_files(opts.lexicon).and_then(|l| l.with_rules(opts.rules));
    let file = bytes.as_deref().and_then(GraphFile::open);
    let lex = lex?;
    let mut existing = match (opts.into, &bytes, &file) {
        (Some(p), Some(b), None) => Some(Graph::read_json(b, p)?),
        _ => None,
    };
    let known: HashSet<String> = match (&file, &existing) {
        (Some(f), _) => f.hashes().map(str::to_string).collect(),
        (None, Some(g)) => g
            .documents
            .values()
            .filter_map(|d| d.hash.clone())
            .collect(),
        (None, None) => HashSet::new(),
    };
    if opts.stdin_jsonl && !opts.inputs.is_empty() {
        return Err(Error::Usage(
            "--stdin-jsonl reads standard input: give no INPUT with it".into(),
        ));
    }
    let format = format.unwrap_or(Format::Json);
    // The new articles are built while the file's records are indexed.
    let build_new = || -> Result<(Graph, usize, usize, usize, usize)> {
        Ok(if opts.stdin_jsonl {
            let docs = newsgraph::jsonl::read(std::io::stdin().lock(), document::STDIN_NAME)?;
            let mut read = opts.read.options()?;
            read.corrections = corrections.clone();
            let out = newsgraph::build::build_named_with(docs, &lex, &known, &read);
            for (_, e) in &out.failed {
                eprintln!("{} skipped {e}", super::style::err("1;33", "warning:"));
            }
            if !opts.quiet {
                for (copy, first) in &out.duplicates {
                    eprintln!(
                        "note: {copy}: the same bytes as {first}; left out (its evidence cites {first})"
                    );
                }
            }
            (
                out.graph,
                out.added,
                out.known,
                out.duplicates.len(),
                out.failed.len(),
            )
        } else if opts.inputs.is_empty() {
            let texts: Vec<(&str, &str)> = newsgraph::corpus::EXAMPLE
                .iter()
                .filter(|(_, text)| {
                    !known.contains(&newsgraph::build::content_hash(text.as_bytes()))
                })
                .copied()
                .collect();
            let already = newsgraph::corpus::EXAMPLE.len() - texts.len();
            let g = newsgraph::build::build_texts_apart(&texts, &lex, corrections.as_deref())?;
            (g, texts.len(), already, 0, 0)
        } else {
            let sources = document::discover(opts.inputs)?;
            let mut read = opts.read.options()?;
            read.corrections = corrections.clone();
            if let (Some(dates), Some(path)) = (&read.dates, &opts.read.dates) {
                let names: HashSet<&str> = sources.iter().map(|s| s.name()).collect();
                let stray: Vec<&str> = dates.names().filter(|n| !names.contains(n)).collect();
                if let Some(first) = stray.first() {
                    eprintln!(
                        "{} {}: {} name{} match no input (first: {first})",
                        super::style::err("1;33", "warning:"),
                        path.display(),
                        stray.len(),
                        if stray.len() == 1 { "" } else { "s" },
                    );
                }
            }
            let bar = progress::Bar::new(&sources, opts.quiet);
            let out =
                newsgraph::build::build_sources_with(sources, &lex, &known, &read, &|n| bar.add(n));
            bar.finish();
            report(&out, opts.read)?;
            if out.added == 0 && out.known == 0 && out.duplicates.is_empty() {
                return Err(Error::Usage(format!(
                    "none of the {} input{} could be read (see above); nothing written",
                    out.failed.len(),
                    if out.failed.len() == 1 { "" } else { "s" }
                )));
            }
            (
                out.graph,
                out.added,
                out.known,
                out.duplicates.len(),
                out.failed.len(),
            )
        })
    };
    if let Some(g) = &existing {
        refuse_corrected(g, opts.into)?;
    }
    let (records, built) = rayon::join(
        || {
            file.as_ref()
                .filter(|_| format == Format::Json)
                .and_then(GraphFile::records)
        },
        build_new,
    );
    let (mut graph, added, already, duplicates, skipped) = built?;
    let corrected = corrections.as_ref().map(|c| {
        let report = c.apply(&mut graph);
        for w in &report.warnings {
            eprintln!("{} {w}", super::style::err("1;33", "warning:"));
        }
        report
    });
    let undated = graph
        .documents
        .values()
        .filter(|d| {
            d.date
                .as_deref()
                .and_then(newsgraph::extract::dates::anchor)
                .is_none()
        })
        .count();
    if let Some(p) = opts.into {
        let conflicts = match (&file, &existing) {
            (Some(f), _) => f.conflicts(&graph.documents),
            (None, Some(g)) => g.conflicts(&graph),
            (None, None) => Vec::new(),
        };
        if !conflicts.is_empty() {
            return Err(Error::Usage(format!(
                "{} already has {} with other contents; rebuild the graph instead",
                p.display(),
                conflicts.join(", ")
            )));
        }
    }
    let update = match (&file, &records) {
        (Some(f), Some(r)) => f.add(r, &graph),
        _ => None,
    };
    let out = opts.output.or(opts.into);
    let spliced = match (update, out) {
        (Some(update), Some(p)) => splice(p, &update)?,
        _ => None,
    };
    let counts = if let Some(counts) = spliced {
        counts
    } else {
        if let (None, Some(p), Some(b)) = (&existing, opts.into, &bytes) {
            let g = Graph::read_json(b, p)?;
            refuse_corrected(&g, opts.into)?;
            existing = Some(g);
        }
        let graph = match existing {
            Some(mut g) => {
                g.merge_owned(graph);
                g
            }
            None => graph,
        };
        if let Some(p) = out {
            output::write(p, |w| {
                export::write(&graph, format, &export::Options::default(), w)
            })?;
        }
        let counts = Counts::of(&graph);
        // The process ends now: freeing a large graph piece by piece would only
        // delay the exit (a quarter of a second at 100,000 articles).
        std::mem::forget(graph);
        counts
    };
    if !opts.quiet {
        summary(
            &counts,
            added,
            already,
            duplicates,
            skipped,
            undated,
            started.elapsed().as_secs_f64(),
        );
        if let (Some(c), Some(r)) = (&corrections, &corrected) {
            let stale = r.warnings.len();
            eprintln!(
                "  corrections ({}): {} applied{}",
                c.path.display(),
                r.applied,
                if stale > 0 {
                    format!(", {stale} not applied (see the warnings above)")
                } else {
                    String::new()
                }
            );
        }
    }
    Ok(if skipped > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Writes `update` to `path`; what the graph holds, or `None` (nothing written)
/// if the file turns out not to be as `build` writes it.
fn splice(path: &Path, update: &newsgraph::splice::Update) -> Result<Option<Counts>> {
    if path == Path::new("-") {
        // Standard output cannot be taken back: all is placed before any of it
        // is written.
        let Some(placed) = update.place() else {
            return Ok(None);
        };
        output::write(path, |w| update.write_placed(&placed, w))?;
        return Ok(Some(placed.counts().clone()));
    }
    let (mut counts, mut rejected) = (None, false);
    let written = output::write_atomic(path, |w| {
        counts = update.write(&mut *w)?;
        if counts.is_none() {
            // The file begun is deleted.
            rejected = true;
            return Err(std::io::Error::other("not laid out as build writes it"));
        }
        w.flush()
    });
    match written {
        Err(_) if rejected => Ok(None),
        written => written.map(|()| counts),
    }
}

/// Refuses to add articles to a graph file (`--into`) that corrections were
/// made on: the articles' nodes and edges would not be corrected, and naming
/// the nodes again could undo a correction.
fn refuse_corrected(g: &Graph, into: Option<&Path>) -> Result<()> {
    let n = g
        .inner
        .node_weights()
        .filter(|n| !n.corrected.is_empty())
        .count();
    match into {
        Some(p) if n > 0 => Err(Error::Usage(format!(
            "{} was built with corrections ({n} node{} corrected); --into would not keep them: \
             rebuild the graph from all its articles with --corrections",
            p.display(),
            if n == 1 { "" } else { "s" }
        ))),
        _ => Ok(()),
    }
}

/// Prints what was left out and why; with `--strict` (or a failed standard input),
/// any failure is an error.
fn report(out: &newsgraph::build::Outcome, args: &ReadArgs) -> Result<()> {
    let mut err = std::io::stderr().lock();
    for (source, first) in &out.duplicates {
        let _ = writeln!(
            err,
            "note: {}: the same bytes as {first}; left out (its evidence cites {first})",
            shown(source)
        );
    }
    let level = if args.strict { "error" } else { "warning" };
    for (_, e) in &out.failed {
        let _ = writeln!(err, "{level}: skipped {e}");
    }
    let not_utf8 = out
        .failed
        .iter()
        .any(|(_, e)| matches!(e, Error::Input { reason, .. } if reason.starts_with("not UTF-8")));
    if not_utf8 && args.encoding == Encoding::Utf8 {
        let _ = writeln!(
            err,
            "note: --encoding latin1 reads files that are not UTF-8 as Latin-1 (Windows-1252)"
        );
    }
    if args.strict && !out.failed.is_empty() {
        return Err(Error::Usage(format!(
            "--strict: {} input{} could not be read (the build stopped there); nothing written",
            out.failed.len(),
            if out.failed.len() == 1 { "" } else { "s" }
        )));
    }
    if let Some((_, e)) = out.failed.iter().find(|(s, _)| *s == Source::Stdin) {
        return Err(Error::Input {
            path: PathBuf::from(document::STDIN_NAME),
            reason: e.to_string(),
        });
    }
    Ok(())
}

/// A source as messages show it: the path it was read from.
fn shown(source: &Source) -> String {
    match source {
        Source::File { path, .. } => path.display().to_string(),
        Source::Stdin => document::STDIN_NAME.to_string(),
    }
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

fn summary(
    counts: &Counts,
    docs: usize,
    already: usize,
    dups: usize,
    skipped: usize,
    undated: usize,
    secs: f64,
) {
    let (kinds, rels) = (&counts.kinds, &counts.relations);
    let mut err = std::io::stderr().lock();
    let mut notes = Vec::new();
    if already > 0 {
        notes.push(format!("{already} already in the graph"));
    }
    if dups > 0 {
        notes.push(format!(
            "{dups} duplicate{} left out",
            if dups == 1 { "" } else { "s" }
        ));
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
        counts.nodes(),
        counts.edges()
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
    if undated > 0 {
        let _ = writeln!(
            err,
            "  undated: {undated} of {docs} document{} (no date from front matter, --dates, a dateline or --date; left out under --as-of)",
            if docs == 1 { "" } else { "s" }
        );
    }
}
