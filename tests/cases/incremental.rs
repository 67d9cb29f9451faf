//! `newsgraph build --into` and `newsgraph merge`: a graph built in pieces is the
//! graph built at once, byte for byte; an article already in the graph is not added
//! again.

use crate::common::{TempDir, arg, corpus_dir, run, run_ok, stderr};
use std::path::{Path, PathBuf};

/// Copies the example articles into `old/` (the first `split`) and `new/` (the rest).
fn split_corpus(dir: &TempDir, split: usize) -> (PathBuf, PathBuf) {
    let (old, new) = (dir.join("old"), dir.join("new"));
    std::fs::create_dir(&old).unwrap();
    std::fs::create_dir(&new).unwrap();
    for (i, (name, _)) in newsgraph::corpus::EXAMPLE.iter().enumerate() {
        let to = if i < split { &old } else { &new };
        std::fs::copy(corpus_dir().join(name), to.join(name)).unwrap();
    }
    (old, new)
}

fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).expect("graph file written")
}

#[test]
fn into_equals_a_full_rebuild_byte_for_byte() {
    let dir = TempDir::new("into");
    let (old, new) = split_corpus(&dir, 7);
    let full = dir.join("full.json");
    run_ok(&["build", "-q", arg(&old), arg(&new), "-o", arg(&full)]);
    let graph = dir.join("graph.json");
    run_ok(&["build", "-q", arg(&old), "-o", arg(&graph)]);
    run_ok(&["build", "-q", arg(&new), "--into", arg(&graph)]);
    assert!(
        read(&graph) == read(&full),
        "build OLD; build NEW --into differs from build OLD NEW"
    );
    // The full build of the folders is the bundled build (same names, same texts).
    let bundled = dir.join("bundled.json");
    run_ok(&["build", "-q", "-o", arg(&bundled)]);
    assert!(read(&bundled) == read(&full));
}

#[test]
fn into_with_output_leaves_the_graph_file_alone() {
    let dir = TempDir::new("into-o");
    let (old, new) = split_corpus(&dir, 3);
    let graph = dir.join("graph.json");
    run_ok(&["build", "-q", arg(&old), "-o", arg(&graph)]);
    let before = read(&graph);
    let out = dir.join("out.json");
    run_ok(&[
        "build",
        "-q",
        arg(&new),
        "--into",
        arg(&graph),
        "-o",
        arg(&out),
    ]);
    assert!(read(&graph) == before, "--into FILE -o OUT changed FILE");
    assert!(read(&out) != before);
}

#[test]
fn articles_already_in_the_graph_are_not_added_again() {
    let dir = TempDir::new("again");
    let (old, _) = split_corpus(&dir, 5);
    let graph = dir.join("graph.json");
    run_ok(&["build", "-q", arg(&old), "-o", arg(&graph)]);
    let before = read(&graph);
    // Same files, and the same contents under other names.
    let renamed = dir.join("renamed");
    std::fs::create_dir(&renamed).unwrap();
    for e in std::fs::read_dir(&old).unwrap() {
        let e = e.unwrap();
        let name = format!("copy_{}", e.file_name().to_string_lossy());
        std::fs::copy(e.path(), renamed.join(name)).unwrap();
    }
    let out = run_ok(&["build", arg(&old), arg(&renamed), "--into", arg(&graph)]);
    assert!(
        read(&graph) == before,
        "re-adding known articles changed the graph"
    );
    let err = stderr(&out);
    assert!(
        err.contains("0 documents read (10 already in the graph)"),
        "summary does not count the known articles:\n{err}"
    );
}

#[test]
fn merge_of_shards_equals_the_full_build() {
    let dir = TempDir::new("merge");
    let (old, new) = split_corpus(&dir, 4);
    let (a, b) = (dir.join("a.json"), dir.join("b.json"));
    run_ok(&["build", "-q", arg(&old), "-o", arg(&a)]);
    run_ok(&["build", "-q", arg(&new), "-o", arg(&b)]);
    let full = dir.join("full.json");
    run_ok(&["build", "-q", arg(&old), arg(&new), "-o", arg(&full)]);
    for (x, y) in [(&a, &b), (&b, &a)] {
        let m = dir.join("m.json");
        run_ok(&["merge", arg(x), arg(y), "-o", arg(&m)]);
        assert!(read(&m) == read(&full), "merge differs from the full build");
    }
}

#[test]
fn merge_refuses_graphs_sharing_an_article() {
    let dir = TempDir::new("shared");
    let (old, _) = split_corpus(&dir, 2);
    let a = dir.join("a.json");
    run_ok(&["build", "-q", arg(&old), "-o", arg(&a)]);
    let out = run(
        &["merge", arg(&a), arg(&a), "-o", arg(&dir.join("m.json"))],
        None,
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn merge_refuses_two_versions_of_an_article() {
    let dir = TempDir::new("conflict");
    let (old, _) = split_corpus(&dir, 2);
    let a = dir.join("a.json");
    run_ok(&["build", "-q", arg(&old), "-o", arg(&a)]);
    let name = newsgraph::corpus::EXAMPLE[0].0;
    std::fs::write(
        old.join(name),
        "Defense Minister Kang Ho-sung met reporters.\n",
    )
    .unwrap();
    let b = dir.join("b.json");
    run_ok(&["build", "-q", arg(&old), "-o", arg(&b)]);
    let out = run(
        &["merge", arg(&a), arg(&b), "-o", arg(&dir.join("m.json"))],
        None,
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains(name), "{}", stderr(&out));
}

/// The same article under two names in two shards is refused by `merge`: a full
/// build would read it once.
#[test]
fn merge_refuses_the_same_article_under_two_names() {
    let dir = crate::common::TempDir::new("merge-same");
    let (a, b) = (dir.join("a"), dir.join("b"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    std::fs::write(a.join("one.txt"), crate::common::ARTICLE).unwrap();
    std::fs::write(b.join("two.txt"), crate::common::ARTICLE).unwrap();
    let (ga, gb) = (dir.join("a.json"), dir.join("b.json"));
    crate::common::run_ok(&[
        "build",
        crate::common::arg(&a),
        "-q",
        "-o",
        crate::common::arg(&ga),
    ]);
    crate::common::run_ok(&[
        "build",
        crate::common::arg(&b),
        "-q",
        "-o",
        crate::common::arg(&gb),
    ]);
    let out = crate::common::run(
        &[
            "merge",
            crate::common::arg(&ga),
            crate::common::arg(&gb),
            "-o",
            "-",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = crate::common::stderr(&out);
    assert!(
        err.contains("two.txt (the same article as one.txt)"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn into_a_file_whose_edges_do_not_read_fails_and_keeps_it() {
    // Laid out as build writes it, nodes and edge keys in order, but every edge's
    // evidence is not a list: the splice finds it out only while writing (the
    // edges are placed as the nodes are written), and must then give up the
    // file it began, read the graph whole and report what is wrong.
    let dir = TempDir::new("into-bad-edges");
    let (old, new) = split_corpus(&dir, 7);
    let graph = dir.join("graph.json");
    run_ok(&["build", "-q", arg(&old), "-o", arg(&graph)]);
    let text = String::from_utf8(read(&graph)).unwrap();
    let bad = text.replace("\"evidence\":[", "\"evidence\":{\"n\":[");
    let bad = bad.replace("]},\n{\"id\"", "]}},\n{\"id\"");
    assert!(bad != text);
    std::fs::write(&graph, &bad).unwrap();
    let out = run(&["build", "-q", arg(&new), "--into", arg(&graph)], None);
    assert_eq!(out.status.code(), Some(2), "stderr:\n{}", stderr(&out));
    assert!(stderr(&out).contains(arg(&graph)), "{}", stderr(&out));
    // The whole read says what is wrong, and where.
    assert!(
        stderr(&out).contains("expected a sequence at line"),
        "{}",
        stderr(&out)
    );
    assert!(read(&graph) == bad.as_bytes(), "the graph file changed");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert_eq!(left, Vec::<String>::new());
}

/// Copies the example articles into `old/` (all but the first `split`) and
/// `new/` (the first `split`): the new names sort before the old.
fn split_corpus_new_first(dir: &TempDir, split: usize) -> (PathBuf, PathBuf) {
    let (old, new) = split_corpus(dir, split);
    // split_corpus put the first `split` in old/: swap the folders.
    let swap = dir.join("swap");
    std::fs::rename(&old, &swap).unwrap();
    std::fs::rename(&new, &old).unwrap();
    std::fs::rename(&swap, &new).unwrap();
    (old, new)
}

#[test]
fn into_a_file_the_splice_cannot_take_gives_the_full_build() {
    // Valid JSON, laid out as build writes it but for a space in every evidence
    // list: the whole read takes it, the splice does not (the new articles sort
    // first, so every evidence number is rewritten, and the rewrite reads the
    // list as build writes it). Found out while writing: the file begun is given
    // up, the graph read whole, and the result is still the full build, to a
    // file or to standard output (where nothing of the first try may show).
    let dir = TempDir::new("into-fallback");
    let (old, new) = split_corpus_new_first(&dir, 5);
    let full = dir.join("full.json");
    run_ok(&["build", "-q", arg(&old), arg(&new), "-o", arg(&full)]);
    let graph = dir.join("graph.json");
    run_ok(&["build", "-q", arg(&old), "-o", arg(&graph)]);
    let text = String::from_utf8(read(&graph)).unwrap();
    let spaced = text.replace("\"evidence\":[", "\"evidence\":[ ");
    assert!(spaced != text);
    std::fs::write(&graph, &spaced).unwrap();
    let out = run_ok(&["build", "-q", arg(&new), "--into", arg(&graph), "-o", "-"]);
    assert!(
        out.stdout == read(&full),
        "standard output is not the full build"
    );
    assert!(read(&graph) == spaced.as_bytes());
    run_ok(&["build", "-q", arg(&new), "--into", arg(&graph)]);
    assert!(
        read(&graph) == read(&full),
        "the file is not the full build"
    );
}

#[test]
fn into_a_bad_file_writes_nothing_to_standard_output() {
    let dir = TempDir::new("into-bad-stdout");
    let (old, new) = split_corpus(&dir, 7);
    let graph = dir.join("graph.json");
    run_ok(&["build", "-q", arg(&old), "-o", arg(&graph)]);
    let text = String::from_utf8(read(&graph)).unwrap();
    let bad = text
        .replace("\"evidence\":[", "\"evidence\":{\"n\":[")
        .replace("]},\n{\"id\"", "]}},\n{\"id\"");
    std::fs::write(&graph, &bad).unwrap();
    let out = run(
        &["build", "-q", arg(&new), "--into", arg(&graph), "-o", "-"],
        None,
    );
    assert_eq!(out.status.code(), Some(2), "stderr:\n{}", stderr(&out));
    assert!(
        out.stdout.is_empty(),
        "{} bytes on standard output",
        out.stdout.len()
    );
}
