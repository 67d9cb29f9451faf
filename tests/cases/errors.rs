//! Bad input: exit codes and messages that name the culprit.

use crate::common::{ARTICLE, TempDir, arg, run, stderr, wire};

#[test]
fn missing_input_exits_2_naming_the_path() {
    let dir = TempDir::new("missing");
    let missing = dir.join("not-here.txt");
    let out = run(&["build", arg(&missing), "-o", "-"], None);
    assert_eq!(out.status.code(), Some(2), "stderr:\n{}", stderr(&out));
    assert!(
        stderr(&out).contains(arg(&missing)),
        "error does not name {}:\n{}",
        missing.display(),
        stderr(&out)
    );
    assert!(out.stdout.is_empty(), "a failed run wrote to stdout");
}

#[test]
fn folder_without_articles_exits_2_naming_the_folder() {
    let dir = TempDir::new("no-articles");
    let empty = dir.join("articles");
    std::fs::create_dir(&empty).expect("create folder");
    std::fs::write(empty.join("notes.csv"), "a,b\n").expect("write file");
    std::fs::write(empty.join(".hidden.txt"), ARTICLE).expect("write file");
    let out = run(&["build", arg(&empty), "-o", "-"], None);
    assert_eq!(out.status.code(), Some(2), "stderr:\n{}", stderr(&out));
    assert!(
        stderr(&out).contains(arg(&empty)),
        "error does not name {}:\n{}",
        empty.display(),
        stderr(&out)
    );
    assert!(out.stdout.is_empty(), "a failed run wrote to stdout");
}

#[test]
fn non_utf8_file_is_skipped_and_the_rest_built_with_exit_1() {
    let dir = TempDir::new("non-utf8");
    let articles = dir.join("articles");
    std::fs::create_dir(&articles).expect("create folder");
    std::fs::write(articles.join("good.txt"), ARTICLE).expect("write good.txt");
    std::fs::write(articles.join("x.txt"), [0x66, 0xe9, 0x0a]).expect("write x.txt");
    let graph = dir.join("graph.json");
    let out = run(&["build", arg(&articles), "-o", arg(&graph)], None);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "stderr:\n{err}");
    assert!(err.contains("x.txt"), "x.txt is not named:\n{err}");
    assert!(
        err.contains("skipped"),
        "the run does not say it skipped:\n{err}"
    );

    let g = wire(&std::fs::read(&graph).expect("graph written despite the skip"));
    let docs: Vec<&str> = g.graph.documents.keys().map(String::as_str).collect();
    assert_eq!(docs, ["good.txt"]);
    assert!(!g.nodes.is_empty(), "good.txt gave no nodes");
    assert!(
        g.nodes
            .iter()
            .all(|n| n.docs.iter().all(|d| &**d == "good.txt")),
        "a node cites a document other than good.txt"
    );
}
