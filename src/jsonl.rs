//! JSON lines: documents on standard input, one JSON object a line, so that another
//! program (a Spark executor, a crawler) can feed `newsgraph build --stdin-jsonl`
//! without writing files.
//!
//! Each line is `{"name": NAME, "text": TEXT}` or `{"name": NAME, "base64": BYTES}`:
//! `name` is the document name evidence will carry, exactly as `newsgraph build DIR`
//! would give the file (its path relative to `DIR`, with `/`); `text` is the file's
//! contents when they are UTF-8, `base64` its bytes (standard alphabet, padded)
//! otherwise (UTF-16 with a BOM, or bytes to be refused as a file's would be). The
//! document is then the file it stands for, byte for byte: the same decoding, the
//! same content hash, the same graph. Blank lines are skipped; a malformed line, a
//! name given twice or an empty name is an error naming the line.

use crate::error::{Error, Result};
use serde::Deserialize;
use std::collections::HashMap;
use std::io::BufRead;
use std::path::PathBuf;

/// One line of input, as parsed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    name: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    base64: Option<String>,
}

/// One document read from JSON lines: its name and the bytes of the file it stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedBytes {
    /// The document name.
    pub name: String,
    /// The document's bytes.
    pub bytes: Vec<u8>,
}

/// Reads every line of `input`; `origin` names the input in errors (`<stdin>`).
pub fn read(input: impl BufRead, origin: &str) -> Result<Vec<NamedBytes>> {
    let bad = |n: usize, reason: String| Error::Input {
        path: PathBuf::from(origin),
        reason: format!("line {n}: {reason}"),
    };
    let mut out = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, line) in input.lines().enumerate() {
        let n = i + 1;
        let line = line.map_err(|e| match e.kind() {
            std::io::ErrorKind::InvalidData => bad(n, "not UTF-8".to_string()),
            _ => Error::io(origin, e),
        })?;
        if line.trim().is_empty() {
            continue;
        }
        let parsed: Line = serde_json::from_str(&line).map_err(|e| {
            bad(
                n,
                format!(
                    "{e} (expected {{\"name\": …, \"text\": …}} or {{\"name\": …, \"base64\": …}})"
                ),
            )
        })?;
        let bytes = match (parsed.text, parsed.base64) {
            (Some(text), None) => text.into_bytes(),
            (None, Some(b64)) => decode_base64(&b64).map_err(|e| bad(n, e))?,
            (Some(_), Some(_)) => return Err(bad(n, "both `text` and `base64`".to_string())),
            (None, None) => return Err(bad(n, "neither `text` nor `base64`".to_string())),
        };
        if parsed.name.is_empty() {
            return Err(bad(n, "empty `name`".to_string()));
        }
        if let Some(first) = seen.insert(parsed.name.clone(), n) {
            return Err(bad(
                n,
                format!(
                    "document `{}` was given on line {first} already",
                    parsed.name
                ),
            ));
        }
        out.push(NamedBytes {
            name: parsed.name,
            bytes,
        });
    }
    Ok(out)
}

/// Decodes standard, padded base64 (RFC 4648 §4); whitespace is not allowed, and
/// the unused bits of a last, padded group are ignored.
fn decode_base64(s: &str) -> std::result::Result<Vec<u8>, String> {
    use base64::Engine;
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    const BASE64: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::RequireCanonical)
            .with_decode_allow_trailing_bits(true),
    );
    if !s.len().is_multiple_of(4) {
        return Err("`base64` is not a multiple of 4 characters long".to_string());
    }
    BASE64.decode(s).map_err(|e| match e {
        base64::DecodeError::InvalidByte(at, b'=')
        | base64::DecodeError::InvalidLastSymbol {
            offset: at,
            symbol: b'=',
            ..
        } => {
            format!("`base64` has misplaced padding at character {at}")
        }
        base64::DecodeError::InvalidByte(at, c)
        | base64::DecodeError::InvalidLastSymbol {
            offset: at,
            symbol: c,
            ..
        } => {
            format!("`base64` has {:?} at character {at}", c as char)
        }
        base64::DecodeError::InvalidLength(_) | base64::DecodeError::InvalidPadding => {
            "`base64` has misplaced padding".to_string()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(s: &str) -> Result<Vec<NamedBytes>> {
        read(s.as_bytes(), "<stdin>")
    }

    #[test]
    fn lines_give_named_documents() {
        let input = "{\"name\": \"a/b.txt\", \"text\": \"Hello\\nworld \\u00e9\"}\n\
                     \n\
                     {\"base64\": \"//4=\", \"name\": \"u16.txt\"}\r\n";
        let docs = read_str(input).unwrap();
        assert_eq!(
            docs,
            vec![
                NamedBytes {
                    name: "a/b.txt".into(),
                    bytes: "Hello\nworld é".as_bytes().to_vec()
                },
                NamedBytes {
                    name: "u16.txt".into(),
                    bytes: vec![0xff, 0xfe]
                },
            ]
        );
        assert!(read_str("").unwrap().is_empty());
    }

    #[test]
    fn bad_lines_are_errors_naming_the_line() {
        let table = [
            ("{\"name\": \"a\", \"text\": \"x\"}\nnot json\n", "line 2:"),
            ("{\"name\": \"a\"}", "line 1: neither"),
            (
                "{\"name\": \"a\", \"text\": \"x\", \"base64\": \"\"}",
                "both",
            ),
            ("{\"name\": \"\", \"text\": \"x\"}", "empty `name`"),
            (
                "{\"name\": \"a\", \"text\": \"x\", \"title\": \"t\"}",
                "unknown field",
            ),
            ("{\"name\": 3, \"text\": \"x\"}", "line 1:"),
            (
                "{\"name\": \"a\", \"text\": \"x\"}\n{\"name\": \"a\", \"text\": \"y\"}",
                "line 2: document `a` was given on line 1 already",
            ),
            ("{\"name\": \"a\", \"base64\": \"abc\"}", "multiple of 4"),
            ("{\"name\": \"a\", \"base64\": \"ab=c\"}", "at character 2"),
            ("{\"name\": \"a\", \"base64\": \"a===\"}", "padding"),
            (
                "{\"name\": \"a\", \"base64\": \"Zg==Zg==\"}",
                "padding at character 2",
            ),
            (
                "{\"name\": \"a\", \"base64\": \"Zg-=\"}",
                "'-' at character 2",
            ),
            ("{\"name\": \"a\", \"base64\": \"Z===\"}", "padding"),
        ];
        for (input, want) in table {
            let err = read_str(input).unwrap_err().to_string();
            assert!(err.contains(want), "{input:?}: {err}");
            assert!(err.starts_with("<stdin>: line "), "{input:?}: {err}");
        }
        let err = read(&b"{\"name\": \"a\", \"text\": \"\xff\"}"[..], "<stdin>").unwrap_err();
        assert!(err.to_string().contains("line 1: not UTF-8"), "{err}");
    }

    #[test]
    fn base64_round_trips() {
        let table: [(&str, &[u8]); 7] = [
            ("", b""),
            ("Zg==", b"f"),
            ("Zm8=", b"fo"),
            ("Zm9v", b"foo"),
            ("Zm9vYmFy", b"foobar"),
            ("AP/+", &[0x00, 0xff, 0xfe]),
            // Unused bits set in the last group are ignored.
            ("Zh==", b"f"),
        ];
        for (enc, dec) in table {
            assert_eq!(decode_base64(enc).unwrap(), dec, "{enc}");
        }
    }
}
