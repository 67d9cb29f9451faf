//! Helpers shared by the integration tests: running the binary, scratch folders,
//! reading graphs and the example corpus.

use newsgraph::document::Document;
use newsgraph::graphfile::WireGraph;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// An article written for these tests (not from any real source).
pub const ARTICLE: &str = "\
Japanese Defense Minister Haruto Sasaki hosted Philippine Defense Secretary Marco \
Villanueva in Tokyo on Monday for talks on coastal surveillance.

Sasaki said the two ministers had agreed to meet again next spring. Villanueva, who \
took office in March, told reporters that maritime cooperation would top the agenda.
";

/// The crate's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The example corpus folder.
pub fn corpus_dir() -> PathBuf {
    root().join("examples").join("corpus")
}

/// Runs `newsgraph ARGS` in the crate root, feeding `stdin` if given.
pub fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    cmd.args(args)
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
    let mut child = cmd.spawn().expect("newsgraph starts");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().expect("stdin pipe");
        pipe.write_all(bytes).expect("write stdin");
    }
    child.wait_with_output().expect("newsgraph runs")
}

/// Like [`run`], asserting exit status 0.
pub fn run_ok(args: &[&str]) -> Output {
    let out = run(args, None);
    assert!(
        out.status.success(),
        "newsgraph {args:?} failed with {:?}\nstderr:\n{}",
        out.status,
        stderr(&out)
    );
    out
}

/// The standard error of a run, as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A path as a `&str` for command arguments.
pub fn arg(p: &Path) -> &str {
    p.to_str().expect("temporary paths are UTF-8")
}

/// A fresh, empty folder under the system temporary folder, removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    /// Makes a folder whose name includes `tag`, the process id and a counter.
    pub fn new(tag: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir = std::env::temp_dir().join(format!(
            "newsgraph-it-{tag}-{}-{n}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir(&dir).expect("create temporary folder");
        TempDir(dir)
    }

    /// `name` inside the folder.
    pub fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Builds the bundled example corpus into a file and returns its bytes.
pub fn build_example(dir: &TempDir, file: &str) -> Vec<u8> {
    let path = dir.join(file);
    run_ok(&["build", "-q", "-o", arg(&path)]);
    std::fs::read(&path).expect("graph file written")
}

/// Parses graph JSON into the wire types (unknown fields are refused).
pub fn wire(bytes: &[u8]) -> WireGraph {
    serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("graph JSON does not parse: {e}"))
}

/// The graph of the example corpus, in wire form.
pub fn example_graph() -> WireGraph {
    let dir = TempDir::new("example");
    wire(&build_example(&dir, "graph.json"))
}

/// Parses the example document named `name`, as the binary does.
pub fn example_document(name: &str) -> Document {
    let bytes = std::fs::read(corpus_dir().join(name))
        .unwrap_or_else(|e| panic!("example document {name}: {e}"));
    Document::parse(name, &bytes).unwrap_or_else(|e| panic!("example document {name}: {e}"))
}
