//! Countries, places, organizations, meeting series, agreements and topics known
//! to the lexicon, found by name or alias anywhere in the text.

use super::Findings;
use crate::document::Document;
use crate::lexicon::Lexicon;

/// Adds a mention for every lexicon match in the document.
pub fn run(doc: &Document, lex: &Lexicon, f: &mut Findings) {
    for hit in lex.scan(&doc.text) {
        let e = f.lex_entity(lex, hit.entry);
        f.mention(doc, e, hit.start, hit.end);
    }
}
