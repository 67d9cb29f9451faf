//! `timeline`, `history` and `find` on a small dated corpus written for these
//! tests (`tests/fixtures/timeline`: four articles of 2019-2024 with a front-matter
//! `date:`, named so that their file order is not their date order, and one
//! undated), and on the bundled example corpus.

use crate::common::{TempDir, arg, root, run, run_ok, stderr};
use newsgraph::ontology::EntityKind;
use newsgraph::query::{FindAnswer, HistoryAnswer, TimelineAnswer};

/// Builds the fixture corpus into a graph file in `dir`.
fn fixture_graph(dir: &TempDir) -> String {
    let out = dir.join("timeline.json");
    let corpus = root().join("tests/fixtures/timeline");
    run_ok(&["build", "-q", arg(&corpus), "-o", arg(&out)]);
    arg(&out).to_string()
}

fn json<T: serde::de::DeserializeOwned>(args: &[&str], graph: &str) -> T {
    let mut all = args.to_vec();
    all.extend(["--graph", graph, "--format", "json"]);
    let out = run_ok(&all);
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: JSON answer does not parse: {e}"))
}

fn text(args: &[&str], graph: &str) -> String {
    let mut all = args.to_vec();
    all.extend(["--graph", graph]);
    String::from_utf8(run_ok(&all).stdout).unwrap()
}

#[test]
fn timeline_lists_the_rounds_in_date_order_with_dates_and_heads() {
    let dir = TempDir::new("timeline");
    let g = fixture_graph(&dir);
    let t: TimelineAnswer = json(&["timeline", "KIDD"], &g);
    assert_eq!(t.series.id, "meeting:korea-u-s-integrated-defense-dialogue");
    let ordinals: Vec<Option<u32>> = t.rounds.iter().map(|r| r.ordinal).collect();
    // By date (not by file name); the 23rd was only announced; the 20th has no date.
    assert_eq!(
        ordinals,
        [Some(16), Some(19), Some(22), Some(23), Some(20)],
        "{t:#?}"
    );
    let dates: Vec<Option<&str>> = t.rounds.iter().map(|r| r.date.as_deref()).collect();
    assert_eq!(dates[0], Some("2019-09-25"));
    assert_eq!(
        dates[1],
        Some("2021-05-13"),
        "the Thursday before the report"
    );
    assert_eq!(dates[2], Some("2023-04-12"));
    assert!(
        dates[3].is_some_and(|d| d.starts_with("2023-09")),
        "{dates:?}"
    );
    assert_eq!(dates[4], None);
    let heads =
        |i: usize| -> Vec<&str> { t.rounds[i].heads.iter().map(|h| h.label.as_str()).collect() };
    assert_eq!(heads(0), ["Bae Sung-ho", "Margaret Olsen"]);
    assert_eq!(heads(1), ["Bae Sung-ho", "Thomas Reyes"]);
    assert_eq!(heads(2), ["Ryu Ji-won", "Thomas Reyes"]);
    let planned: Vec<bool> = t.rounds.iter().map(|r| r.planned).collect();
    assert_eq!(planned, [false, false, false, true, false]);
    assert_eq!(t.rounds[0].places[0].label, "Seoul");
    assert_eq!(t.rounds[2].docs, ["a-seoul-2023.txt"]);
    assert!(t.rounds.iter().all(|r| !r.evidence.is_empty()));

    let page = text(&["timeline", "KIDD"], &g);
    let at = |s: &str| page.find(s).unwrap_or_else(|| panic!("{s} in\n{page}"));
    assert!(at("16th") < at("19th") && at("19th") < at("22nd") && at("22nd") < at("20th"));
    assert!(
        page.contains("2023-09-01 to 2023-09-30  (planned)"),
        "{page}"
    );
    assert!(page.contains("led by Ryu Ji-won, Thomas Reyes"), "{page}");
}

#[test]
fn timeline_as_of_a_day_shows_what_was_reported_by_then() {
    let dir = TempDir::new("timeline-as-of");
    let g = fixture_graph(&dir);
    let t: TimelineAnswer = json(&["timeline", "KIDD", "--as-of", "2022-01-01"], &g);
    assert_eq!(t.as_of.as_deref(), Some("2022-01-01"));
    let dated: Vec<Option<u32>> = t
        .rounds
        .iter()
        .filter(|r| r.date.is_some())
        .map(|r| r.ordinal)
        .collect();
    assert_eq!(dated, [Some(16), Some(19)]);
    // Asked about one round, the answer is its series.
    let r: TimelineAnswer = json(&["timeline", "22nd KIDD"], &g);
    assert_eq!(r.series.id, t.series.id);
}

#[test]
fn history_lists_the_holders_in_order_with_first_and_last_reports() {
    let dir = TempDir::new("history");
    let g = fixture_graph(&dir);
    let h: HistoryAnswer = json(
        &["history", "Deputy Minister of National Defense for Policy"],
        &g,
    );
    assert_eq!(
        h.office.id,
        "office:rok-deputy-minister-of-national-defense-for-policy"
    );
    let rows: Vec<(&str, Option<&str>, Option<&str>, bool)> = h
        .holders
        .iter()
        .map(|h| {
            (
                h.holder.label.as_str(),
                h.first.as_deref(),
                h.last.as_deref(),
                h.former,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Bae Sung-ho", Some("2019-09-25"), Some("2023-04-12"), true),
            ("Ryu Ji-won", Some("2023-04-12"), Some("2024-02-20"), false),
        ]
    );
    assert!(h.holders.iter().all(|h| !h.evidence.is_empty()));
    // Evidence in the order of its documents' dates.
    assert_eq!(&*h.holders[0].evidence[0].doc, "c-seoul-2019.txt");

    // As of 2022 only Bae had been reported, and not yet as former.
    let then: HistoryAnswer = json(
        &[
            "history",
            "Deputy Minister of National Defense for Policy",
            "--as-of",
            "2022-01-01",
        ],
        &g,
    );
    assert_eq!(then.holders.len(), 1, "{then:#?}");
    assert_eq!(then.holders[0].holder.label, "Bae Sung-ho");
    assert_eq!(then.holders[0].last.as_deref(), Some("2021-05-14"));
    assert!(!then.holders[0].former);

    let out = text(&["history", "policy"], &g);
    assert!(out.contains("\"policy\" is ambiguous"), "{out}");
    assert!(
        out.contains("1. Bae Sung-ho (reported as former)  reported 2019-09-25 to 2023-04-12"),
        "{out}"
    );
}

#[test]
fn history_and_timeline_refuse_the_wrong_kind_with_a_hint() {
    let dir = TempDir::new("history-kind");
    let g = fixture_graph(&dir);
    let out = run(&["history", "Ryu Ji-won", "--graph", &g], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("not an office"), "{err}");
    assert!(
        err.contains("newsgraph history office:rok-deputy-minister-of-national-defense-for-policy"),
        "the office the person holds: {err}"
    );
    let out = run(&["history", "Seoul", "--graph", &g], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("newsgraph find Seoul --kind office"));
    let out = run(&["timeline", "Seoul", "--graph", &g], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a meeting series"));
}

#[test]
fn find_by_part_of_a_name_by_kind_and_by_document() {
    let dir = TempDir::new("find");
    let g = fixture_graph(&dir);
    let f: FindAnswer = json(&["find", "sung"], &g);
    let ids: Vec<&str> = f.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["person:bae-sung-ho"]);
    assert_eq!(f.nodes[0].docs.len(), 4);
    assert!(f.nodes[0].degree > 0);

    let f: FindAnswer = json(&["find", "--kind", "meeting"], &g);
    assert!(f.nodes.iter().all(|n| n.kind == EntityKind::Meeting));
    assert_eq!(f.nodes.len(), 6, "{f:#?}");
    let labels: Vec<&str> = f.nodes.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(
        labels[..4],
        [
            "16th Korea-U.S. Integrated Defense Dialogue",
            "19th Korea-U.S. Integrated Defense Dialogue",
            "20th Korea-U.S. Integrated Defense Dialogue",
            "22nd Korea-U.S. Integrated Defense Dialogue",
        ],
        "listed by label, numbers as numbers"
    );

    // An alias finds its node ("kidd" is in no label), and says so.
    let f: FindAnswer = json(&["find", "Kidd", "--kind", "meetings"], &g);
    let series = f
        .nodes
        .iter()
        .find(|n| n.id == "meeting:korea-u-s-integrated-defense-dialogue")
        .expect("the series");
    assert_eq!(series.alias.as_deref(), Some("KIDD"));
    assert!(f.nodes.iter().all(|n| n.alias.is_some()));

    let f: FindAnswer = json(&["find", "--kind", "person", "--doc", "2019"], &g);
    let labels: Vec<&str> = f.nodes.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(labels, ["Bae Sung-ho", "Margaret Olsen"]);
    assert_eq!(f.docs, ["c-seoul-2019.txt"]);

    // Deterministic: the same answer twice.
    assert_eq!(text(&["find", "de"], &g), text(&["find", "de"], &g));

    let bad = run(&["find", "--kind", "ship", "--graph", &g], None);
    assert_eq!(bad.status.code(), Some(2));
    let err = stderr(&bad);
    assert!(
        err.contains("person, office, organization, country, place, meeting, agreement, topic"),
        "{err}"
    );
    let none = run(&["find", "zzz", "--graph", &g], None);
    assert_eq!(none.status.code(), Some(1));
    let nodoc = run(&["find", "--doc", "1999", "--graph", &g], None);
    assert_eq!(nodoc.status.code(), Some(2));
    assert!(stderr(&nodoc).contains("a-seoul-2023.txt"));
}

#[test]
fn timeline_page_is_self_contained_and_marks_planned_rounds() {
    let dir = TempDir::new("timeline-html");
    let g = fixture_graph(&dir);
    let page = text(&["timeline", "KIDD", "--format", "html"], &g);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<tr class=\"planned\">"));
    assert!(page.contains("Ryu Ji-won"));
    assert!(!page.contains("<script"), "nothing to run");
    assert!(!page.contains("src=\"http"), "nothing fetched");
    assert_eq!(page, text(&["timeline", "KIDD", "--format", "html"], &g));
    // The other formats give the answer's subgraph.
    let dot = text(&["history", "policy", "--format", "dot"], &g);
    assert!(
        dot.contains("Ryu Ji-won") && dot.contains("Bae Sung-ho"),
        "{dot}"
    );
}

#[test]
fn the_example_corpus_has_a_timeline_and_a_history() {
    let out = run_ok(&["timeline", "KIDD"]);
    let t = String::from_utf8(out.stdout).unwrap();
    assert!(t.find("25th").unwrap() < t.find("26th").unwrap(), "{t}");
    let out = run_ok(&[
        "history",
        "Minister of National Defense",
        "--format",
        "json",
    ]);
    let h: HistoryAnswer = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(h.office.id, "office:rok-minister-of-national-defense");
    let who: Vec<&str> = h.holders.iter().map(|h| h.holder.label.as_str()).collect();
    assert_eq!(
        who,
        ["Choi Dong-wook", "Han Sung Woo"],
        "the successor last"
    );
    let out = run_ok(&["timeline", "NCG", "--format", "json"]);
    let t: TimelineAnswer = serde_json::from_slice(&out.stdout).unwrap();
    assert!(t.series.id.starts_with("meeting:"), "the NCG's meetings");
    assert!(t.rounds.iter().any(|r| r.planned), "{t:#?}");
}
