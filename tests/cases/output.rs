//! Where the graph goes: standard output with `-o -`, files replaced atomically.

use crate::common::{TempDir, arg, build_example, run, run_ok, stderr, wire};

#[test]
fn dash_output_writes_only_the_graph_to_stdout() {
    let dir = TempDir::new("stdout");
    let file = build_example(&dir, "g.json");
    let out = run_ok(&["build", "-o", "-"]);
    // The whole of stdout is one JSON document (serde_json refuses trailing data) …
    let g = wire(&out.stdout);
    assert!(!g.nodes.is_empty());
    // … the same bytes as written to a file, while the summary goes to stderr.
    assert!(out.stdout == file, "stdout differs from the file build");
    assert!(
        stderr(&out).contains("documents read"),
        "summary missing from stderr:\n{}",
        stderr(&out)
    );
}

/// Names in `dir` that look like temporary files of the atomic write.
fn stray_temporaries(dir: &TempDir) -> Vec<String> {
    std::fs::read_dir(dir.path())
        .expect("list temporary folder")
        .map(|e| {
            e.expect("folder entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.contains(".tmp"))
        .collect()
}

#[test]
fn failed_run_leaves_the_previous_output_untouched() {
    let dir = TempDir::new("atomic-fail");
    let out_path = dir.join("out.json");
    std::fs::write(&out_path, "OLD").expect("write old output");
    let missing = dir.join("no-such-lexicon.toml");
    let out = run(
        &["build", "-o", arg(&out_path), "--lexicon", arg(&missing)],
        None,
    );
    assert_eq!(out.status.code(), Some(2), "stderr:\n{}", stderr(&out));
    assert!(
        stderr(&out).contains("no-such-lexicon.toml"),
        "error does not name the lexicon:\n{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(&out_path).expect("read output"),
        "OLD",
        "a failed run changed the output file"
    );
    assert_eq!(stray_temporaries(&dir), Vec::<String>::new());
}

#[test]
fn successful_run_replaces_the_previous_output() {
    let dir = TempDir::new("atomic-ok");
    let out_path = dir.join("out.json");
    std::fs::write(&out_path, "OLD").expect("write old output");
    run_ok(&["build", "-q", "-o", arg(&out_path)]);
    let bytes = std::fs::read(&out_path).expect("read output");
    assert!(!wire(&bytes).nodes.is_empty());
    assert_eq!(stray_temporaries(&dir), Vec::<String>::new());
}

#[test]
fn failed_rename_removes_its_temporary_file() {
    // The output path is a folder: the graph is written to a temporary file, whose
    // rename onto the folder fails; the temporary file must not be left behind.
    let dir = TempDir::new("atomic-rename");
    let out_path = dir.join("out.json");
    std::fs::create_dir(&out_path).expect("create folder");
    std::fs::write(out_path.join("keep.txt"), "OLD").expect("write file");
    let out = run(&["build", "-q", "-o", arg(&out_path)], None);
    assert_eq!(out.status.code(), Some(2), "stderr:\n{}", stderr(&out));
    assert!(
        stderr(&out).contains("out.json"),
        "error does not name the output:\n{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(out_path.join("keep.txt")).expect("folder kept"),
        "OLD"
    );
    assert_eq!(stray_temporaries(&dir), Vec::<String>::new());
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    // `newsgraph stats --format dot | head -1`: the reader closes the pipe after a
    // few bytes; newsgraph ends quietly with status 0, whatever the command and format.
    use std::io::Read;
    use std::process::{Command, Stdio};
    for args in [
        &["stats", "--format", "dot"][..],
        &["stats", "--format", "html"][..],
        &["neighbors", "NCG", "--format", "html"][..],
        &["path", "NCG", "Biden", "--format", "html"][..],
        &["export", "-f", "graphml"][..],
    ] {
        // (Each writes more than a pipe holds, so the closed pipe is met.)
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start newsgraph");
        let mut head = [0u8; 16];
        child
            .stdout
            .take()
            .expect("stdout")
            .read_exact(&mut head)
            .expect("the first bytes");
        // The read end is dropped here: the rest of the output meets a closed pipe.
        let out = child.wait_with_output().expect("wait");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(
            !stderr(&out).contains("Broken pipe"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}
