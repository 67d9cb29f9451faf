//! The whole path from documents to a graph: extraction of each document in
//! parallel, then resolution across the corpus.

use crate::document::Document;
use crate::extract;
use crate::graph::Graph;
use crate::lexicon::Lexicon;
use crate::resolve;
use rayon::prelude::*;

/// Builds the graph of `docs` (any order: the result is the same).
pub fn build(mut docs: Vec<Document>, lex: &Lexicon) -> Graph {
    docs.sort_by(|a, b| a.name.cmp(&b.name));
    docs.dedup_by(|a, b| a.name == b.name);
    let found: Vec<_> = docs
        .into_par_iter()
        .map(|d| {
            let f = extract::extract(&d, lex);
            (d, f)
        })
        .collect();
    resolve::build(&found)
}
