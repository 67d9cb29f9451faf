//! Decoding: a file's bytes to text. UTF-8 (a BOM dropped), UTF-16 with a BOM,
//! and with [`Encoding::Latin1`] Windows-1252; binary files are refused.

use crate::error::{Error, Result};
use std::borrow::Cow;
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

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

const BINARY_PROBE: usize = 8 * 1024;

fn input_error(name: &str, reason: String) -> Error {
    Error::Input {
        path: PathBuf::from(name),
        reason,
    }
}

pub(super) fn decode<'a>(name: &str, bytes: &'a [u8], encoding: Encoding) -> Result<Cow<'a, str>> {
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

#[cfg(test)]
mod tests {
    use super::super::{Document, Limits};
    use super::*;
    use std::path::Path;

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
}
