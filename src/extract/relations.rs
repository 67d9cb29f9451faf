//! (in progress)

use super::Findings;
use crate::document::Document;
use crate::lexicon::Lexicon;

/// Runs this extractor.
pub fn run(doc: &Document, lex: &Lexicon, f: &mut Findings) {
    let _ = (doc, lex, f);
}
