//! Reporting a failed run: the error, and a hint at the next step that fits
//! what failed (which file, given by which option, and why).
//!
//! The library's errors name the path involved; the [`Context`] of the command
//! line says what that path was to the user (a graph file given with `--graph`,
//! an article, the file to write …), so that a missing graph file says how to
//! make one and a missing article says what `build` takes.

use newsgraph::Error;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// What a path given on the command line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A graph file to read, given with this option (`--graph`, `--into`) or
    /// as an input of `merge`.
    Graph(&'static str),
    /// An article, or a folder of articles, given to `build`.
    Input,
    /// Where the result is written (`-o`).
    Output,
    /// A file of settings given with this option (`--lexicon`, `--rules`,
    /// `--corrections`, `--dates`).
    Settings(&'static str),
}

/// The paths of the command line and what each is.
#[derive(Debug, Default)]
pub struct Context {
    paths: Vec<(PathBuf, Role)>,
    /// `build --stdin-jsonl`: standard input holds JSON lines.
    jsonl: bool,
}

impl Context {
    /// Records that `path` is a `role`.
    pub fn add(&mut self, path: &Path, role: Role) -> &mut Self {
        self.paths.push((path.to_path_buf(), role));
        self
    }

    /// Records every path of `paths` as a `role`.
    pub fn add_all(&mut self, paths: &[PathBuf], role: Role) -> &mut Self {
        for p in paths {
            self.add(p, role);
        }
        self
    }

    /// Records that standard input holds JSON lines (`build --stdin-jsonl`).
    pub fn jsonl(&mut self) -> &mut Self {
        self.jsonl = true;
        self
    }

    /// What `path` (named by an error) is: a path of the command line, a file
    /// in a folder of articles, or standard input (`-`).
    fn role(&self, path: &Path) -> Option<Role> {
        let stdin = path == Path::new(newsgraph::document::STDIN_NAME);
        let given = |p: &Path| p == path || (stdin && p == Path::new("-"));
        (self.paths.iter().find(|(p, _)| given(p)))
            .or_else(|| (self.paths.iter()).find(|(p, r)| *r == Role::Input && path.starts_with(p)))
            .map(|(_, r)| *r)
    }
}

/// The next step after `err`, when there is one the message does not already
/// say.
pub fn hint(err: &Error, cx: &Context) -> Option<String> {
    match err {
        Error::Io { path, source } => io(path, source.kind(), cx),
        Error::Input { path, reason } => input(path, reason, cx),
        Error::GraphFile { path, reason } => graph_file(path, reason, cx),
        Error::Lexicon { .. } => Some(
            "lexicon files use the format of data/lexicon.toml (see the README, The lexicon)"
                .into(),
        ),
        Error::Rules { .. } => {
            Some("rule files use the format of data/rules.toml (see the README, Rules)".into())
        }
        Error::Corrections { .. } => Some(
            "corrections files hold [[drop_edge]], [[merge]], [[keep_apart]], [[remove_alias]] \
             and [[rename]] tables, each with a reason (see examples/corrections.toml)"
                .into(),
        ),
        Error::UnknownName { .. } => Some(
            "names are labels, aliases or parts of a name; `newsgraph find PART` lists the \
             nodes whose name holds PART"
                .into(),
        ),
        // Each usage error says what to do instead.
        Error::Usage(_) => None,
    }
}

/// How to make a graph file.
const BUILD: &str = "newsgraph build ARTICLES... -o";

/// A file that could not be read or written.
fn io(path: &Path, kind: ErrorKind, cx: &Context) -> Option<String> {
    let shown = path.display();
    let role = cx.role(path)?;
    Some(match (role, kind) {
        (Role::Graph("--into"), ErrorKind::NotFound) => format!(
            "--into adds articles to a graph file that exists; to start one, \
             `{BUILD} {shown}`"
        ),
        (Role::Graph(_), ErrorKind::NotFound) => format!(
            "there is no graph file there; `{BUILD} {shown}` makes one \
             (or check the path)"
        ),
        (Role::Graph(opt), ErrorKind::IsADirectory) => format!(
            "{opt} takes a graph file, not a folder; `newsgraph build {shown} -o graph.json` \
             makes one of the articles in it"
        ),
        (Role::Input, ErrorKind::NotFound) => "check the path; `newsgraph build` takes files, \
             folders (their .txt and .md files, subfolders too), or - for standard input"
            .into(),
        (Role::Settings(opt), ErrorKind::NotFound) => {
            format!("check the path given to {opt}")
        }
        (Role::Output, ErrorKind::NotFound) => {
            let dir = (path.parent()).filter(|d| !d.as_os_str().is_empty());
            match dir {
                Some(dir) if !dir.exists() => format!(
                    "the folder {} does not exist; create it, or write elsewhere",
                    dir.display()
                ),
                _ => "write elsewhere (newsgraph cannot create a file there)".into(),
            }
        }
        (Role::Output, ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem) => {
            "you may not write there; write elsewhere, or check the folder's permissions".into()
        }
        (_, ErrorKind::PermissionDenied) => {
            "you may not read that file; check its permissions".into()
        }
        _ => return None,
    })
}

/// An article that is not usable text.
fn input(path: &Path, reason: &str, cx: &Context) -> Option<String> {
    let stdin = path == Path::new(newsgraph::document::STDIN_NAME);
    Some(if stdin && cx.jsonl && reason.starts_with("line ") {
        "--stdin-jsonl reads one JSON object a line, in UTF-8: {\"name\": NAME, \"text\": \
         TEXT}, or \"base64\" instead of \"text\" for bytes that are not UTF-8"
            .into()
    } else if reason.starts_with("no .txt or .md") {
        "`newsgraph build` reads the .txt and .md files of a folder and its subfolders; \
         a file of another ending is read when named itself"
            .into()
    } else if reason.starts_with("too large") {
        "--max-doc-bytes raises the limit (suffixes K, M, G)".into()
    } else if reason.starts_with("symbolic link") {
        "mend the link, or leave it out".into()
    } else if reason.starts_with("binary") || reason.starts_with("not a regular file") {
        "newsgraph reads text files; leave it out".into()
    } else {
        return None;
    })
}

/// A graph file that could not be read.
fn graph_file(path: &Path, reason: &str, cx: &Context) -> Option<String> {
    if reason.starts_with("written by a newer newsgraph") {
        return Some(
            "read it with the newsgraph that wrote it, or rebuild it from its articles with this one"
                .into(),
        );
    }
    let what = match cx.role(path) {
        Some(Role::Graph(opt)) if opt.starts_with('-') => format!("{opt} takes"),
        Some(Role::Graph(cmd)) => format!("{cmd} takes"),
        _ => "newsgraph reads".into(),
    };
    Some(format!(
        "{what} graph files written by `{BUILD} FILE.json`; rebuild this one, or check the path"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn io_error(path: &str, kind: ErrorKind) -> Error {
        Error::io(path, std::io::Error::from(kind))
    }

    #[test]
    fn a_missing_file_is_told_by_what_it_was_to_be() {
        let mut cx = Context::default();
        cx.add(Path::new("g.json"), Role::Graph("--graph"))
            .add(Path::new("news"), Role::Input)
            .add(Path::new("lex.toml"), Role::Settings("--lexicon"));
        let h = |p, k| hint(&io_error(p, k), &cx).unwrap_or_default();
        assert!(h("g.json", ErrorKind::NotFound).contains("makes one"));
        assert!(h("g.json", ErrorKind::IsADirectory).contains("not a folder"));
        assert!(h("news", ErrorKind::NotFound).contains("takes files, folders"));
        assert!(h("news/a/b.txt", ErrorKind::PermissionDenied).contains("may not read"));
        assert!(h("lex.toml", ErrorKind::NotFound).contains("--lexicon"));
        // A path the command line does not name gets no guess.
        assert_eq!(hint(&io_error("other", ErrorKind::NotFound), &cx), None);
    }

    #[test]
    fn an_unusable_article_is_told_why() {
        let cx = Context::default();
        let h = |reason: &str| {
            hint(
                &Error::Input {
                    path: "news".into(),
                    reason: reason.into(),
                },
                &cx,
            )
            .unwrap_or_default()
        };
        assert!(h("no .txt or .md articles found").contains("subfolders"));
        // (The message, and a note before it, say what to do.)
        assert_eq!(h("not UTF-8 (byte 3); re-encode it as UTF-8"), "");
        assert!(h("too large: 9 bytes (the limit is 8 bytes)").contains("--max-doc-bytes"));
        assert_eq!(h("something else"), "");
    }
}
