//! The command line: argument types, and dispatch to one module per subcommand.

mod build;
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
        } => build::run(&inputs, output.as_deref(), &lexicon, quiet),
    }
}
