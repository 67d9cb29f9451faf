//! The command line's contract with a new user: a closed pipe is not an error,
//! every hint fits its error, bad values list the valid ones, `--sync` is
//! described once, an ambiguous name lists a few candidates and counts the
//! rest, and counts read "1 node", "2 nodes".

use crate::common::{TempDir, arg, build_example, root, run, stderr};
use std::process::{Command, Stdio};

/// Runs `newsgraph ARGS` with standard output a pipe whose reader is already
/// gone: every write to it fails (as under `| head -1` once head has its line).
fn run_into_closed_pipe(args: &[&str]) -> std::process::Output {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .expect("newsgraph runs")
}

#[test]
fn a_closed_pipe_is_not_an_error_for_any_command_or_format() {
    let dir = TempDir::new("closed-pipe");
    build_example(&dir, "g.json");
    let g = dir.join("g.json");
    let g = arg(&g);
    let cases: &[&[&str]] = &[
        &["stats", "--graph", g],
        &["stats", "--graph", g, "--format", "dot"],
        &["stats", "--graph", g, "--format", "html"],
        &["stats", "--graph", g, "--format", "json"],
        &["show", "NCG", "--graph", g],
        &["show", "NCG", "--graph", g, "--format", "graphml"],
        &["neighbors", "NCG", "--graph", g, "--format", "html"],
        &["path", "NCG", "Biden", "--graph", g],
        &["timeline", "KIDD", "--graph", g],
        &["history", "Minister of National Defense", "--graph", g],
        &["find", "kim", "--graph", g, "--format", "cytoscape"],
        &["export", "--graph", g, "-f", "dot"],
        &["export", "--graph", g, "-f", "turtle", "-o", "-"],
        &["export", "--graph", g, "-f", "html"],
        &["merge", g, "-o", "-"],
        &["build", "-q", "examples/corpus/", "-o", "-"],
        &["completions", "bash"],
        &["--help"],
        &["help", "build"],
        &["--version"],
    ];
    for args in cases {
        let out = run_into_closed_pipe(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{args:?} wrote to standard error");
    }
}

/// The error and hint lines of a failed run, asserting exit status 2.
fn failure(args: &[&str]) -> (String, String) {
    let out = run(args, None);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    let line = |p: &str| {
        err.lines()
            .find_map(|l| l.strip_prefix(p))
            .unwrap_or_default()
            .to_string()
    };
    (line("error: "), line("hint: "))
}

#[test]
fn each_hint_fits_what_failed() {
    let dir = TempDir::new("hints");
    let (missing, empty) = (dir.join("nosuch.json"), dir.join("empty"));
    std::fs::create_dir(&empty).expect("a folder");
    let (missing, empty) = (arg(&missing), arg(&empty));

    // A graph file that is not there: how to make one.
    let (_, hint) = failure(&["show", "NCG", "--graph", missing]);
    assert!(
        hint.contains(&format!("newsgraph build ARTICLES... -o {missing}")),
        "{hint}"
    );
    let (_, hint) = failure(&["merge", missing, "-o", "-"]);
    assert!(hint.contains("newsgraph build"), "{hint}");
    let (_, hint) = failure(&["build", "examples/corpus", "--into", missing]);
    assert!(
        hint.contains("--into adds articles to a graph file that exists"),
        "{hint}"
    );
    // A folder given as a graph: how to build it.
    let (_, hint) = failure(&["stats", "--graph", empty]);
    assert!(hint.contains("not a folder"), "{hint}");

    // Articles: what build takes, and what it reads of a folder.
    let (_, hint) = failure(&["build", missing, "-o", "-"]);
    assert!(hint.contains("takes files, folders"), "{hint}");
    let (error, hint) = failure(&["build", empty, "-o", "-"]);
    assert!(error.contains("no .txt or .md articles"), "{error}");
    assert!(hint.contains(".txt and .md files of a folder"), "{hint}");
    assert!(!hint.contains("encode"), "{hint}");

    // Settings files and the file to write.
    let (_, hint) = failure(&["build", "examples/corpus", "--lexicon", missing, "-o", "-"]);
    assert_eq!(hint, "check the path given to --lexicon");
    let nowhere = dir.join("no/such/folder/g.json");
    let (_, hint) = failure(&["build", "examples/corpus", "-q", "-o", arg(&nowhere)]);
    assert!(hint.contains("does not exist; create it"), "{hint}");

    // A file that is not a graph.
    let text = dir.join("notes.json");
    std::fs::write(&text, "{\"a\": 1}").expect("write");
    let (_, hint) = failure(&["stats", "--graph", arg(&text)]);
    assert!(
        hint.contains("--graph takes graph files written by"),
        "{hint}"
    );

    // A usage error says what to do itself: no generic hint under it.
    let (error, hint) = failure(&["history", "NCG"]);
    assert!(error.contains("not an office"), "{error}");
    assert_eq!(hint, "");
}

#[test]
fn a_bad_value_lists_the_valid_ones() {
    for (args, valid) in [
        (
            &["path", "NCG", "Yoon", "--via", "led,lead"][..],
            "holds_office",
        ),
        (
            &["path", "NCG", "Yoon", "--avoid", "persns"][..],
            "agreement",
        ),
        (&["find", "kim", "--kind", "persn"][..], "organization"),
        (&["export", "--format", "xml"][..], "ntriples"),
        (&["export", "--cluster-by", "country"][..], "kind, doc"),
        (&["stats", "--format", "xml"][..], "graphology"),
    ] {
        let out = run(args, None);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("possible values:") && err.contains(valid),
            "{args:?}: {err}"
        );
    }
    // Plurals are still read.
    let out = run(&["find", "--kind", "people"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn sync_is_described_once() {
    let help = |args: &[&str]| String::from_utf8_lossy(&run(args, None).stdout).into_owned();
    let long = "power failure";
    for cmd in ["build", "show", "export", "merge"] {
        let h = help(&[cmd, "--help"]);
        assert!(h.contains("--sync"), "{cmd}: {h}");
        assert!(
            !h.contains(long),
            "{cmd} --help repeats the long text of --sync"
        );
    }
    assert_eq!(help(&["--help"]).matches(long).count(), 1);
}

/// Seven people of one surname, each the holder of the same office, in seven
/// articles (written for this test).
fn same_surname(dir: &TempDir) -> String {
    let articles = dir.join("articles");
    std::fs::create_dir(&articles).expect("a folder");
    let given = [
        "Hyun-woo",
        "Ji-ho",
        "Seung-min",
        "Dong-hyun",
        "Ye-jin",
        "Min-seok",
        "Tae-yang",
    ];
    for (i, g) in given.iter().enumerate() {
        let text = format!(
            "SEOUL, March {}, 2024 -- Baek {g}, the vice defense minister, met Australian \
             officials in Canberra on Tuesday to discuss maritime security.\n",
            i + 1
        );
        std::fs::write(articles.join(format!("a{i}.txt")), text).expect("write");
    }
    let graph = dir.join("g.json");
    let out = run(&["build", "-q", arg(&articles), "-o", arg(&graph)], None);
    assert!(out.status.success(), "{}", stderr(&out));
    arg(&graph).to_string()
}

#[test]
fn an_ambiguous_name_lists_five_candidates_and_counts_the_rest() {
    let dir = TempDir::new("ambiguous");
    let g = same_surname(&dir);
    let out = run(&["show", "Baek", "--graph", &g], None);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        text.contains("\"Baek\" is ambiguous: it matches 7 nodes."),
        "{text}"
    );
    let banner = text.split("\n\n").next().unwrap_or_default();
    let listed = banner
        .lines()
        .filter(|l| l.contains("[person:baek-"))
        .count();
    assert_eq!(listed, 5, "{text}");
    assert!(
        text.contains("… and 2 more; `newsgraph find Baek` lists them all"),
        "{text}"
    );
    // The order is fixed: equally connected, by id.
    let first = text.lines().nth(1).unwrap_or_default();
    assert!(first.contains("* Baek Dong-hyun"), "{text}");
    // The office's holders: three, then how many more.
    let office = "Vice Minister of National Defense";
    let out = run(
        &[
            "path", office, "Canberra", "--graph", &g, "--format", "json",
        ],
        None,
    );
    let json = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        json.contains("held by Baek Dong-hyun, Baek Hyun-woo, Baek Ji-ho, +4 more holders;"),
        "{json}"
    );
}

#[test]
fn counts_of_one_are_singular() {
    let dir = TempDir::new("plurals");
    let g = same_surname(&dir);
    let out = run(&["neighbors", "Canberra", "--graph", &g], None);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        text.starts_with("1 node within 1 hop of Canberra:"),
        "{text}"
    );
    let out = run(&["neighbors", "Baek Ji-ho", "--graph", &g], None);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(text.contains("2 nodes within 1 hop"), "{text}");
    assert!(text.contains("\n1 edge among them:"), "{text}");
    let one = dir.join("one");
    std::fs::create_dir(&one).expect("a folder");
    std::fs::write(
        one.join("a.txt"),
        "Baek Ji-ho, the vice defense minister, spoke on Tuesday.\n",
    )
    .expect("write");
    let out = run(
        &["build", arg(&one), "-o", arg(&dir.join("one.json"))],
        None,
    );
    let err = stderr(&out);
    assert!(
        err.starts_with("1 document read, 2 nodes, 1 edge in"),
        "{err}"
    );
}

#[test]
fn build_help_names_every_output_ending() {
    let out = run(&["build", "--help"], None);
    let help = String::from_utf8_lossy(&out.stdout).into_owned();
    for ending in newsgraph::export::Format::EXTENSIONS.split(", ") {
        assert!(
            help.contains(ending),
            "build --help omits {ending}:\n{help}"
        );
    }
}
