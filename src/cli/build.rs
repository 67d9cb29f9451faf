//! `newsgraph build`: read articles, extract, resolve, write the graph; with
//! `--into`, add the articles to an existing graph file.

use super::{output, progress};
use newsgraph::bytes::Bytes;
use newsgraph::corrections::Corrections;
use newsgraph::document::{self, Encoding, Limits, Source};
use newsgraph::export::{self, Format};
use newsgraph::graph::Graph;
use newsgraph::graphfile::update::Records;
use newsgraph::graphfile::{Counts, GraphFile};
use newsgraph::lexicon::Lexicon;
use newsgraph::ontology::{EntityKind, Relation};
use newsgraph::query::text::count;
use newsgraph::{Error, Result};
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
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
    newsgraph::dates::anchor(s)
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

/// Where `build` writes the graph when given neither `-o` nor `--into`.
pub const DEFAULT_OUTPUT: &str = "graph.json";

pub fn run(opts: &Options) -> Result<ExitCode> {
    let started = Instant::now();
    let (format, corrections) = check(opts)?;
    let bytes = opts.into.map(Bytes::open).transpose()?;
    // The input folders are walked while the lexicon is compiled.
    let (lex, sources) = rayon::join(
        || Lexicon::with_files(opts.lexicon).and_then(|l| l.with_rules(opts.rules)),
        || (!opts.stdin_jsonl && !opts.inputs.is_empty()).then(|| document::discover(opts.inputs)),
    );
    let lex = lex?;
    let base = Base::open(opts.into, bytes.as_deref())?;
    let known = base.hashes();
    // The new articles are built while the file's records are indexed.
    let (records, built) = rayon::join(
        || base.records(format),
        || build_new(opts, &lex, &known, corrections.clone(), sources),
    );
    let mut new = built?;
    let corrected = corrections.as_ref().map(|c| {
        let report = c.apply(&mut new.graph);
        for w in &report.warnings {
            eprintln!("{} {w}", super::style::err("1;33", "warning:"));
        }
        report
    });
    let undated = undated(&new.graph);
    base.refuse_conflicts(&new.graph)?;
    let out = opts
        .output
        .or(opts.into)
        .unwrap_or(Path::new(DEFAULT_OUTPUT));
    let counts = write(base, records.as_ref(), new.graph, out, format)?;
    if !opts.quiet {
        summary(&counts, &new.read, undated, started.elapsed().as_secs_f64());
        if opts.output.is_none() && opts.into.is_none() {
            eprintln!("  written to {DEFAULT_OUTPUT} (-o FILE writes elsewhere)");
        }
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
    Ok(if new.read.skipped > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Refuses what `build` cannot do before any work: an unknown output format,
/// corrections with `--into`, inputs with `--stdin-jsonl`, a bad corrections
/// file. The format to write and the corrections read.
fn check(opts: &Options) -> Result<(Format, Option<Arc<Corrections>>)> {
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
    if opts.stdin_jsonl && !opts.inputs.is_empty() {
        return Err(Error::Usage(
            "--stdin-jsonl reads standard input: give no INPUT with it".into(),
        ));
    }
    let corrections = opts.corrections.map(Corrections::read).transpose()?;
    Ok((format.unwrap_or(Format::Json), corrections.map(Arc::new)))
}

/// The graph file `--into` adds to: as `build` writes it (its new records go
/// among its own, see `newsgraph::graphfile::update`), or read whole.
struct Base<'b> {
    /// The file's path and bytes; none without `--into`.
    source: Option<(&'b Path, &'b [u8])>,
    /// The file, when laid out as `build` writes it.
    file: Option<GraphFile<'b>>,
    /// The file read whole, when it is not.
    graph: Option<Graph>,
}

impl<'b> Base<'b> {
    fn open(path: Option<&'b Path>, bytes: Option<&'b [u8]>) -> Result<Base<'b>> {
        let source = path.zip(bytes);
        let file = bytes.and_then(GraphFile::open);
        let graph = match source {
            Some((p, b)) if file.is_none() => {
                let g = Graph::read_json(b, p)?;
                refuse_corrected(&g, p)?;
                Some(g)
            }
            _ => None,
        };
        Ok(Base {
            source,
            file,
            graph,
        })
    }

    /// The content hashes of the documents the file has.
    fn hashes(&self) -> HashSet<String> {
        match (&self.file, &self.graph) {
            (Some(f), _) => f.hashes().map(str::to_string).collect(),
            (None, Some(g)) => g
                .documents
                .values()
                .filter_map(|d| d.hash.clone())
                .collect(),
            (None, None) => HashSet::new(),
        }
    }

    /// The file's records, indexed, when the graph is to be written as graph JSON.
    fn records(&self, format: Format) -> Option<Records<'b>> {
        self.file
            .as_ref()
            .filter(|_| format == Format::Json)
            .and_then(GraphFile::records)
    }

    /// Refuses new documents that the file has under the same name with other
    /// contents.
    fn refuse_conflicts(&self, new: &Graph) -> Result<()> {
        let conflicts = match (&self.file, &self.graph) {
            (Some(f), _) => f.conflicts(&new.documents),
            (None, Some(g)) => g.conflicts(new),
            (None, None) => Vec::new(),
        };
        match self.source {
            Some((p, _)) if !conflicts.is_empty() => Err(Error::Usage(format!(
                "{} already has {} with other contents; rebuild the graph instead",
                p.display(),
                conflicts.join(", ")
            ))),
            _ => Ok(()),
        }
    }

    /// The file's graph with `new` merged in (just `new` without `--into`).
    fn merged(self, new: Graph) -> Result<Graph> {
        let graph = match (self.graph, self.source) {
            (Some(g), _) => Some(g),
            (None, Some((p, b))) => {
                let g = Graph::read_json(b, p)?;
                refuse_corrected(&g, p)?;
                Some(g)
            }
            (None, None) => None,
        };
        Ok(match graph {
            Some(mut g) => {
                newsgraph::resolve::merge_owned(&mut g, new);
                g
            }
            None => new,
        })
    }
}

/// Writes the graph to `out`: the new records spliced into the file's where it
/// can, the merged graph otherwise. What the graph holds.
fn write(
    base: Base,
    records: Option<&Records>,
    new: Graph,
    out: &Path,
    format: Format,
) -> Result<Counts> {
    let update = match (&base.file, records) {
        (Some(f), Some(r)) => f.add(r, &new),
        _ => None,
    };
    if let Some(update) = update
        && let Some(counts) = splice(out, &update)?
    {
        return Ok(counts);
    }
    let graph = base.merged(new)?;
    output::write(out, |w| export::write_output(&graph, format, w))?;
    let counts = Counts::of(&graph);
    // The process ends now: freeing a large graph piece by piece would only
    // delay the exit (a quarter of a second at 100,000 articles).
    std::mem::forget(graph);
    Ok(counts)
}

/// The new articles' graph, and what became of the inputs.
struct New {
    graph: Graph,
    read: Read,
}

/// What became of the inputs: read and added, already in the graph, left out
/// as copies of another, skipped (unreadable).
struct Read {
    added: usize,
    already: usize,
    duplicates: usize,
    skipped: usize,
}

impl New {
    fn of<S>(out: newsgraph::build::Outcome<S>) -> New {
        New {
            read: Read {
                added: out.added,
                already: out.known,
                duplicates: out.duplicates.len(),
                skipped: out.failed.len(),
            },
            graph: out.graph,
        }
    }
}

/// Builds the graph of the new articles (those whose content hash is not
/// `known`): from standard input's JSON lines, the inputs, or the bundled corpus.
fn build_new(
    opts: &Options,
    lex: &Lexicon,
    known: &HashSet<String>,
    corrections: Option<Arc<Corrections>>,
    sources: Option<Result<Vec<Source>>>,
) -> Result<New> {
    match sources {
        Some(sources) => build_files(opts, lex, known, corrections, sources?),
        None if opts.stdin_jsonl => build_jsonl(opts, lex, known, corrections),
        None => build_example(lex, known, corrections.as_deref()),
    }
}

/// `--stdin-jsonl`: the documents of standard input's JSON lines.
fn build_jsonl(
    opts: &Options,
    lex: &Lexicon,
    known: &HashSet<String>,
    corrections: Option<Arc<Corrections>>,
) -> Result<New> {
    let docs = newsgraph::jsonl::read(std::io::stdin().lock(), document::STDIN_NAME)?;
    let mut read = opts.read.options()?;
    read.corrections = corrections;
    let out = newsgraph::build::build_named_with(docs, lex, known, &read);
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
    Ok(New::of(out))
}

/// No input: the bundled example corpus.
fn build_example(
    lex: &Lexicon,
    known: &HashSet<String>,
    corrections: Option<&Corrections>,
) -> Result<New> {
    let texts: Vec<(&str, &str)> = newsgraph::corpus::EXAMPLE
        .iter()
        .filter(|(_, text)| !known.contains(&newsgraph::build::content_hash(text.as_bytes())))
        .copied()
        .collect();
    let already = newsgraph::corpus::EXAMPLE.len() - texts.len();
    let graph = newsgraph::build::build_texts_apart(&texts, lex, corrections)?;
    Ok(New {
        graph,
        read: Read {
            added: texts.len(),
            already,
            duplicates: 0,
            skipped: 0,
        },
    })
}

/// The files of the folders given (`sources`, walked while the lexicon was
/// compiled), with a progress bar.
fn build_files(
    opts: &Options,
    lex: &Lexicon,
    known: &HashSet<String>,
    corrections: Option<Arc<Corrections>>,
    sources: Vec<Source>,
) -> Result<New> {
    let mut read = opts.read.options()?;
    read.corrections = corrections;
    if let (Some(dates), Some(path)) = (&read.dates, &opts.read.dates) {
        warn_stray_dates(dates, path, &sources);
    }
    let bar = progress::Bar::new(&sources, opts.quiet);
    let out = newsgraph::build::build_sources_with(sources, lex, known, &read, &|n| bar.add(n));
    bar.finish();
    report(&out, opts.read)?;
    if out.added == 0 && out.known == 0 && out.duplicates.is_empty() {
        return Err(Error::Usage(match out.failed.len() {
            1 => "the input could not be read (see above); nothing written".into(),
            n => format!("none of the {n} inputs could be read (see above); nothing written"),
        }));
    }
    Ok(New::of(out))
}

/// Warns of the names of a `--dates` file that no input has.
fn warn_stray_dates(dates: &document::DatesFile, path: &Path, sources: &[Source]) {
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

/// How many of the documents nothing dates.
fn undated(graph: &Graph) -> usize {
    graph
        .documents
        .values()
        .filter(|d| {
            d.date
                .as_deref()
                .and_then(newsgraph::dates::anchor)
                .is_none()
        })
        .count()
}

/// Writes `update` to `path`; what the graph holds, or `None` (nothing written)
/// if the file turns out not to be as `build` writes it.
fn splice(path: &Path, update: &newsgraph::graphfile::Update) -> Result<Option<Counts>> {
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
fn refuse_corrected(g: &Graph, into: &Path) -> Result<()> {
    let n = g
        .inner
        .node_weights()
        .filter(|n| !n.corrected.is_empty())
        .count();
    if n == 0 {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "{} was built with corrections ({n} node{} corrected); --into would not keep them: \
         rebuild the graph from all its articles with --corrections",
        into.display(),
        if n == 1 { "" } else { "s" }
    )))
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
            reason: match e {
                Error::Input { reason, .. } => reason.clone(),
                e => e.to_string(),
            },
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

/// The summary on standard error: what was read, the graph's nodes and edges by
/// kind, the documents nothing dates.
fn summary(counts: &Counts, read: &Read, undated: usize, secs: f64) {
    let Read {
        added: docs,
        already,
        duplicates: dups,
        skipped,
    } = *read;
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
        "{} read{}, {}, {} in {secs:.3} s",
        count(docs, "document"),
        if notes.is_empty() {
            String::new()
        } else {
            format!(" ({})", notes.join(", "))
        },
        count(counts.nodes(), "node"),
        count(counts.edges(), "edge")
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
