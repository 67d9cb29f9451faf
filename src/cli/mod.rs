//! The command line: argument types, and dispatch to one module per subcommand.

mod build;
mod export;
mod hint;
mod load;
mod merge;
mod output;
mod progress;
mod query;
mod stdout;
pub mod style;
mod time;
mod values;

use clap::{Parser, Subcommand};
use newsgraph::Result;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Turn news articles into a knowledge graph with evidence.
#[derive(Parser, Debug)]
#[command(name = "newsgraph", version, about, after_long_help = SYNC)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Colour: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, global = true, value_enum, default_value_t = style::Color::Auto, value_name = "WHEN", hide_possible_values = true)]
    color: style::Color,
    /// Wait until each file written is on disk (see `newsgraph help`).
    #[arg(long, global = true)]
    sync: bool,
}

/// The long description of `--sync`, given once (in `newsgraph --help`).
const SYNC: &str = "Files written: a failed run never leaves a half-written file (each is \
written beside it, then renamed into place). The disk writes it after newsgraph ends, so \
a power failure right after a run can lose it; with --sync, newsgraph waits until each \
file written is on disk (fsync) before it finishes.";

#[derive(Subcommand, Debug)]
enum Command {
    /// Print a shell completion script.
    ///
    /// Example: newsgraph completions bash > /etc/bash_completion.d/newsgraph
    ///          newsgraph completions zsh > "${fpath[1]}/_newsgraph"
    ///          newsgraph completions fish > ~/.config/fish/completions/newsgraph.fish
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Build a graph from articles (files, directories, or - for stdin).
    ///
    /// With no INPUT, builds the example corpus bundled into the binary.
    ///
    /// Example: newsgraph build articles/ -o graph.json
    Build {
        /// Files or directories (read recursively: .txt, .md), or - for standard input.
        inputs: Vec<PathBuf>,
        /// Where to write the graph [default: graph.json in the current folder, or the
        /// --into file]. The extension picks the format: .json (the graph file), .dot or
        /// .gv, .graphml, .html or .htm, .ttl, .nt, .cyjs or .cytoscape.json,
        /// .graphology.json; - for standard output (JSON).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Extra lexicon files (TOML, same format as data/lexicon.toml).
        #[arg(long)]
        lexicon: Vec<PathBuf>,
        /// Extra rule files (TOML, same format as data/rules.toml), run after the built-in rules.
        #[arg(long)]
        rules: Vec<PathBuf>,
        /// Add the articles to this graph file (written back unless -o is given);
        /// articles it already has (same contents) are not added again.
        #[arg(long, value_name = "FILE")]
        into: Option<PathBuf>,
        /// Corrections to make to the graph (TOML: [[drop_edge]], [[merge]],
        /// [[keep_apart]], [[remove_alias]], [[rename]], each with a reason; see
        /// examples/corrections.toml). Not with --into.
        #[arg(long, value_name = "FILE")]
        corrections: Option<PathBuf>,
        /// Print no summary and no progress bar.
        #[arg(short, long)]
        quiet: bool,
        /// Read the documents from standard input as JSON lines, one
        /// {"name": NAME, "text": TEXT} a line ("base64" instead of "text" for bytes
        /// that are not UTF-8); NAME is what a file's name would be (its path under
        /// the input folder). Used by contrib/spark.
        #[arg(long, conflicts_with = "inputs")]
        stdin_jsonl: bool,
        #[command(flatten)]
        read: build::ReadArgs,
    },
    /// How two things are linked: the shortest path, each hop with its evidence.
    ///
    /// Names are node ids, labels or aliases, or a part of a name ("Hegseth");
    /// an ambiguous name is reported with its candidates (choose with --pick).
    /// Exit status: 0 a path was found, 1 none was, 2 unknown name or bad input.
    ///
    /// Example: newsgraph path NCG Yoon --graph graph.json
    Path(query::PathArgs),
    /// Everything about one node: kind, aliases, documents, edges with evidence.
    ///
    /// Example: newsgraph show "Cho Chang-rae" --graph graph.json
    Show {
        /// A name, alias or node id.
        name: String,
        #[command(flatten)]
        common: query::Common,
    },
    /// The subgraph around a node: nodes within --depth hops, edges among them.
    ///
    /// Example: newsgraph neighbors NCG --depth 2 --graph graph.json
    Neighbors {
        /// A name, alias or node id.
        name: String,
        /// Hops from the node (ignoring edge direction).
        #[arg(long, default_value_t = 1, value_name = "N")]
        depth: usize,
        #[command(flatten)]
        common: query::Common,
    },
    /// The rounds of a meeting series in date order: ordinal, date, place, heads
    /// of delegation, documents; planned rounds marked, rounds with no date last.
    ///
    /// SERIES is the series' name, alias or id, or one of its rounds.
    /// Exit status: 0 rounds were found, 1 none, 2 unknown name or bad input.
    ///
    /// Example: newsgraph timeline KIDD --graph graph.json --as-of 2025-01-01
    Timeline {
        /// The series: a name, alias or node id.
        series: String,
        #[command(flatten)]
        common: query::Common,
    },
    /// The holders of an office in order of tenure, each with the first and last
    /// day a document reported the holding, acting or former, and the evidence.
    ///
    /// Example: newsgraph history "Minister of National Defense" --graph graph.json
    History {
        /// The office: a name, alias or node id.
        office: String,
        #[command(flatten)]
        common: query::Common,
    },
    /// List the nodes whose name holds a piece of text (label or alias, without
    /// case or punctuation), of a kind, in a document: label, kind, documents, edges.
    ///
    /// Example: newsgraph find kim --kind person
    ///          newsgraph find --kind meeting --doc 2024
    Find(time::FindArgs),
    /// Counts per kind and relation, the most connected nodes, components.
    ///
    /// Example: newsgraph stats --graph graph.json --format json
    Stats {
        /// Graph file written by `newsgraph build` (default: the bundled example corpus).
        #[arg(long, value_name = "FILE")]
        graph: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = query::Format::Text)]
        format: query::Format,
        /// How many of the most connected nodes to list.
        #[arg(long, default_value_t = 10, value_name = "N")]
        top: usize,
        /// Count the graph as it stood on this day (YYYY-MM-DD), as queries do.
        #[arg(long, value_name = "DATE", value_parser = build::parse_date)]
        as_of: Option<chrono::NaiveDate>,
    },
    /// Write a graph in another format: DOT, GraphML, node-link JSON, Cytoscape.js,
    /// graphology, HTML, or RDF (Turtle, N-Triples).
    ///
    /// Without --graph, exports the graph of the bundled example corpus.
    ///
    /// Example: newsgraph export --graph graph.json --format dot -o graph.dot
    Export {
        /// The graph file to read (node-link JSON written by build); - for standard input.
        #[arg(long, value_name = "FILE")]
        graph: Option<PathBuf>,
        /// The format [default: from the -o extension].
        #[arg(short, long, value_name = "FORMAT", value_parser = values::export_format())]
        format: Option<newsgraph::export::Format>,
        /// Where to write; - (the default) for standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// DOT only: group nodes into clusters by kind or by (first) document.
        #[arg(long, value_name = "GROUP", value_parser = values::cluster_by())]
        cluster_by: Option<newsgraph::export::ClusterBy>,
        /// Turtle and N-Triples only: the IRI nodes, documents and statements are named
        /// under [default: urn:newsgraph:].
        #[arg(long, value_name = "IRI")]
        base_iri: Option<String>,
        /// Write the graph as it stood on this day (YYYY-MM-DD): facts reported by
        /// then, qualifiers as known then (as queries do).
        #[arg(long, value_name = "DATE", value_parser = build::parse_date)]
        as_of: Option<chrono::NaiveDate>,
    },
    /// Merge graph files into one, as if built from all their articles at once.
    ///
    /// Example: newsgraph merge a.json b.json -o all.json
    Merge {
        /// Graph files written by `newsgraph build` or `newsgraph merge`.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Where to write the merged graph; - for standard output.
        #[arg(short, long)]
        output: PathBuf,
    },
}

/// Runs the command line: parses it, runs the command, and reports an error
/// with a hint that fits it (exit status 2).
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    style::init(cli.color);
    let cx = cli.command.context();
    run(cli).unwrap_or_else(|err| {
        // (Not `eprintln!`: a closed standard error is no reason to panic.)
        let mut e = std::io::stderr().lock();
        let _ = writeln!(e, "{} {err}", style::err("1;31", "error:"));
        if let Some(hint) = hint::hint(&err, &cx) {
            let _ = writeln!(e, "{} {hint}", style::err("1;36", "hint:"));
        }
        ExitCode::from(2)
    })
}

impl Command {
    /// What each path of the command line is, for the hints of errors.
    fn context(&self) -> hint::Context {
        use hint::Role;
        let mut cx = hint::Context::default();
        let graph = |cx: &mut hint::Context, p: &Option<PathBuf>| {
            if let Some(p) = p {
                cx.add(p, Role::Graph("--graph"));
            }
        };
        match self {
            Command::Completions { .. } => {}
            Command::Build {
                inputs,
                output,
                lexicon,
                rules,
                into,
                corrections,
                stdin_jsonl,
                read,
                ..
            } => {
                cx.add_all(inputs, Role::Input)
                    .add_all(lexicon, Role::Settings("--lexicon"))
                    .add_all(rules, Role::Settings("--rules"));
                let settings = [(corrections, "--corrections"), (&read.dates, "--dates")];
                for (p, opt) in settings {
                    if let Some(p) = p {
                        cx.add(p, Role::Settings(opt));
                    }
                }
                if let Some(p) = into {
                    cx.add(p, Role::Graph("--into"));
                }
                if let Some(p) = output {
                    cx.add(p, Role::Output);
                }
                if *stdin_jsonl {
                    cx.jsonl();
                }
            }
            Command::Merge { inputs, output } => {
                cx.add_all(inputs, Role::Graph("merge"))
                    .add(output, Role::Output);
            }
            Command::Path(a) => graph(&mut cx, &a.common.graph),
            Command::Show { common, .. }
            | Command::Neighbors { common, .. }
            | Command::Timeline { common, .. }
            | Command::History { common, .. } => graph(&mut cx, &common.graph),
            Command::Find(a) => graph(&mut cx, &a.graph),
            Command::Stats { graph: g, .. } => graph(&mut cx, g),
            Command::Export {
                graph: g, output, ..
            } => {
                graph(&mut cx, g);
                if let Some(p) = output {
                    cx.add(p, Role::Output);
                }
            }
        }
        cx
    }
}

/// Runs a command.
fn run(cli: Cli) -> Result<ExitCode> {
    output::set_sync(cli.sync);
    match cli.command {
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut cmd = Cli::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cmd, "newsgraph", &mut script);
            stdout::write(|w| w.write_all(&script))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Build {
            inputs,
            output,
            lexicon,
            rules,
            into,
            corrections,
            quiet,
            stdin_jsonl,
            read,
        } => build::run(&build::Options {
            inputs: &inputs,
            output: output.as_deref(),
            into: into.as_deref(),
            corrections: corrections.as_deref(),
            lexicon: &lexicon,
            rules: &rules,
            quiet,
            stdin_jsonl,
            read: &read,
        }),
        Command::Merge { inputs, output } => merge::run(&inputs, &output),
        Command::Path(args) => query::path(&args),
        Command::Show { name, common } => query::show(&name, &common),
        Command::Neighbors {
            name,
            depth,
            common,
        } => query::neighbors(&name, depth, &common),
        Command::Timeline { series, common } => time::timeline(&series, &common),
        Command::History { office, common } => time::history(&office, &common),
        Command::Find(args) => time::find(&args),
        Command::Stats {
            graph,
            format,
            top,
            as_of,
        } => query::stats(graph.as_deref(), format, top, as_of),
        Command::Export {
            graph,
            format,
            output,
            cluster_by,
            base_iri,
            as_of,
        } => export::run(
            graph.as_deref(),
            format,
            output.as_deref(),
            cluster_by,
            base_iri,
            as_of,
        ),
    }
}
