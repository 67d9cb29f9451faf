//! Document dates (front matter, datelines, `build --dates`) and `--as-of`, on the
//! small dated corpus of `tests/fixtures/dated/` (written for these tests): a KIDD
//! of 2019 and one of 2021 dated by their datelines, an SCM of 2023 dated by front
//! matter, a story of 2025 with a "(Reuters)" dateline, one whose dateline gives
//! only month and day, and one with no date at all.

use crate::common::{TempDir, arg, run, run_ok, stderr};
use newsgraph::export::json::LinkGraph;
use newsgraph::query::ShowAnswer;
use newsgraph::{EntityKind, Relation};
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    crate::common::root()
        .join("tests")
        .join("fixtures")
        .join("dated")
}

/// The fixture's articles, (name, text), in name order.
fn articles() -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = std::fs::read_dir(fixture())
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_str().unwrap().to_string();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    v.sort();
    v
}

/// The dates the fixture's datelines and front matter give, and the ones a dates
/// file gives the others.
const DATES: [(&str, &str); 6] = [
    ("2019-seoul-kidd.txt", "2019-09-24"),
    ("2021-washington-kidd.txt", "2021-09-16"),
    ("2023-seoul-scm.txt", "2023-11-13"),
    ("2025-tokyo.txt", "2025-03-03"),
    ("monthday-seoul.txt", "2023-10-27"),
    ("undated-briefing.txt", "2024-05-02"),
];

/// Builds `dir` (with `extra` arguments) into `dir/../NAME.json`; its bytes.
fn build(dir: &Path, out: &Path, extra: &[&str]) -> Vec<u8> {
    let mut args = vec!["build", arg(dir), "-q", "-o", arg(out)];
    args.extend_from_slice(extra);
    run_ok(&args);
    std::fs::read(out).unwrap()
}

/// The graph file without the documents' content hashes (files that differ only
/// in front matter hash differently).
fn without_hashes(bytes: &[u8]) -> String {
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find("\"hash\":\"") {
        let (head, tail) = rest.split_at(i);
        out.push_str(head.trim_end_matches(','));
        let end = tail[8..].find('"').unwrap() + 9;
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

fn graph_file(tag: &str) -> (TempDir, PathBuf) {
    let dir = TempDir::new(tag);
    let file = dir.join("g.json");
    build(&fixture(), &file, &[]);
    (dir, file)
}

/// `show NAME --as-of DAY` on `file`: the answer, or `None` with the error.
fn show(file: &Path, name: &str, day: &str) -> Result<ShowAnswer, String> {
    let out = run(
        &[
            "show",
            name,
            "--graph",
            arg(file),
            "--as-of",
            day,
            "--format",
            "json",
        ],
        None,
    );
    if out.status.success() {
        Ok(serde_json::from_slice(&out.stdout).unwrap())
    } else {
        Err(stderr(&out))
    }
}

/// The offices a `show` answer lists, each with whether it is former.
fn offices(a: &ShowAnswer) -> Vec<(String, bool)> {
    a.edges
        .get(&Relation::HoldsOffice)
        .map(|v| {
            v.iter()
                .map(|e| (e.other_label.clone(), e.former))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn datelines_date_documents_and_the_summary_counts_the_undated() {
    let dir = TempDir::new("dated-build");
    let out = run_ok(&["build", arg(&fixture()), "-o", arg(&dir.join("g.json"))]);
    assert!(
        stderr(&out).contains("undated: 2 of 6 documents"),
        "{}",
        stderr(&out)
    );
    let g = crate::common::wire(&std::fs::read(dir.join("g.json")).unwrap());
    let date = |d: &str| g.graph.documents.get(d).and_then(|i| i.date.clone());
    for (doc, day) in &DATES[..4] {
        assert_eq!(date(doc).as_deref(), Some(*day), "{doc}");
    }
    // Month and day only: no year is guessed.
    assert_eq!(date("monthday-seoul.txt"), None);
    assert_eq!(date("undated-briefing.txt"), None);
    // --date gives the year nearest it.
    let out = run_ok(&[
        "build",
        arg(&fixture()),
        "-o",
        arg(&dir.join("h.json")),
        "--date",
        "2024-01-15",
    ]);
    assert!(!stderr(&out).contains("undated"), "{}", stderr(&out));
    let g = crate::common::wire(&std::fs::read(dir.join("h.json")).unwrap());
    let info = |d: &str| g.graph.documents[d].date.clone();
    assert_eq!(info("monthday-seoul.txt").as_deref(), Some("2023-10-27"));
    assert_eq!(info("undated-briefing.txt").as_deref(), Some("2024-01-15"));
    assert_eq!(info("2019-seoul-kidd.txt").as_deref(), Some("2019-09-24"));
}

#[test]
fn an_office_is_shown_from_its_first_report_and_former_from_the_report_that_says_so() {
    let (_dir, file) = graph_file("dated-show");
    // Named in 2019 (no office), Secretary of Defense from the report of 2021,
    // called former in 2025.
    let austin = |day| offices(&show(&file, "Lloyd Austin", day).unwrap());
    assert_eq!(austin("2020-01-01"), []);
    let sec = "U.S. Secretary of Defense".to_string();
    assert_eq!(austin("2021-09-16"), [(sec.clone(), false)]);
    assert_eq!(
        austin("2024-01-01"),
        [(sec.clone(), false)],
        "not yet former"
    );
    assert_eq!(austin("2025-03-03"), [(sec.clone(), true)]);
    // A name only a later article gives still finds him (not listed as his
    // alias yet).
    let by_later_name = show(&file, "Former Defense Secretary Lloyd Austin", "2022-01-01").unwrap();
    assert_eq!(by_later_name.node.id, "person:lloyd-austin");
    assert!(
        !by_later_name
            .node
            .aliases
            .iter()
            .any(|a| a.starts_with("Former"))
    );
    // Before he is named at all: an error that says when he first was.
    let err = show(&file, "Lloyd Austin", "2018-08-01").unwrap_err();
    assert!(err.contains("first reported on 2019-09-24"), "{err}");
    // Without --as-of: what all the articles say.
    let out = run_ok(&[
        "show",
        "Lloyd Austin",
        "--graph",
        arg(&file),
        "--format",
        "json",
    ]);
    let all: ShowAnswer = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(offices(&all), [(sec, true)]);
    // Each fact says when it was reported: its first and last dated document.
    let reported = |a: &ShowAnswer| a.edges[&Relation::HoldsOffice][0].reported.clone();
    assert_eq!(reported(&all).as_deref(), Some("2021-09-16/2025-03-03"));
    let y2022 = show(&file, "Lloyd Austin", "2022-01-01").unwrap();
    assert_eq!(reported(&y2022).as_deref(), Some("2021-09-16"));
    // The evidence is that of the reports known then.
    let mid = show(&file, "Lloyd Austin", "2022-01-01").unwrap();
    let ev = &mid.edges[&Relation::HoldsOffice][0].evidence;
    assert!(
        ev.iter().all(|e| &*e.doc == "2021-washington-kidd.txt"),
        "{ev:?}"
    );
}

#[test]
fn held_by_lines_follow_as_of() {
    let (_dir, file) = graph_file("dated-held");
    let banner = |day: &str| {
        let out = run(
            &[
                "show",
                "Deputy Minister of National Defense for Policy",
                "--graph",
                arg(&file),
                "--as-of",
                day,
            ],
            None,
        );
        assert!(out.status.success(), "{}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    // 2020: only the holder of 2019 is known, and holds the post.
    let y2020 = banner("2020-01-01");
    assert!(y2020.contains("held by Chung Suk-hwan"), "{y2020}");
    assert!(!y2020.contains("Kim Man-gi"), "{y2020}");
    // 2022: a successor was reported in 2021.
    let y2022 = banner("2022-01-01");
    assert!(
        y2022.contains("held by Kim Man-gi; formerly by Chung Suk-hwan"),
        "{y2022}"
    );
    // The holder named only in an undated article is left out.
    assert!(!y2022.contains("Cho Chang-rae"), "{y2022}");
}

#[test]
fn facts_of_undated_articles_are_left_out_and_counted() {
    let (_dir, file) = graph_file("dated-undated");
    let err = show(&file, "Kim Yong-hyun", "2030-01-01").unwrap_err();
    assert!(err.contains("only in undated documents"), "{err}");
    let out = run_ok(&[
        "stats",
        "--graph",
        arg(&file),
        "--as-of",
        "2030-01-01",
        "--format",
        "json",
    ]);
    let err = stderr(&out);
    assert!(
        err.contains("left out 4 facts from 2 undated documents"),
        "{err}"
    );
    let later: newsgraph::query::Stats = serde_json::from_slice(&out.stdout).unwrap();
    let out = run_ok(&["stats", "--graph", arg(&file), "--format", "json"]);
    assert!(stderr(&out).is_empty());
    let all: newsgraph::query::Stats = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((later.documents, all.documents), (4, 6));
    assert_eq!(later.edges + 4, all.edges);
    // The bad day names the expected form.
    let out = run(
        &["stats", "--graph", arg(&file), "--as-of", "2024-02-30"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("YYYY-MM-DD"), "{}", stderr(&out));
}

#[test]
fn a_dates_file_and_datelines_give_the_graph_front_matter_gives() {
    let dir = TempDir::new("dated-same");
    let (plain, fronted, bare) = (dir.join("plain"), dir.join("fronted"), dir.join("bare"));
    for d in [&plain, &fronted, &bare] {
        std::fs::create_dir(d).unwrap();
    }
    let mut csv = String::from("name,date\n");
    for (name, text) in articles() {
        let day = DATES.iter().find(|(n, _)| *n == name).unwrap().1;
        // As is: datelines (and the front matter of one).
        std::fs::write(plain.join(&name), &text).unwrap();
        // Every date as front matter.
        let dated = if text.starts_with("---") {
            text.clone()
        } else {
            format!("---\ndate: {day}\n---\n{text}")
        };
        std::fs::write(fronted.join(&name), dated).unwrap();
        // No dateline.
        let body = match text.split_once(" -- ").or_else(|| text.split_once(" - ")) {
            Some((_, body)) if !text.starts_with("---") => body.to_string(),
            _ => text.clone(),
        };
        std::fs::write(bare.join(&name), body).unwrap();
        csv.push_str(&format!("{name},{day}\n"));
    }
    let dates = dir.join("dates.csv");
    std::fs::write(&dates, &csv).unwrap();
    // Datelines, with the dates file for the two they do not date, against front matter.
    let from_lines = build(&plain, &dir.join("plain.json"), &["--dates", arg(&dates)]);
    let from_front = build(&fronted, &dir.join("fronted.json"), &[]);
    assert_eq!(without_hashes(&from_lines), without_hashes(&from_front));
    // The dates file alone, against front matter over the same bodies.
    for (name, _) in articles() {
        let text = std::fs::read_to_string(bare.join(&name)).unwrap();
        if !text.starts_with("---") {
            let day = DATES.iter().find(|(n, _)| *n == name).unwrap().1;
            std::fs::write(
                fronted.join(&name),
                format!("---\ndate: {day}\n---\n{text}"),
            )
            .unwrap();
        }
    }
    let from_file = build(&bare, &dir.join("bare.json"), &["--dates", arg(&dates)]);
    let from_front = build(&fronted, &dir.join("fronted2.json"), &[]);
    assert_eq!(without_hashes(&from_file), without_hashes(&from_front));
    // A year from the dates file for a dateline without one.
    std::fs::write(&dates, "monthday-seoul.txt,2023\n").unwrap();
    let g = build(&plain, &dir.join("year.json"), &["--dates", arg(&dates)]);
    let g = crate::common::wire(&g);
    assert_eq!(
        g.graph.documents["monthday-seoul.txt"].date.as_deref(),
        Some("2023-10-27")
    );
}

#[test]
fn a_bad_dates_file_line_is_an_error_naming_file_and_line() {
    let dir = TempDir::new("dated-bad");
    let dates = dir.join("dates.csv");
    std::fs::write(
        &dates,
        "name,date\n2019-seoul-kidd.txt,2019-09-24\nx.txt,24/09/2019\n",
    )
    .unwrap();
    let out = run(
        &[
            "build",
            arg(&fixture()),
            "-o",
            arg(&dir.join("g.json")),
            "--dates",
            arg(&dates),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{}: line 3: `24/09/2019`", arg(&dates))),
        "{err}"
    );
    assert!(!dir.join("g.json").exists());
    // A name that matches no input is a warning.
    std::fs::write(&dates, "nowhere.txt,2019-09-24\n").unwrap();
    let out = run_ok(&[
        "build",
        arg(&fixture()),
        "-o",
        arg(&dir.join("g.json")),
        "--dates",
        arg(&dates),
    ]);
    assert!(
        stderr(&out).contains("1 name match no input (first: nowhere.txt)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn export_as_of_holds_only_that_days_graph() {
    let (_dir, file) = graph_file("dated-export");
    let export = |extra: &[&str]| {
        let mut args = vec!["export", "--graph", arg(&file), "--format"];
        args.extend_from_slice(extra);
        String::from_utf8(run_ok(&args).stdout).unwrap()
    };
    let all = export(&["html"]);
    let y2020 = export(&["html", "--as-of", "2020-01-01"]);
    for name in [
        "Chung Suk-hwan",
        "Pete Hegseth",
        "Kim Yong-hyun",
        "Shin Won-sik",
    ] {
        assert!(all.contains(name), "{name}");
    }
    assert!(y2020.contains("Chung Suk-hwan"));
    for later in [
        "Pete Hegseth",
        "Kim Yong-hyun",
        "Shin Won-sik",
        "2025-tokyo.txt",
    ] {
        assert!(!y2020.contains(later), "{later} is not known in 2020");
    }
    // The JSON export as of a day holds the documents known that day, and evidence
    // from them only.
    let json = export(&["json", "--as-of", "2024-01-01"]);
    let g: LinkGraph = serde_json::from_str(&json).expect("node-link JSON");
    assert_eq!(g.graph.documents.len(), 3);
    assert!(
        g.nodes
            .iter()
            .all(|n| n.kind != EntityKind::Topic || !n.docs.is_empty())
    );
    let docs = &g.graph.documents;
    assert!(g.edges.iter().all(|e| {
        !e.evidence.is_empty()
            && e.evidence
                .iter()
                .all(|ev| docs.contains_key(ev.doc.as_ref()))
    }));
    assert_eq!(export(&["json", "--as-of", "2024-01-01"]), json);
}

#[test]
fn adding_dated_articles_into_a_graph_equals_a_full_build() {
    let dir = TempDir::new("dated-into");
    let (early, late) = (dir.join("early"), dir.join("late"));
    std::fs::create_dir(&early).unwrap();
    std::fs::create_dir(&late).unwrap();
    for (name, text) in articles() {
        let to = if name.as_str() < "2023" {
            &early
        } else {
            &late
        };
        std::fs::write(to.join(&name), text).unwrap();
    }
    let file = dir.join("g.json");
    build(&early, &file, &[]);
    run_ok(&["build", arg(&late), "--into", arg(&file), "-q"]);
    let full = dir.join("full.json");
    run_ok(&["build", arg(&early), arg(&late), "-q", "-o", arg(&full)]);
    let (a, b) = (std::fs::read(&file).unwrap(), std::fs::read(&full).unwrap());
    assert!(String::from_utf8_lossy(&b).contains("\"former_since\":\"2025-03-03\""));
    assert!(a == b, "--into differs from a full build");
}

#[test]
fn a_datelines_date_is_the_articles_not_the_meetings() {
    // The date in a dateline is when the story was filed; the meeting it announces
    // is "next week". With or without the year, it never dates the meeting; a date
    // in the text still does.
    let lex = newsgraph::lexicon::Lexicon::builtin().expect("builtin lexicon");
    let date_of = |text: &str| {
        let g = newsgraph::build::build_texts(&[("a.txt", text)], &lex).expect("build");
        g.nodes_sorted()
            .into_iter()
            .map(|ix| g.node(ix))
            .find(|n| n.label.starts_with("31st"))
            .map(|n| n.date.clone())
            .expect("the 31st dialogue is a node")
    };
    for line in [
        "BUSAN, Nov. 4, 2026 (Harbor Wire) -- ",
        "BUSAN, Nov. 4 (Harbor Wire) -- ",
        "BUSAN, South Korea, Nov. 4, 2026 -- ",
    ] {
        let text = format!(
            "{line}Defense officials of the two allies will meet here next week for the \
             31st Korea-U.S. Integrated Defense Dialogue (KIDD), the ministry said."
        );
        assert_ne!(date_of(&text).as_deref(), Some("2026-11-04"), "{line}");
    }
    // Near miss: a date the sentence gives the meeting is its date.
    let text = "BUSAN, Nov. 4, 2026 (Harbor Wire) -- The 31st Korea-U.S. Integrated Defense \
                Dialogue (KIDD) will open on Nov. 12, 2026, the ministry said.";
    assert_eq!(date_of(text).as_deref(), Some("2026-11-12"));
}
