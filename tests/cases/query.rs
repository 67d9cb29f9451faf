//! The query subcommands (`path`, `show`, `neighbors`, `stats`) on the bundled
//! example corpus: answers parsed back from their documented JSON shapes, exit
//! statuses, ambiguity reports.

use crate::common::{TempDir, arg, build_example, run, run_ok, stderr, wire};
use newsgraph::query::{MatchKind, NeighborsAnswer, PathAnswer, ShowAnswer, Stats};

fn json<T: serde::de::DeserializeOwned>(args: &[&str]) -> T {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let out = run_ok(&all);
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: JSON answer does not parse: {e}"))
}

/// Every hop starts where the previous one ended, and the path runs from the
/// first name's node to the second's.
fn check_chain(ans: &PathAnswer) {
    for p in &ans.paths {
        assert_eq!(p.hops[0].from, ans.from.id);
        assert_eq!(p.hops.last().unwrap().to, ans.to.id);
        for w in p.hops.windows(2) {
            assert_eq!(w[0].to, w[1].from);
        }
        for h in &p.hops {
            assert!(!h.edges.is_empty(), "a hop without an edge: {h:?}");
            for e in &h.edges {
                assert!(!e.evidence.is_empty(), "an edge without evidence: {e:?}");
            }
        }
    }
}

#[test]
fn path_links_two_people_through_a_meeting_with_evidence() {
    let ans: PathAnswer = json(&["path", "Whitmore", "Han Sung Woo"]);
    assert_eq!(ans.from.id, "person:daniel-whitmore");
    assert_eq!(ans.to.id, "person:han-sung-woo");
    assert_eq!(ans.paths.len(), 1);
    check_chain(&ans);
    let p = &ans.paths[0];
    assert!(!p.through_country, "a path through a country was preferred");
    assert!(p.hops.iter().any(|h| h.to.starts_with("meeting:")));
}

#[test]
fn text_answer_draws_arrows_the_way_edges_point() {
    let out = run_ok(&["path", "NCG", "Biden"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Nuclear Consultative Group ←launched─ Joe Biden"),
        "{text}"
    );
    let reverse = String::from_utf8(run_ok(&["path", "Biden", "NCG"]).stdout).unwrap();
    assert!(
        reverse.contains("Joe Biden ─launched→ Nuclear Consultative Group"),
        "{reverse}"
    );
}

#[test]
fn ambiguous_surname_is_reported_and_pick_chooses_another() {
    let ans: ShowAnswer = json(&["show", "Kim"]);
    assert!(ans.lookup.is_ambiguous());
    // "Kim" is an alias of Kim Min-jun: that beats a mere token of another name.
    assert_eq!(ans.node.id, "person:kim-min-jun");
    assert_eq!(ans.lookup.candidates[0].how, MatchKind::Alias);
    let others: Vec<&str> = ans.lookup.candidates[1..]
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert!(others.contains(&"person:kim-seo-yeon"), "{others:?}");
    let text = String::from_utf8(run_ok(&["show", "Kim"]).stdout).unwrap();
    assert!(text.contains("ambiguous"), "{text}");
    assert!(text.contains("--pick"), "{text}");

    let picked: ShowAnswer = json(&["show", "Kim", "--pick", "person:kim-seo-yeon"]);
    assert_eq!(picked.node.id, "person:kim-seo-yeon");
}

#[test]
fn unknown_name_exits_2_with_a_suggestion() {
    let out = run(&["path", "Whitmoore", "NCG"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("Whitmoore"), "{err}");
    assert!(err.contains("did you mean \"Daniel Whitmore\""), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn no_path_exits_1() {
    // No chain of successions links two ministers of different countries.
    let out = run(
        &["path", "Whitmore", "Han Sung Woo", "--via", "succeeded"],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("No path"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

#[test]
fn directed_paths_follow_edge_direction() {
    let forward: PathAnswer = json(&["path", "Biden", "NCG", "--directed"]);
    assert_eq!(forward.paths.len(), 1);
    assert!(forward.paths[0].hops.iter().all(|h| h.edges[0].forward));
    let out = run(&["path", "NCG", "Biden", "--directed"], None);
    assert_eq!(
        out.status.code(),
        Some(1),
        "launched points from Biden to the NCG"
    );
}

#[test]
fn all_paths_are_distinct_ranked_and_bounded() {
    let ans: PathAnswer = json(&[
        "path",
        "Whitmore",
        "Han Sung Woo",
        "--all",
        "--max-hops",
        "4",
        "--limit",
        "1000",
    ]);
    check_chain(&ans);
    assert!(ans.paths.len() > 1);
    assert_eq!(ans.found, ans.paths.len());
    let mut seen = std::collections::BTreeSet::new();
    for p in &ans.paths {
        assert!(p.hops.len() <= 4);
        let nodes: Vec<&str> = p.hops.iter().map(|h| h.to.as_str()).collect();
        assert!(seen.insert(nodes.clone()), "path listed twice: {nodes:?}");
    }
    let key = |p: &newsgraph::query::Path| (p.through_country, p.hops.len());
    assert!(ans.paths.windows(2).all(|w| key(&w[0]) <= key(&w[1])));
    let avoid: PathAnswer = json(&[
        "path",
        "Whitmore",
        "Han Sung Woo",
        "--all",
        "--avoid",
        "country,place",
        "--limit",
        "1000",
    ]);
    assert!(avoid.paths.iter().all(|p| !p.through_country));
}

#[test]
fn neighbors_are_within_depth_and_edges_stay_inside() {
    let one: NeighborsAnswer = json(&["neighbors", "NCG"]);
    assert_eq!(one.nodes[0].id, one.lookup.id);
    assert_eq!(one.nodes[0].distance, 0);
    assert!(one.nodes.iter().all(|n| n.distance <= 1));
    let two: NeighborsAnswer = json(&["neighbors", "NCG", "--depth", "2"]);
    assert!(two.nodes.len() > one.nodes.len());
    let ids: std::collections::BTreeSet<&str> = two.nodes.iter().map(|n| n.id.as_str()).collect();
    for e in &two.edges {
        assert!(ids.contains(e.source.as_str()) && ids.contains(e.target.as_str()));
    }
}

#[test]
fn stats_agree_with_the_graph_file_and_queries_read_graph_files() {
    let dir = TempDir::new("query");
    let bytes = build_example(&dir, "g.json");
    let g = wire(&bytes);
    let file = dir.join("g.json");
    let stats: Stats = json(&["stats", "--graph", arg(&file)]);
    assert_eq!(stats.nodes, g.nodes.len());
    assert_eq!(stats.edges, g.edges.len());
    assert_eq!(stats.kinds.values().sum::<usize>(), g.nodes.len());
    assert_eq!(stats.relations.values().sum::<usize>(), g.edges.len());
    assert_eq!(
        stats.largest_components.iter().max(),
        stats.largest_components.first()
    );
    // A query on the file answers as on the bundled corpus.
    let a = run_ok(&["path", "Whitmore", "Han Sung Woo", "--graph", arg(&file)]);
    let b = run_ok(&["path", "Whitmore", "Han Sung Woo"]);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn a_bad_graph_file_exits_2_naming_it() {
    let dir = TempDir::new("query-bad");
    let file = dir.join("broken.json");
    std::fs::write(&file, b"{\"nodes\": [").unwrap();
    let out = run(&["stats", "--graph", arg(&file)], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("broken.json"), "{}", stderr(&out));
}

#[test]
fn answers_export_as_subgraphs() {
    // The path's subgraph: its nodes and the hop edges, nothing else.
    let ans: PathAnswer = json(&["path", "NCG", "Biden"]);
    let hops = &ans.paths[0].hops;
    let dot =
        String::from_utf8(run_ok(&["path", "NCG", "Biden", "--format", "dot"]).stdout).unwrap();
    assert!(
        dot.starts_with("digraph") || dot.starts_with("strict digraph"),
        "{dot}"
    );
    for h in hops {
        assert!(
            dot.contains(&format!("\"{}\"", h.from)),
            "{} missing",
            h.from
        );
        assert!(dot.contains(&format!("\"{}\"", h.to)), "{} missing", h.to);
    }
    let graphml =
        String::from_utf8(run_ok(&["neighbors", "NCG", "--format", "graphml"]).stdout).unwrap();
    let near: NeighborsAnswer = json(&["neighbors", "NCG"]);
    assert_eq!(graphml.matches("<node ").count(), near.nodes.len());
    assert_eq!(graphml.matches("<edge ").count(), near.edges.len());
    let html =
        String::from_utf8(run_ok(&["path", "NCG", "Biden", "--format", "html"]).stdout).unwrap();
    assert!(
        html.contains("\"highlight\""),
        "the path page highlights the path"
    );
}

#[test]
fn as_of_needs_a_real_day() {
    let out = run(&["show", "Han Sung Woo", "--as-of", "2024-13-01"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("YYYY-MM-DD"), "{}", stderr(&out));
    // Facts from dated articles are not known before the article: the series is
    // not yet named, and the error says when it first was.
    let out = run(&["show", "KIDD", "--as-of", "1999-01-01"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("first reported on 2024-"),
        "{}",
        stderr(&out)
    );
    // Later, facts of undated articles are left out, and counted.
    let out = run(
        &["show", "KIDD", "--as-of", "2030-01-01", "--format", "json"],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("undated documents"),
        "{}",
        stderr(&out)
    );
    let later: ShowAnswer = serde_json::from_slice(&out.stdout).unwrap();
    let now: ShowAnswer = json(&["show", "KIDD"]);
    let count = |a: &ShowAnswer| a.edges.values().map(Vec::len).sum::<usize>();
    assert!(
        0 < count(&later) && count(&later) < count(&now),
        "{} vs {}",
        count(&later),
        count(&now)
    );
}

#[test]
fn queries_on_a_graph_file_answer_as_on_the_full_graph() {
    // Queries read graph files without the nodes' mention lists; answers are the same.
    let dir = TempDir::new("lean");
    build_example(&dir, "g.json");
    let file = dir.join("g.json");
    for args in [
        &["neighbors", "NCG", "--depth", "2"][..],
        &["stats"][..],
        &["path", "Whitmore", "Han Sung Woo", "--all"][..],
    ] {
        let mut with_file = args.to_vec();
        with_file.extend(["--graph", arg(&file), "--format", "json"]);
        let mut bundled = args.to_vec();
        bundled.extend(["--format", "json"]);
        assert_eq!(
            run_ok(&with_file).stdout,
            run_ok(&bundled).stdout,
            "{args:?}"
        );
    }
    // `show` counts mentions, so it reads them.
    let shown: ShowAnswer = json(&["show", "NCG", "--graph", arg(&file)]);
    assert!(shown.node.mentions > 0);
}
