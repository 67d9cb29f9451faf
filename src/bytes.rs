//! A file's bytes, mapped into memory when it is a regular file, read otherwise.
//!
//! Graph files are large, and newsgraph replaces them by renaming a new file
//! into place, never by writing into the old one: mapping them costs no copy,
//! and the bytes stay as they were for as long as they are used.

use crate::{Error, Result};
use std::io::Read;
use std::path::Path;

/// The name that stands for standard input.
const STDIN: &str = "-";

/// A file's bytes: mapped if it is a regular file, read otherwise.
pub enum Bytes {
    /// Read into memory (standard input, an empty file, a pipe or a device).
    Read(Vec<u8>),
    /// Mapped from the file.
    Mapped(memmap2::Mmap),
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Read(v) => v,
            Bytes::Mapped(m) => m,
        }
    }
}

impl Bytes {
    /// The bytes of the file at `path` (`-`: standard input).
    pub fn open(path: &Path) -> Result<Bytes> {
        if path == Path::new(STDIN) {
            let mut v = Vec::new();
            std::io::stdin()
                .read_to_end(&mut v)
                .map_err(|e| Error::io("<stdin>", e))?;
            return Ok(Bytes::Read(v));
        }
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let meta = file.metadata().map_err(|e| Error::io(path, e))?;
        if meta.len() == 0 || !meta.is_file() {
            // Empty files and non-files (pipes, devices, folders) are read, not mapped.
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            return Ok(Bytes::Read(bytes));
        }
        // SAFETY: the map is only read; newsgraph never writes into an existing
        // graph file (it renames a new one into place), so the bytes do not change
        // under us unless another program rewrites the file in place.
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|e| Error::io(path, e))?;
        Ok(Bytes::Mapped(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_mapped_and_an_empty_one_read() {
        let dir = tempfile::tempdir().unwrap();
        let (full, empty) = (dir.path().join("g.json"), dir.path().join("e.json"));
        std::fs::write(&full, b"{\"nodes\":[]}").unwrap();
        std::fs::write(&empty, b"").unwrap();
        let b = Bytes::open(&full).unwrap();
        assert!(matches!(b, Bytes::Mapped(_)));
        assert_eq!(&*b, b"{\"nodes\":[]}");
        assert!(matches!(Bytes::open(&empty).unwrap(), Bytes::Read(v) if v.is_empty()));
        assert!(matches!(
            Bytes::open(&dir.path().join("none.json")),
            Err(Error::Io { .. })
        ));
    }
}
