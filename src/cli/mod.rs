//! The command line: argument types, and dispatch to one module per subcommand.

mod build;
mod export;
mod output;

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
        /// Where to write the graph; the extension picks the format (.json, .dot, .graphml,
        /// .cytoscape.json, .graphology.json); - for standard output (JSON).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Extra lexicon files (TOML, same format as data/lexicon.toml).
        #[arg(long)]
        lexicon: Vec<PathBuf>,
        /// Print no summary.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Write a graph in another format: DOT, GraphML, node-link JSON, Cytoscape.js or graphology.
    ///
    /// Without --graph, exports the graph of the bundled example corpus.
    ///
    /// Example: newsgraph export --graph graph.json --format dot -o graph.dot
    Export {
        /// The graph file to read (node-link JSON written by build); - for standard input.
        #[arg(long, value_name = "FILE")]
        graph: Option<PathBuf>,
        /// json, dot, graphml, cytoscape or graphology [default: from the -o extension].
        #[arg(short, long, value_name = "FORMAT")]
        format: Option<newsgraph::export::Format>,
        /// Where to write; - (the default) for standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// DOT only: group nodes into clusters by kind or by (first) document.
        #[arg(long, value_name = "kind|doc")]
        cluster_by: Option<newsgraph::export::ClusterBy>,
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
        } => build::run(&inputs, output.as_deref(), &lexicon, quiet),
        Command::Export {
            graph,
            format,
            output,
            cluster_by,
        } => export::run(graph.as_deref(), format, output.as_deref(), cluster_by),
    }
}
