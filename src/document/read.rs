//! Reading sources: their bytes, within the size limit, parsed into documents
//! whose errors name the file.

use super::{Document, Encoding, Limits, STDIN_NAME, Source, too_large};
use crate::error::{Error, Result};
use std::fs;
use std::io::{self, Read};
use std::path::Path;

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

    #[test]
    fn read_errors_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
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
    }
}
