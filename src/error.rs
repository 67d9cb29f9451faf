//! The one error type of the library: what went wrong, and with which file or name,
//! so that the CLI can print a message a user can act on.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// Everything the library can fail with.
#[derive(Debug)]
pub enum Error {
    /// A file or directory could not be read or written.
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// An input document is not usable text (binary, bad encoding, too large …).
    Input {
        /// The document's path or name.
        path: PathBuf,
        /// Why it was refused.
        reason: String,
    },
    /// A lexicon file is malformed.
    Lexicon {
        /// The lexicon file (or `<builtin>`).
        path: PathBuf,
        /// What is wrong, with the entry where known.
        reason: String,
    },
    /// A rule file is malformed.
    Rules {
        /// The rule file (or `<builtin>`).
        path: PathBuf,
        /// What is wrong, with the rule's id where known.
        reason: String,
    },
    /// A corrections file (`build --corrections`) is malformed.
    Corrections {
        /// The corrections file.
        path: PathBuf,
        /// What is wrong, with the correction where known.
        reason: String,
    },
    /// A graph file is malformed or of another shape or version.
    GraphFile {
        /// The graph file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// A name given to a query matches no node.
    UnknownName {
        /// The name asked for.
        name: String,
        /// Near misses, best first.
        suggestions: Vec<String>,
    },
    /// A usage error found after argument parsing.
    Usage(String),
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Input { path, reason } => write!(f, "{}: {reason}", path.display()),
            Error::Lexicon { path, reason } => {
                write!(f, "lexicon {}: {reason}", path.display())
            }
            Error::Rules { path, reason } => {
                write!(f, "rules {}: {reason}", path.display())
            }
            Error::Corrections { path, reason } => {
                write!(f, "corrections {}: {reason}", path.display())
            }
            Error::GraphFile { path, reason } => {
                write!(f, "graph file {}: {reason}", path.display())
            }
            Error::UnknownName { name, suggestions } => {
                write!(f, "no node is named `{name}`")?;
                if suggestions.is_empty() {
                    write!(
                        f,
                        "; `newsgraph stats` lists the best-connected nodes, \
                         `newsgraph show ID` takes a node id"
                    )
                } else {
                    let quoted: Vec<String> =
                        suggestions.iter().map(|s| format!("\"{s}\"")).collect();
                    write!(f, "; did you mean {}?", quoted.join(" or "))
                }
            }
            Error::Usage(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
