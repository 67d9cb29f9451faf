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
mod metadata;

pub use dateline::{Dateline, end_in as dateline_end};
pub use dates_file::DatesFile;
pub use metadata::{DateFrom, GivenDate, Meta};

use crate::error::{Error, Result};
use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::str::FromStr;

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

/// What bytes that are not UTF-8 mean. UTF-8 (with or without a BOM) and UTF-16 with
/// a BOM are always recognised, and binary files always refused.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// Anything that is not UTF-8 is refused with the offset of the first bad byte.
    #[default]
    Utf8,
    /// A file that is not valid UTF-8 is read as Latin-1 (see [`decode_latin1`]).
    Latin1,
}

impl Encoding {
    /// Every encoding, in the order of the command line's help.
    pub const ALL: [Encoding; 2] = [Encoding::Utf8, Encoding::Latin1];

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf8",
            Encoding::Latin1 => "latin1",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Encoding {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Encoding, String> {
        match s.to_ascii_lowercase().as_str() {
            "utf8" | "utf-8" => Ok(Encoding::Utf8),
            "latin1" | "latin-1" | "iso-8859-1" | "windows-1252" | "cp1252" => Ok(Encoding::Latin1),
            _ => Err(format!("unknown encoding `{s}` (expected utf8 or latin1)")),
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
        let text = decode(name, bytes, encoding)?;
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
        let mut text = normalise(decoded);
        let (meta, body_start) = metadata::read(&text);
        if body_start > 0 {
            text.drain(..body_start);
        }
        let sentences = split_sentences(&text, limits.max_sentence_bytes.max(8));
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

fn too_large(path: &Path, len: u64, max: usize) -> Error {
    Error::Input {
        path: path.to_path_buf(),
        reason: format!("too large: {len} bytes (the limit is {max} bytes)"),
    }
}

/// Decodes Latin-1 bytes. Bytes 0x80–0x9F, which are invisible control characters in
/// ISO-8859-1, are read as Windows-1252 (curly quotes, dashes, €, …) since that is
/// what such bytes mean in practice (the WHATWG treats the label "latin1" the same
/// way). Never fails.
pub fn decode_latin1(bytes: &[u8]) -> String {
    const CP1252: [char; 32] = [
        '\u{20ac}', '\u{81}', '\u{201a}', '\u{192}', '\u{201e}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{2c6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8d}', '\u{17d}',
        '\u{8f}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}', '\u{2022}', '\u{2013}',
        '\u{2014}', '\u{2dc}', '\u{2122}', '\u{161}', '\u{203a}', '\u{153}', '\u{9d}', '\u{17e}',
        '\u{178}',
    ];
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 8);
    for &b in bytes {
        match b {
            0x80..=0x9f => out.push(CP1252[usize::from(b - 0x80)]),
            _ => out.push(char::from(b)),
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------

const BINARY_PROBE: usize = 8 * 1024;

fn input_error(name: &str, reason: String) -> Error {
    Error::Input {
        path: PathBuf::from(name),
        reason,
    }
}

fn decode<'a>(name: &str, bytes: &'a [u8], encoding: Encoding) -> Result<Cow<'a, str>> {
    if let Some(rest) = bytes.strip_prefix(&[0xff, 0xfe]) {
        return decode_utf16(name, rest, u16::from_le_bytes).map(Cow::Owned);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        return decode_utf16(name, rest, u16::from_be_bytes).map(Cow::Owned);
    }
    let (bom, body) = match bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        Some(rest) => (3, rest),
        None => (0, bytes),
    };
    let probe = &body[..body.len().min(BINARY_PROBE)];
    if let Some(at) = memchr::memchr(0, probe) {
        return Err(input_error(
            name,
            format!(
                "binary file (NUL byte at byte {}); not a text article",
                bom + at
            ),
        ));
    }
    match std::str::from_utf8(body) {
        Ok(s) => Ok(Cow::Borrowed(s)),
        Err(_) if encoding == Encoding::Latin1 => Ok(Cow::Owned(decode_latin1(body))),
        Err(e) => Err(input_error(
            name,
            format!(
                "not UTF-8 (byte {}); re-encode it as UTF-8",
                bom + e.valid_up_to()
            ),
        )),
    }
}

fn decode_utf16(name: &str, body: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String> {
    if !body.len().is_multiple_of(2) {
        return Err(input_error(
            name,
            "not valid UTF-16 (odd number of bytes)".to_string(),
        ));
    }
    let units = body.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut out = String::with_capacity(body.len() / 2 + body.len() / 8);
    let mut done = 0usize;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                done += c.len_utf16();
                out.push(c);
            }
            Err(_) => {
                return Err(input_error(
                    name,
                    format!(
                        "not valid UTF-16 (unpaired surrogate at byte {})",
                        2 + 2 * done
                    ),
                ));
            }
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// Normalisation
// ---------------------------------------------------------------------------

/// A byte that [`normalise`] copies as it is: printable ASCII, `\n` and `\t`.
fn is_plain(b: u8) -> bool {
    matches!(b, b' '..=b'~' | b'\n' | b'\t')
}

/// The end of the run of plain bytes (see [`is_plain`]) starting at `i`: sixteen
/// bytes at a time (a test without branches, which the compiler vectorises), then
/// byte by byte.
fn plain_run_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 16) {
        let odd = chunk.iter().fold(false, |acc, &b| acc | !is_plain(b));
        if odd {
            break;
        }
        i += 16;
    }
    while i < bytes.len() && is_plain(bytes[i]) {
        i += 1;
    }
    i
}

/// Normalises line ends, quotes, dashes, spaces and invisible characters. ASCII runs
/// are copied in bulk.
fn normalise(input: &str) -> String {
    let bytes = input.as_bytes();
    let mut out = String::with_capacity(input.len());
    let mut i = 0;
    while i < bytes.len() {
        // Copy a run of plain characters at once.
        let run = i;
        i = plain_run_end(bytes, i);
        if run < i {
            out.push_str(&input[run..i]);
            if i == bytes.len() {
                break;
            }
        }
        let b = bytes[i];
        if b == b'\r' {
            out.push('\n');
            i += if bytes.get(i + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
            continue;
        }
        if b < 0x80 {
            // Other ASCII controls (and DEL): vertical tab and form feed break lines,
            // the rest are dropped.
            if b == 0x0b || b == 0x0c {
                out.push('\n');
            }
            i += 1;
            continue;
        }
        let Some(c) = input[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => out.push('\''),
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => out.push('"'),
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' => out.push('-'),
            '\u{2014}' | '\u{2015}' => out.push_str("--"),
            '\u{2026}' => out.push_str("..."),
            '\u{85}' | '\u{2028}' => out.push('\n'),
            '\u{2029}' => out.push_str("\n\n"),
            // Zero-width and formatting characters, bidi marks and embeddings.
            '\u{ad}'
            | '\u{61c}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}' => {}
            c if c.is_whitespace() => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Sentence splitting
// ---------------------------------------------------------------------------

/// Abbreviations after which a period does not end a sentence (compared ignoring
/// ASCII case).
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    // Titles and ranks.
    "mr", "mrs", "ms", "messrs", "dr", "prof", "gen", "gens", "lt", "col", "maj", "capt", "sgt",
    "cpl", "pvt", "spc", "adm", "brig", "cmdr", "rep", "reps", "sen", "sens", "gov", "sec", "amb",
    "rev", "hon", "atty", "supt",
    // Places, names and companies.
    "st", "mt", "ft", "jr", "sr", "inc", "corp", "co", "ltd", "dept", "gov't", "vs", "etc",
    // Months.
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Abbreviations that only count as such before a number ("No. 2"), since "no." is
/// also a word.
const NUMBER_ABBREVIATIONS: &[&str] = &["no", "nos", "vol"];

/// Abbreviations that never end a sentence, so a line break after them does not
/// either (hard-wrapped "Brig.\nGen. Shea").
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "prof", "gen", "gens", "lt", "col", "maj", "capt", "sgt",
    "cpl", "pvt", "spc", "adm", "brig", "cmdr", "rep", "reps", "sen", "sens", "gov", "sec", "amb",
    "rev", "hon", "atty", "supt",
];

fn in_list(list: &[&str], word: &str) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Closing punctuation that stays with the sentence it ends.
fn is_closer(b: u8) -> bool {
    matches!(b, b'"' | b'\'' | b')' | b']')
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0c')
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// The word before byte `end` (letters, digits, `.` and `'`), at most 40 bytes long
/// (longer words are never abbreviations). Leading quotes and periods are dropped.
fn word_before(text: &str, end: usize) -> &str {
    let head = &text[..end];
    let mut start = end;
    for (i, c) in head.char_indices().rev() {
        if !(c.is_alphanumeric() || c == '.' || c == '\'') || end - i > 40 {
            break;
        }
        start = i;
    }
    head[start..].trim_start_matches(['.', '\''])
}

/// Whether `word` (what precedes a period) is an abbreviation, given the character
/// that follows the period and its spaces.
fn is_abbreviation(word: &str, next: char) -> bool {
    if word.is_empty() {
        return false;
    }
    if word.contains('.') {
        // Dotted acronyms: U.S., D.C., U.N., e.g., a.m., Ph.D.
        let dotted = word.split('.').all(|seg| {
            !seg.is_empty() && seg.chars().count() <= 2 && seg.chars().all(char::is_alphabetic)
        });
        if dotted {
            return true;
        }
    }
    let last = word.rsplit('.').next().unwrap_or(word);
    let mut chars = last.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        // A single capital: an initial ("Joseph F. Dunford").
        return c.is_uppercase();
    }
    in_list(ABBREVIATIONS, last) || (next.is_ascii_digit() && in_list(NUMBER_ABBREVIATIONS, last))
}

/// Whether `c` may start a sentence after `.`/`!`/`?` and a space.
fn starts_sentence(c: char) -> bool {
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(c, '"' | '\'' | '(')
        // Letters of scripts without case (Korean, Chinese, Arabic, …).
        || (c.is_alphabetic() && !c.is_lowercase())
}

/// Decides whether the terminal punctuation at `i` (running to `run_end`, closers to
/// `close_end`) ends a sentence; returns where the sentence ends.
fn punct_boundary(text: &str, i: usize, run_end: usize, close_end: usize) -> Option<usize> {
    let b = text.as_bytes();
    let after = *b.get(close_end)?;
    let single_period = b[i] == b'.' && run_end == i + 1;
    if after == b' ' || after == b'\t' {
        let mut m = close_end;
        while m < b.len() && (b[m] == b' ' || b[m] == b'\t') {
            m += 1;
        }
        // A newline is decided by the line rules; the end needs no boundary.
        if m >= b.len() || b[m] == b'\n' {
            return None;
        }
        let next = char_at(text, m)?;
        if !starts_sentence(next) {
            return None;
        }
        // An abbreviation's period, also before the bracket that closes it:
        // "the United States (U.S.) Department of Defense".
        let closers = &text[run_end..close_end];
        if single_period
            && (closers.is_empty() || closers == ")")
            && is_abbreviation(word_before(text, i), next)
        {
            return None;
        }
        return Some(close_end);
    }
    // A missing space: "officials said.During the talks".
    if run_end != i + 1 || close_end != run_end {
        return None;
    }
    let first = char_at(text, i + 1)?;
    let second = char_at(text, i + 1 + first.len_utf8())?;
    if !(first.is_uppercase() && second.is_lowercase()) {
        return None;
    }
    let head = &text[..i];
    let mut letters = 0;
    for c in head.chars().rev() {
        if c.is_alphabetic() {
            if !c.is_lowercase() {
                return None;
            }
            letters += 1;
            if letters > 40 {
                break;
            }
        } else {
            // "example.com.Next", "3rd.The", "a/b.C…" stay whole.
            if c.is_alphanumeric() || matches!(c, '.' | '/' | '@' | ':' | '_') {
                return None;
            }
            break;
        }
    }
    (letters >= 2).then_some(i + 1)
}

/// Whether the newline at `i` ends the sentence.
fn newline_ends(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    let mut m = i + 1;
    while m < b.len() && (b[m] == b' ' || b[m] == b'\t') {
        m += 1;
    }
    if m >= b.len() || b[m] == b'\n' {
        return true;
    }
    let Some(next) = char_at(text, m) else {
        return true;
    };
    if next.is_lowercase() {
        return false;
    }
    // A line ending in a title or an initial continues on the next line.
    let mut e = i;
    while e > 0 && (b[e - 1] == b' ' || b[e - 1] == b'\t') {
        e -= 1;
    }
    if next.is_alphabetic() && e > 0 && b[e - 1] == b'.' {
        let word = word_before(text, e - 1);
        let mut chars = word.chars();
        let initial = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
        if initial || in_list(TITLES, word) {
            return false;
        }
    }
    true
}

/// The bytes [`split_sentences`] looks at: line ends, terminal punctuation, and the
/// first bytes of full-width terminal punctuation.
static MAY_END: [bool; 256] = {
    let mut t = [false; 256];
    t[b'\n' as usize] = true;
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[0xe3] = true;
    t[0xef] = true;
    t
};

/// Splits `text` into trimmed, non-empty sentences of at most `max` bytes.
fn split_sentences(text: &str, max: usize) -> Vec<Span> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 100 + 1);
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        // Most bytes end no sentence: skip to the next that may.
        if !MAY_END[usize::from(b[i])] {
            i += 1;
            while i < b.len() && !MAY_END[usize::from(b[i])] {
                i += 1;
            }
            continue;
        }
        match b[i] {
            b'\n' => {
                if newline_ends(text, i) {
                    push_sentence(&mut out, text, start, i, max);
                    start = i + 1;
                }
                i += 1;
            }
            b'.' | b'!' | b'?' => {
                let mut j = i + 1;
                while j < b.len() && matches!(b[j], b'.' | b'!' | b'?') {
                    j += 1;
                }
                let run_end = j;
                while j < b.len() && is_closer(b[j]) {
                    j += 1;
                }
                if let Some(end) = punct_boundary(text, i, run_end, j) {
                    push_sentence(&mut out, text, start, end, max);
                    start = end;
                }
                i = j;
            }
            0xe3 | 0xef => {
                // Full-width 。！？ end a sentence without a following space.
                let rest = &text.as_bytes()[i..];
                let terminal = ["。", "！", "？"]
                    .iter()
                    .find(|t| rest.starts_with(t.as_bytes()));
                if let Some(t) = terminal {
                    let mut j = i + t.len();
                    loop {
                        if j < b.len() && is_closer(b[j]) {
                            j += 1;
                        } else if let Some(c @ ('」' | '』' | '）')) = char_at(text, j) {
                            j += c.len_utf8();
                        } else {
                            break;
                        }
                    }
                    push_sentence(&mut out, text, start, j, max);
                    start = j;
                    i = j;
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    push_sentence(&mut out, text, start, b.len(), max);
    out
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Trims `[start, end)` and pushes it, cut into pieces of at most `max` bytes.
fn push_sentence(out: &mut Vec<Span>, text: &str, start: usize, end: usize, max: usize) {
    let b = text.as_bytes();
    let (mut start, mut end) = (start, end);
    while start < end && is_space(b[start]) {
        start += 1;
    }
    while end > start && is_space(b[end - 1]) {
        end -= 1;
    }
    while start < end {
        if end - start <= max {
            out.push(Span { start, end });
            return;
        }
        // Cut at the last whitespace in the second half of the allowed length, or
        // in the middle of a word if there is none.
        let limit = floor_char_boundary(text, start + max);
        let low = start + max / 2;
        let (piece_end, next) = match (low..=limit).rev().find(|&k| is_space(b[k])) {
            Some(k) => (k, k + 1),
            None => (limit, limit),
        };
        let mut piece_end = piece_end;
        while piece_end > start && is_space(b[piece_end - 1]) {
            piece_end -= 1;
        }
        if piece_end > start {
            out.push(Span {
                start,
                end: piece_end,
            });
        }
        start = next;
        while start < end && is_space(b[start]) {
            start += 1;
        }
    }
}

// ---------------------------------------------------------------------------
// Sources
// ---------------------------------------------------------------------------

/// Where a document comes from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    /// A file; `name` is its path relative to the input it was found under.
    File {
        /// Name used in evidence.
        name: String,
        /// Where to read it.
        path: PathBuf,
    },
    /// Standard input.
    Stdin,
}

/// The name standard input is given in evidence and messages.
pub const STDIN_NAME: &str = "<stdin>";

impl Source {
    /// The name used in evidence: the relative path, or `<stdin>`.
    pub fn name(&self) -> &str {
        match self {
            Source::File { name, .. } => name,
            Source::Stdin => STDIN_NAME,
        }
    }
}

/// Expands inputs (files, directories read recursively for `.txt`/`.md`, `-`) into sources.
///
/// A file given directly is taken whatever its extension and named by its file name.
/// Directories are walked recursively, skipping hidden entries (names starting with
/// `.`) and following symbolic links once (loops are detected); files found there are
/// named by their path relative to the directory, with `/`. Sources are sorted by name
/// within each input; inputs keep their order.
pub fn discover(inputs: &[PathBuf]) -> Result<Vec<Source>> {
    let mut out = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            out.push(Source::Stdin);
            continue;
        }
        let meta = fs::metadata(input).map_err(|e| Error::io(input, e))?;
        if meta.is_dir() {
            let mut found = walk(input)?;
            if found.is_empty() {
                return Err(Error::Input {
                    path: input.clone(),
                    reason: "no .txt or .md articles found".to_string(),
                });
            }
            // (A flat folder's listing is in order already.)
            if !found.is_sorted_by(|a, b| a.0 <= b.0) {
                found.sort_by(|a, b| a.0.cmp(&b.0));
            }
            out.extend(
                found
                    .into_iter()
                    .map(|(name, path)| Source::File { name, path }),
            );
        } else if meta.is_file() {
            let name = input
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| input.to_string_lossy().into_owned());
            out.push(Source::File {
                name,
                path: input.clone(),
            });
        } else {
            return Err(Error::Input {
                path: input.clone(),
                reason: "not a regular file or directory".to_string(),
            });
        }
    }
    Ok(out)
}

fn is_article(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"))
}

/// Collects `(relative name, path)` of the articles under `root`.
fn walk(root: &Path) -> Result<Vec<(String, PathBuf)>> {
    let mut found = Vec::new();
    let mut visited = HashSet::new();
    visited.insert(fs::canonicalize(root).map_err(|e| Error::io(root, e))?);
    let mut stack = vec![(root.to_path_buf(), String::new())];
    while let Some((dir, prefix)) = stack.pop() {
        let mut entries = fs::read_dir(&dir)
            .and_then(|it| {
                it.map(|e| e.map(|e| (e.file_name(), e)))
                    .collect::<io::Result<Vec<_>>>()
            })
            .map_err(|e| Error::io(&dir, e))?;
        // The order of a listing is the file system's: sort it, so that which of two
        // links to one folder is followed (and names the files) does not vary.
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        // Pushed in reverse so that the stack pops folders in name order.
        let mut subdirs = Vec::new();
        for (file_name, entry) in entries {
            let file_name = file_name.to_string_lossy();
            if file_name.starts_with('.') {
                continue;
            }
            let path = entry.path();
            let mut kind = entry.file_type().map_err(|e| Error::io(&path, e))?;
            let name = if prefix.is_empty() {
                file_name.into_owned()
            } else {
                format!("{prefix}/{file_name}")
            };
            if kind.is_symlink() {
                match fs::metadata(&path) {
                    Ok(m) => kind = m.file_type(),
                    // A broken link (or a loop of links) named like an article is
                    // kept, so that reading it reports it; others are ignored.
                    Err(_) => {
                        if is_article(&path) {
                            found.push((name, path));
                        }
                        continue;
                    }
                }
            }
            if kind.is_dir() {
                let real = fs::canonicalize(&path).map_err(|e| Error::io(&path, e))?;
                if visited.insert(real) {
                    subdirs.push((path, name));
                }
            } else if kind.is_file() && is_article(&path) {
                found.push((name, path));
            }
        }
        stack.extend(subdirs.into_iter().rev());
    }
    Ok(found)
}

/// Reads and parses one source with the default [`Limits`].
pub fn read(source: &Source) -> Result<Document> {
    read_with(source, &Limits::default())
}

/// Reads and parses one source. Errors about the content name the file's path.
pub fn read_with(source: &Source, limits: &Limits) -> Result<Document> {
    let bytes = read_bytes(source, limits)?;
    parse_source(source, &bytes, limits)
}

/// Reads the bytes of one source, refusing sources larger than the limit.
pub fn read_bytes(source: &Source, limits: &Limits) -> Result<Vec<u8>> {
    let max = limits.max_document_bytes;
    let cap = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    match source {
        Source::File { path, .. } => {
            let file = fs::File::open(path).map_err(|e| open_error(path, e))?;
            let len = file.metadata().map_err(|e| Error::io(path, e))?.len();
            if len > max as u64 {
                return Err(too_large(path, len, max));
            }
            let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
            file.take(cap)
                .read_to_end(&mut bytes)
                .map_err(|e| Error::io(path, e))?;
            Ok(bytes)
        }
        Source::Stdin => {
            let mut bytes = Vec::new();
            io::stdin()
                .lock()
                .take(cap)
                .read_to_end(&mut bytes)
                .map_err(|e| Error::io(STDIN_NAME, e))?;
            Ok(bytes)
        }
    }
}

/// Why a file could not be opened; a broken symbolic link (or a loop of links) says so.
fn open_error(path: &Path, e: io::Error) -> Error {
    match fs::read_link(path) {
        Ok(target) => Error::Input {
            path: path.to_path_buf(),
            reason: format!(
                "symbolic link to {} that cannot be followed ({e})",
                target.display()
            ),
        },
        Err(_) => Error::io(path, e),
    }
}

/// Parses the bytes read from `source`; errors about the content name the file's path.
pub fn parse_source(source: &Source, bytes: &[u8], limits: &Limits) -> Result<Document> {
    parse_source_as(source, bytes, limits, Encoding::Utf8)
}

/// Like [`parse_source`], reading bytes that are not UTF-8 as `encoding` says. A source
/// with no text (an empty file, or only white space or metadata) is refused: an empty
/// article is a broken download more often than an article.
pub fn parse_source_as(
    source: &Source,
    bytes: &[u8],
    limits: &Limits,
    encoding: Encoding,
) -> Result<Document> {
    let (name, path) = match source {
        Source::File { name, path } => (name.as_str(), path.as_path()),
        Source::Stdin => (STDIN_NAME, Path::new(STDIN_NAME)),
    };
    let refuse = |reason: String| Error::Input {
        path: path.to_path_buf(),
        reason,
    };
    let doc = Document::parse_as(name, bytes, limits, encoding).map_err(|e| match e {
        Error::Input { reason, .. } => refuse(reason),
        other => other,
    })?;
    if doc.sentences.is_empty() {
        return Err(refuse(if bytes.is_empty() {
            "empty file; no article to read".to_string()
        } else {
            "no text (only white space or metadata); no article to read".to_string()
        }));
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses `input` and returns its sentences, checking the span invariants.
    fn sentences_of(input: &str) -> Vec<String> {
        let doc = Document::parse("test.txt", input.as_bytes()).expect("parses");
        check_spans(&doc);
        (0..doc.sentences.len())
            .map(|i| doc.sentence(i).to_string())
            .collect()
    }

    fn check_spans(doc: &Document) {
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

    fn check_table(table: &[(&str, &[&str])]) {
        for (input, expected) in table {
            assert_eq!(&sentences_of(input), expected, "input: {input:?}");
        }
    }

    #[test]
    fn basic_punctuation() {
        check_table(&[
            ("", &[]),
            ("   \n\n\t \n", &[]),
            ("One sentence.", &["One sentence."]),
            ("No final stop", &["No final stop"]),
            (
                "First one. Second one! Third one? Fourth.",
                &["First one.", "Second one!", "Third one?", "Fourth."],
            ),
            ("It rose. 2024 was hard.", &["It rose.", "2024 was hard."]),
            ("Wait... Then it came.", &["Wait...", "Then it came."]),
            ("Really?! Yes.", &["Really?!", "Yes."]),
            ("it fell. then it rose.", &["it fell. then it rose."]),
            (
                "It cost 3.5 million. Then more.",
                &["It cost 3.5 million.", "Then more."],
            ),
            (
                "See (the annex). (It is long.)",
                &["See (the annex).", "(It is long.)"],
            ),
        ]);
    }

    #[test]
    fn abbreviations() {
        check_table(&[
            (
                "The U.S. Secretary of State arrived. She spoke.",
                &["The U.S. Secretary of State arrived.", "She spoke."],
            ),
            (
                "Talks with the U.S. Officials declined to comment.",
                &["Talks with the U.S. Officials declined to comment."],
            ),
            (
                "The U.N. Security Council and the U.K. Parliament met.",
                &["The U.N. Security Council and the U.K. Parliament met."],
            ),
            (
                "The United States (U.S.) Department of Defense met. It spoke.",
                &[
                    "The United States (U.S.) Department of Defense met.",
                    "It spoke.",
                ],
            ),
            (
                "The vote is on Nov. 4 this year. It matters.",
                &["The vote is on Nov. 4 this year.", "It matters."],
            ),
            (
                "It began on Sept. 11 and ended Jan. 3. Nobody noticed.",
                &["It began on Sept. 11 and ended Jan. 3.", "Nobody noticed."],
            ),
            (
                "Brig. Gen. Roberta Shea spoke. Lt. Col. Amy Ng listened.",
                &[
                    "Brig. Gen. Roberta Shea spoke.",
                    "Lt. Col. Amy Ng listened.",
                ],
            ),
            (
                "Dr. Kim met Mr. Lee and Mrs. Park.",
                &["Dr. Kim met Mr. Lee and Mrs. Park."],
            ),
            (
                "Sen. Ames and Rep. Bo met Gov. Cy and Amb. Dee.",
                &["Sen. Ames and Rep. Bo met Gov. Cy and Amb. Dee."],
            ),
            (
                "John F. Smith said so. He left.",
                &["John F. Smith said so.", "He left."],
            ),
            (
                "Gen. Joseph F. Dunford and Lloyd J. Austin III met.",
                &["Gen. Joseph F. Dunford and Lloyd J. Austin III met."],
            ),
            (
                "He was in Washington, D.C. on Monday. Then he left.",
                &["He was in Washington, D.C. on Monday.", "Then he left."],
            ),
            (
                "Acme Corp. Chairman Bo Li and Zeta Inc. Chief Al Wu met.",
                &["Acme Corp. Chairman Bo Li and Zeta Inc. Chief Al Wu met."],
            ),
            (
                "He lives on St. Mark Street.",
                &["He lives on St. Mark Street."],
            ),
            (
                "Reds vs. Blues etc. Then lunch.",
                &["Reds vs. Blues etc. Then lunch."],
            ),
            (
                "The Gov't. Office said so.",
                &["The Gov't. Office said so."],
            ),
            ("He ranked No. 1 again.", &["He ranked No. 1 again."]),
            (
                "The answer was no. Then he left.",
                &["The answer was no.", "Then he left."],
            ),
            ("Use tools, e.g. Hammers.", &["Use tools, e.g. Hammers."]),
            (
                "It ended at 5 p.m. Friday.",
                &["It ended at 5 p.m. Friday."],
            ),
            ("Read 'Mr. Lee' today.", &["Read 'Mr. Lee' today."]),
            (
                "He visited nytimes.com. Then he left.",
                &["He visited nytimes.com.", "Then he left."],
            ),
        ]);
    }

    #[test]
    fn missing_space() {
        check_table(&[
            (
                "Officials said.During the talks, nothing moved.",
                &["Officials said.", "During the talks, nothing moved."],
            ),
            (
                "The U.S.-North Korea talks began.",
                &["The U.S.-North Korea talks began."],
            ),
            ("Some e.g.Something here.", &["Some e.g.Something here."]),
            ("Growth was 3.5 percent.", &["Growth was 3.5 percent."]),
            (
                "Visit www.example.Com now.",
                &["Visit www.example.Com now."],
            ),
            ("A quick one.ABC follows.", &["A quick one.ABC follows."]),
            ("He won!Then he left.", &["He won!", "Then he left."]),
        ]);
    }

    #[test]
    fn quotes() {
        check_table(&[
            (
                "\"We support it. We stand by it,\" the official said.",
                &["\"We support it.", "We stand by it,\" the official said."],
            ),
            (
                "He said \"Go home.\" Then he left.",
                &["He said \"Go home.\"", "Then he left."],
            ),
            (
                "She left. \"It is over,\" she said.",
                &["She left.", "\"It is over,\" she said."],
            ),
            (
                "He used 'the plan.' Officials agreed.",
                &["He used 'the plan.'", "Officials agreed."],
            ),
            (
                "\u{201c}We support it. We stand by it,\u{201d} the official said.",
                &["\"We support it.", "We stand by it,\" the official said."],
            ),
        ]);
    }

    #[test]
    fn newlines() {
        check_table(&[
            (
                "Headline About Talks\nThe talks began today. They ended.",
                &[
                    "Headline About Talks",
                    "The talks began today.",
                    "They ended.",
                ],
            ),
            (
                "The talks began today and\ncontinued into the night.",
                &["The talks began today and\ncontinued into the night."],
            ),
            (
                "First paragraph\n\nsecond paragraph",
                &["First paragraph", "second paragraph"],
            ),
            (
                "First paragraph\n  \t\nsecond",
                &["First paragraph", "second"],
            ),
            (
                "Key points:\n- first item\n- second item\n* third",
                &["Key points:", "- first item", "- second item", "* third"],
            ),
            ("# Markdown title\nBody.", &["# Markdown title", "Body."]),
            (
                "Said Brig.\nGen. Shea today.",
                &["Said Brig.\nGen. Shea today."],
            ),
            ("John F.\nSmith spoke.", &["John F.\nSmith spoke."]),
            ("It ended.\nNext line.", &["It ended.", "Next line."]),
        ]);
    }

    #[test]
    fn line_endings_and_normalisation() {
        check_table(&[
            ("Line one\r\nLine two.\r\n", &["Line one", "Line two."]),
            ("Line one\rLine two.", &["Line one", "Line two."]),
            ("Old Mac\r\rNew para.", &["Old Mac", "New para."]),
        ]);
        let doc = Document::parse(
            "n.txt",
            "\u{201c}Hi,\u{201d} he said \u{2018}twice\u{2019} \u{201e}x\u{201f} 5\u{2032}6\u{2033}. \
             Pages 3\u{2013}5\u{2014}all\u{2015}gone\u{2026} Next\u{a0}one\u{2009}here\u{3000}ok.\
             \u{200b}Zero\u{200c}\u{200d}\u{2060}\u{feff}width \u{200e}bidi\u{202b}\u{202e}\u{2066}\u{2069}\u{200f} \
             ctl\u{7}\u{1b}\u{7f}\u{9c}\tend."
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(
            doc.text,
            "\"Hi,\" he said 'twice' \"x\" 5'6\". Pages 3-5--all--gone... Next one here ok.\
             Zerowidth bidi ctl\tend."
        );
        check_spans(&doc);
        assert_eq!(doc.sentence(0), "\"Hi,\" he said 'twice' \"x\" 5'6\".");
        assert_eq!(doc.sentence(1), "Pages 3-5--all--gone...");
        assert_eq!(doc.sentence(2), "Next one here ok.");
        assert_eq!(doc.sentence(3), "Zerowidth bidi ctl\tend.");
        // Unicode line separators.
        let doc =
            Document::parse("n.txt", "One\u{2028}Two\u{2029}Three\u{85}Four".as_bytes()).unwrap();
        assert_eq!(doc.text, "One\nTwo\n\nThree\nFour");
    }

    #[test]
    fn spans_slice_exactly() {
        let input = "\u{feff}\u{201c}Caf\u{e9} \u{2014} na\u{ef}ve,\u{201d} said Dr.\u{a0}\u{c9}lodie. \
                     \u{c9}t\u{e9} came\u{2026} \u{bf}Qu\u{e9}? S\u{ed}.";
        let doc = Document::parse("s.txt", input.as_bytes()).unwrap();
        check_spans(&doc);
        let got: Vec<&str> = (0..doc.sentences.len()).map(|i| doc.sentence(i)).collect();
        assert_eq!(
            got,
            [
                "\"Caf\u{e9} -- na\u{ef}ve,\" said Dr. \u{c9}lodie.",
                "\u{c9}t\u{e9} came... \u{bf}Qu\u{e9}?",
                "S\u{ed}."
            ]
        );
        for (i, s) in doc.sentences.iter().enumerate() {
            assert_eq!(doc.sentence_index_at(s.start), Some(i));
            assert_eq!(doc.sentence_index_at(s.end - 1), Some(i));
        }
        let gap = doc.sentences[0].end;
        assert_eq!(doc.sentence_index_at(gap), None);
        assert_eq!(doc.sentence_index_at(doc.text.len()), None);
    }

    #[test]
    fn korean_and_cjk() {
        check_table(&[
            (
                "\u{d55c}\u{ad6d}\u{c5b4} \u{bb38}\u{c7a5}\u{c785}\u{b2c8}\u{b2e4}. \u{b2e4}\u{c74c} \u{bb38}\u{c7a5}.",
                &[
                    "\u{d55c}\u{ad6d}\u{c5b4} \u{bb38}\u{c7a5}\u{c785}\u{b2c8}\u{b2e4}.",
                    "\u{b2e4}\u{c74c} \u{bb38}\u{c7a5}.",
                ],
            ),
            (
                "会谈开始了。双方同意！结束了吗？",
                &["会谈开始了。", "双方同意！", "结束了吗？"],
            ),
            (
                "他说：「好。」然后离开。",
                &["他说：「好。」", "然后离开。"],
            ),
        ]);
        // Arbitrary multi-byte text with punctuation everywhere must not panic.
        let junk = "é.É.ü!Ü?한.국 어.\u{301}.A.한\n.\n\u{10348}.\u{10348} x.\u{1F600}";
        let doc = Document::parse("k.txt", junk.as_bytes()).unwrap();
        check_spans(&doc);
    }

    #[test]
    fn long_sentences_are_cut() {
        let limits = Limits {
            max_document_bytes: 1 << 20,
            max_sentence_bytes: 20,
        };
        let input = "aaaa bbbb cccc dddd eeee ffff gggg hhhh. Short one.";
        let doc = Document::parse_with("l.txt", input.as_bytes(), &limits).unwrap();
        check_spans(&doc);
        let got: Vec<&str> = (0..doc.sentences.len()).map(|i| doc.sentence(i)).collect();
        assert_eq!(
            got,
            ["aaaa bbbb cccc dddd", "eeee ffff gggg hhhh.", "Short one."]
        );
        // No whitespace at all: cut on character boundaries.
        let input = "\u{d55c}".repeat(30);
        let doc = Document::parse_with("l.txt", input.as_bytes(), &limits).unwrap();
        check_spans(&doc);
        assert!(doc.sentences.iter().all(|s| s.end - s.start <= 20));
        let joined: String = (0..doc.sentences.len()).map(|i| doc.sentence(i)).collect();
        assert_eq!(joined, input);
    }

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

    #[test]
    fn encodings() {
        // UTF-8 BOM dropped.
        let doc = Document::parse("b.txt", b"\xef\xbb\xbfHello there. Bye.").unwrap();
        assert_eq!(doc.text, "Hello there. Bye.");
        assert_eq!(doc.sentences.len(), 2);
        // UTF-16 LE and BE with BOM.
        let text = "Caf\u{e9} opened. \u{d55c}\u{ad6d} next.\r\n";
        let mut le = vec![0xff, 0xfe];
        let mut be = vec![0xfe, 0xff];
        for u in text.encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        for bytes in [le, be] {
            let doc = Document::parse("u16.txt", &bytes).unwrap();
            assert_eq!(doc.text, "Caf\u{e9} opened. \u{d55c}\u{ad6d} next.\n");
            assert_eq!(doc.sentence(1), "\u{d55c}\u{ad6d} next.");
        }
        let err = Document::parse("odd.txt", b"\xff\xfeA").unwrap_err();
        assert!(err.to_string().contains("UTF-16"), "{err}");
        let err = Document::parse("sur.txt", b"\xff\xfeA\x00\x00\xd8B\x00").unwrap_err();
        assert!(err.to_string().contains("byte 4"), "{err}");
        // Latin-1 is refused with the offset and a hint.
        let err = Document::parse("news/latin.txt", b"Caf\xe9 ouvert.").unwrap_err();
        match &err {
            Error::Input { path, reason } => {
                assert_eq!(path, Path::new("news/latin.txt"));
                assert_eq!(reason, "not UTF-8 (byte 3); re-encode it as UTF-8");
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(err.to_string().starts_with("news/latin.txt: not UTF-8"));
        // ... and can be decoded explicitly.
        let text = decode_latin1(b"Caf\xe9 \x93ouvert\x94 \x96 5\xa0\x80.");
        assert_eq!(
            text,
            "Caf\u{e9} \u{201c}ouvert\u{201d} \u{2013} 5\u{a0}\u{20ac}."
        );
        let doc = Document::from_text("latin.txt", &text, &Limits::default()).unwrap();
        assert_eq!(doc.text, "Caf\u{e9} \"ouvert\" - 5 \u{20ac}.");
        // ... or with Encoding::Latin1, which leaves UTF-8 and UTF-16 alone.
        let doc = Document::parse_as(
            "l.txt",
            b"Caf\xe9 \x93ouvert\x94.",
            &Limits::default(),
            Encoding::Latin1,
        )
        .unwrap();
        assert_eq!(doc.text, "Caf\u{e9} \"ouvert\".");
        for utf8 in ["Caf\u{e9} ouvert.", "\u{feff}Caf\u{e9} ouvert."] {
            let doc = Document::parse_as(
                "u.txt",
                utf8.as_bytes(),
                &Limits::default(),
                Encoding::Latin1,
            )
            .unwrap();
            assert_eq!(doc.text, "Caf\u{e9} ouvert.");
        }
        let err = Document::parse_as("b.txt", b"\xe9\x00", &Limits::default(), Encoding::Latin1)
            .unwrap_err();
        assert!(err.to_string().contains("binary file"), "{err}");
        assert_eq!("latin-1".parse(), Ok(Encoding::Latin1));
        assert_eq!("UTF-8".parse(), Ok(Encoding::Utf8));
        assert!("ebcdic".parse::<Encoding>().is_err());
        // Binary.
        let err = Document::parse("img.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").unwrap_err();
        match &err {
            Error::Input { reason, .. } => assert!(reason.starts_with("binary file"), "{reason}"),
            other => panic!("unexpected {other:?}"),
        }
        // A NUL past the probe is just dropped as a control character.
        let mut late = b"Hello. ".repeat(2000);
        late.push(0);
        late.extend(b"Bye.");
        assert!(Document::parse("late.txt", &late).is_ok());
    }

    /// A fresh scratch directory for one test.
    fn scratch(tag: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("newsgraph-document-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn discover_walks_directories() {
        let root = scratch("walk");
        fs::create_dir_all(root.join("b/deep")).unwrap();
        fs::create_dir_all(root.join(".git")).unwrap();
        fs::write(root.join("z.txt"), "Z.").unwrap();
        fs::write(root.join("a.md"), "A.").unwrap();
        fs::write(root.join("notes.pdf"), "x").unwrap();
        fs::write(root.join(".hidden.txt"), "H.").unwrap();
        fs::write(root.join(".git/c.txt"), "C.").unwrap();
        fs::write(root.join("b/deep/d.TXT"), "D.").unwrap();
        fs::write(root.join("b/c.txt"), "C.").unwrap();
        #[cfg(unix)]
        {
            // A loop back to the root and a dangling link.
            std::os::unix::fs::symlink(&root, root.join("b/deep/loop")).unwrap();
            std::os::unix::fs::symlink(root.join("nope"), root.join("b/gone.txt")).unwrap();
        }
        let single = root.join("b/c.txt");
        let sources = discover(&[root.clone(), PathBuf::from("-"), single.clone()]).unwrap();
        let names: Vec<&str> = sources.iter().map(Source::name).collect();
        #[cfg(unix)]
        assert_eq!(
            names,
            [
                "a.md",
                "b/c.txt",
                "b/deep/d.TXT",
                "b/gone.txt",
                "z.txt",
                "<stdin>",
                "c.txt"
            ]
        );
        #[cfg(unix)]
        match read(&sources[3]) {
            // A broken link named like an article is found, and reading it says why.
            Err(Error::Input { path, reason }) => {
                assert_eq!(path, root.join("b/gone.txt"));
                assert!(reason.starts_with("symbolic link to "), "{reason}");
            }
            other => panic!("unexpected {other:?}"),
        }
        assert_eq!(
            sources[1],
            Source::File {
                name: "b/c.txt".into(),
                path: root.join("b").join("c.txt")
            }
        );
        let doc = read(&sources[2]).unwrap();
        assert_eq!(doc.name, "b/deep/d.TXT");
        assert_eq!(doc.sentence(0), "D.");

        // Errors.
        let missing = root.join("missing");
        match discover(std::slice::from_ref(&missing)) {
            Err(Error::Io { path, .. }) => assert_eq!(path, missing),
            other => panic!("unexpected {other:?}"),
        }
        let empty = root.join("b/empty");
        fs::create_dir_all(&empty).unwrap();
        fs::write(empty.join("x.pdf"), "x").unwrap();
        match discover(std::slice::from_ref(&empty)) {
            Err(Error::Input { path, reason }) => {
                assert_eq!(path, empty);
                assert_eq!(reason, "no .txt or .md articles found");
            }
            other => panic!("unexpected {other:?}"),
        }
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn read_errors_name_the_file() {
        let root = scratch("read");
        let path = root.join("latin.txt");
        fs::write(&path, b"Caf\xe9.").unwrap();
        let source = Source::File {
            name: "latin.txt".into(),
            path: path.clone(),
        };
        match read(&source) {
            Err(Error::Input { path: p, reason }) => {
                assert_eq!(p, path);
                assert!(reason.contains("not UTF-8 (byte 3)"));
            }
            other => panic!("unexpected {other:?}"),
        }
        let limits = Limits {
            max_document_bytes: 3,
            ..Limits::default()
        };
        match read_with(&source, &limits) {
            Err(Error::Input { reason, .. }) => assert!(reason.contains("too large")),
            other => panic!("unexpected {other:?}"),
        }
        let gone = Source::File {
            name: "gone.txt".into(),
            path: root.join("gone.txt"),
        };
        assert!(matches!(read(&gone), Err(Error::Io { .. })));
        // Empty, blank and metadata-only files are refused, naming the file.
        for (file, bytes, why) in [
            ("empty.txt", &b""[..], "empty file"),
            ("blank.txt", b" \n\t\r\n", "no text"),
            ("meta.md", b"---\ntitle: T\n---\n\n", "no text"),
        ] {
            let path = root.join(file);
            fs::write(&path, bytes).unwrap();
            let source = Source::File {
                name: file.into(),
                path: path.clone(),
            };
            match read(&source) {
                Err(Error::Input { path: p, reason }) => {
                    assert_eq!(p, path);
                    assert!(reason.starts_with(why), "{file}: {reason}");
                }
                other => panic!("{file}: unexpected {other:?}"),
            }
        }
        fs::remove_dir_all(&root).unwrap();
    }
}
