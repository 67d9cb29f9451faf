//! Asking a graph from the library: build the bundled example corpus, look a name
//! up (with its ambiguity), and print how two things are linked.
//!
//! Run: cargo run --example query -- NCG Biden

use newsgraph::document::Document;
use newsgraph::lexicon::Lexicon;
use newsgraph::query::PathOptions;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (from, to) = match args.as_slice() {
        [a, b] => (a.as_str(), b.as_str()),
        _ => ("NCG", "Biden"),
    };
    let lex = Lexicon::builtin()?;
    let docs = newsgraph::corpus::EXAMPLE
        .iter()
        .map(|(name, text)| Document::parse(name, text.as_bytes()))
        .collect::<Result<Vec<_>, _>>()?;
    let graph = newsgraph::build::build(docs, &lex);

    // Which node does each name mean?
    for name in [from, to] {
        let l = graph.lookup(name)?;
        println!(
            "{name:?} means {} ({} candidate(s))",
            l.id,
            l.candidates.len()
        );
    }

    // The shortest path, countries avoided unless nothing else links the two.
    let answer = graph.path(from, to, &PathOptions::default())?;
    for path in &answer.paths {
        for hop in &path.hops {
            let e = &hop.edges[0];
            let (l, r) = if e.forward {
                ("─", "→")
            } else {
                ("←", "─")
            };
            println!("{} {l}{}{r} {}", hop.from_label, e.relation, hop.to_label);
            if let Some(ev) = e.evidence.first() {
                println!("    {} ({})", ev.sentence, ev.doc);
            }
        }
    }
    Ok(())
}
