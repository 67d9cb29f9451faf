//! The command line: argument types, and dispatch to one module per subcommand.

mod build;
mod export;
mod merge;
mod output;
mod progress;
mod query;
pub mod style;
mod time;

use clap::{Parser, Subcommand};
use newsgraph::Result;
use std::path::PathBuf;
use std::process::ExitCode;

/// Turn news articles into a knowledge graph with evidence.
#[derive(Parser, Debug)]
#[command(name = "newsgraph", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Colour: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, global = true, value_enum, default_value_t = style::Color::Auto, value_name = "WHEN")]
    color: style::Color,
    /// Wait until each file written is on disk before finishing (fsync), so that it
    /// survives a power failure. Without it a failed run still never leaves a
    /// half-written file (each is written beside it, then renamed into place), but
    /// the disk writes it after newsgraph ends, and a power failure before then
    /// can lose it.
    #[arg(long, global = true)]
    sync: bool,
}

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
        /// json, dot, graphml, cytoscape, graphology, html, turtle or ntriples
        /// [default: from the -o extension].
        #[arg(short, long, value_name = "FORMAT")]
        format: Option<newsgraph::export::Format>,
        /// Where to write; - (the default) for standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// DOT only: group nodes into clusters by kind or by (first) document.
        #[arg(long, value_name = "kind|doc")]
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

/// Runs the command line.
pub fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    style::init(cli.color);
    output::set_sync(cli.sync);
    match cli.command {
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut cmd = Cli::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cmd, "newsgraph", &mut script);
            output::write(std::path::Path::new("-"), |w| w.write_all(&script))?;
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
