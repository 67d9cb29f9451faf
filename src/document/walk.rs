//! Finding input files: the sources that files, folders and `-` stand for.

use crate::error::{Error, Result};
use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

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

#[cfg(test)]
mod tests {
    use super::super::read;
    use super::*;

    #[test]
    fn discover_walks_directories() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
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
    }
}
