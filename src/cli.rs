//! Command-line types and the code that turns them into library calls and output.

use clap::{Parser, Subcommand};
use newsgraph::document::{self, Document, Source};
use newsgraph::graph::Graph;
use newsgraph::lexicon::Lexicon;
use newsgraph::ontology::{EntityKind, Relation};
use newsgraph::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Turn news articles into a knowledge graph with evidence.
#[derive(Parser, Debug)]
#[command(name = "newsgraph", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Build a graph from articles (files, directories, or - for stdin).
    ///
    /// With no INPUT, builds the example corpus bundled into the binary.
    ///
    /// Example: newsgraph build articles/ -o graph.json
    Build {
        /// Files or directories (read recursively: .txt, .md), or - for standard input.
        inputs: Vec<PathBuf>,
        /// Where to write the graph (node-link JSON); - for standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Extra lexicon files (TOML, same format as data/lexicon.toml).
        #[arg(long)]
        lexicon: Vec<PathBuf>,
        /// Print no summary.
        #[arg(short, long)]
        quiet: bool,
    },
}

/// Runs the command line.
pub fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            inputs,
            output,
            lexicon,
            quiet,
        } => build(&inputs, output.as_deref(), &lexicon, quiet),
    }
}

fn build(
    inputs: &[PathBuf],
    output: Option<&Path>,
    lexicon: &[PathBuf],
    quiet: bool,
) -> Result<ExitCode> {
    let started = Instant::now();
    let lex = Lexicon::with_files(lexicon)?;
    let mut docs = Vec::new();
    let mut skipped = 0usize;
    if inputs.is_empty() {
        for (name, text) in newsgraph::corpus::EXAMPLE {
            docs.push(Document::parse(name, text.as_bytes())?);
        }
    } else {
        for source in document::discover(inputs)? {
            match document::read(&source) {
                Ok(d) => docs.push(d),
                Err(e) => {
                    eprintln!("warning: skipped {e}");
                    skipped += 1;
                    if let Source::Stdin = source {
                        return Err(e);
                    }
                }
            }
        }
    }
    let n_docs = docs.len();
    let graph = newsgraph::build::build(docs, &lex);
    match output {
        Some(p) if p == Path::new("-") => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            graph
                .write_json(&mut lock)
                .map_err(|e| Error::io("<stdout>", e))?;
            lock.flush().map_err(|e| Error::io("<stdout>", e))?;
        }
        Some(p) => write_atomic(p, |w| graph.write_json(w))?,
        None => {}
    }
    if !quiet {
        summary(&graph, n_docs, skipped, started.elapsed().as_secs_f64());
    }
    Ok(if skipped > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn summary(g: &Graph, docs: usize, skipped: usize, secs: f64) {
    let kinds = g.count_kinds();
    let rels = g.count_relations();
    let mut err = std::io::stderr().lock();
    let _ = writeln!(
        err,
        "{docs} document{} read{}, {} nodes, {} edges in {secs:.3} s",
        if docs == 1 { "" } else { "s" },
        if skipped > 0 {
            format!(" ({skipped} skipped)")
        } else {
            String::new()
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

/// Writes a file through a temporary file in the same folder, renamed into place,
/// so a failed run leaves the previous file as it was.
fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::io::Result<()>,
) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp{}", std::process::id()));
    let result = (|| {
        let file = std::fs::File::create(&tmp)?;
        let mut w = std::io::BufWriter::new(file);
        write(&mut w)?;
        let file = w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    Ok(())
}
