//! Library use without the CLI: build the bundled example corpus and write it as
//! Graphviz DOT to standard output.
//!
//! Run: `cargo run --example export | dot -Tsvg > example.svg`

use newsgraph::document::Document;
use newsgraph::export::{self, ClusterBy, Format, Options};
use newsgraph::lexicon::Lexicon;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let lexicon = Lexicon::builtin()?;
    let docs = newsgraph::corpus::EXAMPLE
        .iter()
        .map(|(name, text)| Document::parse(name, text.as_bytes()))
        .collect::<Result<Vec<_>, _>>()?;
    let graph = newsgraph::build::build(docs, &lexicon);
    let opts = Options {
        cluster_by: Some(ClusterBy::Kind),
        ..Options::default()
    };
    let stdout = std::io::stdout();
    export::write(&graph, Format::Dot, &opts, &mut stdout.lock())?;
    Ok(())
}
