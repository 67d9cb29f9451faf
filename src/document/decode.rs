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
/// way, and so does [`encoding_rs`]). Never fails.
pub fn decode_latin1(bytes: &[u8]) -> String {
    encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(bytes)
        .0
        .into_owned()
}

/// How many bytes are looked at for a NUL, the mark of a binary file.
const BINARY_PROBE: usize = 8 * 1024;

fn input_error(name: &str, reason: String) -> Error {
    Error::Input {
        path: PathBuf::from(name),
        reason,
    }
}

/// The text of a file's `bytes`: UTF-16 if they start with its BOM, otherwise
/// UTF-8 (a BOM dropped), or Latin-1 where `encoding` says so and they are not
/// UTF-8. Errors give the offset of the first bad byte.
pub(super) fn decode<'a>(name: &str, bytes: &'a [u8], encoding: Encoding) -> Result<Cow<'a, str>> {
    let (bom, body) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((utf16, n)) if utf16 != encoding_rs::UTF_8 => {
            return decode_utf16(name, utf16, &bytes[n..]).map(Cow::Owned);
        }
        Some((_, n)) => (n, &bytes[n..]),
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

/// Decodes the `body` of a UTF-16 file (after its two-byte BOM), refusing an odd
/// length or an unpaired surrogate.
fn decode_utf16(name: &str, utf16: &'static encoding_rs::Encoding, body: &[u8]) -> Result<String> {
    if !body.len().is_multiple_of(2) {
        return Err(input_error(
            name,
            "not valid UTF-16 (odd number of bytes)".to_string(),
        ));
    }
    let mut decoder = utf16.new_decoder_without_bom_handling();
    let room = decoder
        .max_utf8_buffer_length_without_replacement(body.len())
        .unwrap_or(body.len() * 3 / 2);
    let mut out = String::with_capacity(room);
    let (result, read) = decoder.decode_to_string_without_replacement(body, &mut out, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(out),
        encoding_rs::DecoderResult::Malformed(bad, after) => Err(input_error(
            name,
            format!(
                "not valid UTF-16 (unpaired surrogate at byte {})",
                2 + read - usize::from(after) - usize::from(bad)
            ),
        )),
        // The room asked for is the most any input of this length can take.
        encoding_rs::DecoderResult::OutputFull => Err(input_error(
            name,
            "too large to decode as UTF-16".to_string(),
        )),
    }
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

    #[test]
    fn utf16_errors_give_the_offset_of_the_unpaired_surrogate() {
        // (units after the BOM, the byte of the bad one counting the BOM)
        let table: [(&[u16], usize); 5] = [
            (&[0x41, 0xdc00, 0x42], 4),           // a low surrogate alone
            (&[0x41, 0x42, 0xd800, 0x43], 6),     // a high one before a letter
            (&[0x41, 0xd83d, 0xde00, 0xd800], 8), // a pair, then a high one at the end
            (&[0xd800, 0xd800, 0xdc00], 2),       // two highs, the second paired
            (&[0xdbff], 2),                       // a high one alone
        ];
        for (units, at) in table {
            let le: Vec<u8> = [0xfeff]
                .iter()
                .chain(units)
                .flat_map(|u| u.to_le_bytes())
                .collect();
            let be: Vec<u8> = [0xfeff]
                .iter()
                .chain(units)
                .flat_map(|u| u.to_be_bytes())
                .collect();
            for bytes in [le, be] {
                let err = decode("u.txt", &bytes, Encoding::Utf8).unwrap_err();
                assert_eq!(
                    err.to_string(),
                    format!("u.txt: not valid UTF-16 (unpaired surrogate at byte {at})"),
                    "{units:x?}"
                );
            }
        }
    }

    #[test]
    fn latin1_reads_the_windows_1252_bytes_and_the_c1_controls_it_leaves() {
        assert_eq!(
            decode_latin1(b"\x80\x81\x8d\x8f\x90\x9d\x9f\xa0\xff"),
            "\u{20ac}\u{81}\u{8d}\u{8f}\u{90}\u{9d}\u{178}\u{a0}\u{ff}"
        );
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(decode_latin1(&all).chars().count(), 256);
    }
}
