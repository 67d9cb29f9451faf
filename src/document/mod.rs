//! Documents: finding input files, decoding and normalising their text, reading
//! metadata (front matter or a `# source:` line) and splitting sentences with byte
//! offsets. Knows nothing of entities.
//!
//! The pipeline for one document is: bytes → [decode](Document::parse) (UTF-8, UTF-8
//! with a BOM, UTF-16 with a BOM; binary is refused, other encodings too unless
//! [`Encoding::Latin1`] is asked for) → normalise
//! (line ends, quotes, dashes, spaces, invisible characters) → strip metadata → split
//! sentences. Every offset ([`Span`]) points into the final [`Document::text`].
//!
//! Everything here is a single forward pass over the text (plus short, bounded
//! look-behinds), so it stays linear on large corpora.

mod dateline;
mod dates_file;
mod decode;
mod metadata;
mod normalise;
mod read;
mod sentences;
mod walk;

pub use dateline::{Dateline, end_in as dateline_end};
pub use dates_file::DatesFile;
pub use decode::{Encoding, decode_latin1};
pub use metadata::{DateFrom, GivenDate, Meta};
pub use read::{parse_source, parse_source_as, read, read_bytes, read_with};
pub use walk::{STDIN_NAME, Source, discover};

use crate::error::{Error, Result};
use std::path::Path;

/// A byte range `[start, end)` into a document's `text`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// Size limits applied while reading and splitting documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Larger documents are refused with [`Error::Input`]. Default 64 MiB.
    pub max_document_bytes: usize,
    /// Longer "sentences" (tables, run-on text without punctuation) are cut into
    /// pieces of at most this many bytes, at whitespace where possible. Default
    /// 64 KiB; values below 8 are treated as 8.
    pub max_sentence_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_document_bytes: 64 * 1024 * 1024,
            max_sentence_bytes: 64 * 1024,
        }
    }
}

/// One article, normalised, with its sentences.
#[derive(Clone, Debug)]
pub struct Document {
    /// The name evidence refers to: the path relative to the input root, with `/`.
    pub name: String,
    /// Metadata, not part of `text`.
    pub meta: Meta,
    /// The normalised body text; every offset in the graph points into it.
    pub text: String,
    /// Sentences in order, trimmed, as byte ranges into `text`.
    pub sentences: Vec<Span>,
}

impl Document {
    /// Decodes, normalises and splits `bytes`; `name` is used in messages and evidence.
    /// Uses the default [`Limits`].
    pub fn parse(name: &str, bytes: &[u8]) -> Result<Document> {
        Document::parse_with(name, bytes, &Limits::default())
    }

    /// Like [`Document::parse`], with explicit limits.
    ///
    /// Accepts UTF-8 (a leading BOM is dropped) and UTF-16 LE/BE with a BOM. A NUL
    /// byte in the first 8 KiB means a binary file; other invalid UTF-8 is refused
    /// with the offset of the first bad byte (see [`decode_latin1`] and
    /// [`Document::from_text`] for Latin-1 input).
    pub fn parse_with(name: &str, bytes: &[u8], limits: &Limits) -> Result<Document> {
        Document::parse_as(name, bytes, limits, Encoding::Utf8)
    }

    /// Like [`Document::parse_with`]; with [`Encoding::Latin1`], bytes that are not
    /// UTF-8 (nor UTF-16 with a BOM, nor binary) are read as Latin-1 instead of refused.
    pub fn parse_as(
        name: &str,
        bytes: &[u8],
        limits: &Limits,
        encoding: Encoding,
    ) -> Result<Document> {
        if bytes.len() > limits.max_document_bytes {
            return Err(too_large(
                Path::new(name),
                bytes.len() as u64,
                limits.max_document_bytes,
            ));
        }
        let text = decode::decode(name, bytes, encoding)?;
        Ok(Document::build(name, &text, limits))
    }

    /// Builds a document from already decoded text (for instance the output of
    /// [`decode_latin1`]): normalises it, strips metadata and splits sentences.
    pub fn from_text(name: &str, text: &str, limits: &Limits) -> Result<Document> {
        if text.len() > limits.max_document_bytes {
            return Err(too_large(
                Path::new(name),
                text.len() as u64,
                limits.max_document_bytes,
            ));
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        Ok(Document::build(name, text, limits))
    }

    fn build(name: &str, decoded: &str, limits: &Limits) -> Document {
        let mut text = normalise::normalise(decoded);
        let (meta, body_start) = metadata::read(&text);
        if body_start > 0 {
            text.drain(..body_start);
        }
        let sentences = sentences::split(&text, limits.max_sentence_bytes.max(8));
        Document {
            name: name.to_string(),
            meta,
            text,
            sentences,
        }
    }

    /// The text of sentence `i`.
    pub fn sentence(&self, i: usize) -> &str {
        let s = self.sentences[i];
        &self.text[s.start..s.end]
    }

    /// The index of the sentence containing `byte_offset` (`start <= offset < end`),
    /// or `None` when the offset falls between sentences or past the end.
    pub fn sentence_index_at(&self, byte_offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= byte_offset);
        match self.sentences.get(i) {
            Some(s) if s.start <= byte_offset => Some(i),
            _ => None,
        }
    }
}

pub(super) fn too_large(path: &Path, len: u64, max: usize) -> Error {
    Error::Input {
        path: path.to_path_buf(),
        reason: format!("too large: {len} bytes (the limit is {max} bytes)"),
    }
}

/// What the tests of sentence splitting and normalisation share.
#[cfg(test)]
mod testing {
    use super::Document;

    /// Parses `input` and returns its sentences, checking the span invariants.
    pub fn sentences_of(input: &str) -> Vec<String> {
        let doc = Document::parse("test.txt", input.as_bytes()).expect("parses");
        check_spans(&doc);
        (0..doc.sentences.len())
            .map(|i| doc.sentence(i).to_string())
            .collect()
    }

    pub fn check_spans(doc: &Document) {
        let mut last_end = 0;
        for s in &doc.sentences {
            assert!(s.start < s.end, "empty span {s:?}");
            assert!(s.start >= last_end, "overlapping span {s:?}");
            assert!(doc.text.is_char_boundary(s.start) && doc.text.is_char_boundary(s.end));
            let t = &doc.text[s.start..s.end];
            assert_eq!(t, t.trim(), "untrimmed sentence {t:?}");
            last_end = s.end;
        }
    }

    pub fn check_table(table: &[(&str, &[&str])]) {
        for (input, expected) in table {
            assert_eq!(&sentences_of(input), expected, "input: {input:?}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_limit() {
        let limits = Limits {
            max_document_bytes: 10,
            ..Limits::default()
        };
        let err = Document::parse_with("big.txt", b"0123456789A", &limits).unwrap_err();
        assert!(matches!(&err, Error::Input { reason, .. } if reason.contains("too large")));
        assert!(Document::parse_with("ok.txt", b"0123456789", &limits).is_ok());
    }
}
