//! The command line: argument types, and dispatch to one module per subcommand.

mod build;
mod merge;
mod output;
mod progress;

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
        /// Where to write the graph (node-link JSON); - for standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Extra lexicon files (TOML, same format as data/lexicon.toml).
        #[arg(long)]
        lexicon: Vec<PathBuf>,
        /// Add the articles to this graph file (written back unless -o is given);
        /// articles it already has (same contents) are not added again.
        #[arg(long, value_name = "FILE")]
        into: Option<PathBuf>,
        /// Print no summary and no progress bar.
        #[arg(short, long)]
        quiet: bool,
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
    match cli.command {
        Command::Build {
            inputs,
            output,
            lexicon,
            into,
            quiet,
        } => build::run(&build::Options {
            inputs: &inputs,
            output: output.as_deref(),
            into: into.as_deref(),
            lexicon: &lexicon,
            quiet,
        }),
        Command::Merge { inputs, output } => merge::run(&inputs, &output),
    }
}
