//! Checks on the real articles of `../shared` (seeds): run by `.ci/run` with
//! `cargo test --test main -- --ignored`; they fail loudly when the folder is missing.

use newsgraph::document::Document;
use std::path::PathBuf;

fn shared_seeds() -> PathBuf {
    let dir = crate::common::root()
        .join("..")
        .join("shared")
        .join("seeds");
    assert!(
        dir.is_dir(),
        "{} is missing: these checks need the shared seeds beside the project",
        dir.display()
    );
    dir
}

/// Every evidence span of the seed graph slices, from its document, to exactly the
/// sentence given; and the sentence names at least one end of the edge (the other
/// may be a resolved reference: "the talks", the event the article reports, a
/// country implied by a title or a series).
#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn seed_graph_evidence_is_exact() {
    let dir = shared_seeds();
    let out = crate::common::run(&["build", dir.to_str().unwrap(), "-o", "-", "-q"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let g: newsgraph::graph::WireGraph = serde_json::from_slice(&out.stdout).unwrap();
    let mut docs = std::collections::HashMap::new();
    for name in g.graph.documents.keys() {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        docs.insert(name.clone(), Document::parse(name, &bytes).unwrap());
    }
    let nodes: std::collections::HashMap<&str, &newsgraph::graph::Node> =
        g.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let (mut total, mut named) = (0, 0);
    for e in &g.edges {
        assert!(!e.evidence.is_empty(), "{} has no evidence", e.id);
        for ev in &e.evidence {
            let doc = &docs[&ev.doc];
            assert_eq!(&doc.text[ev.start..ev.end], ev.sentence, "{}", e.id);
            let inside = |id: &str| {
                nodes[id]
                    .mentions
                    .iter()
                    .any(|m| m.doc == ev.doc && ev.start <= m.start && m.end <= ev.end)
            };
            total += 1;
            if inside(&e.source) || inside(&e.target) {
                named += 1;
            }
        }
    }
    assert!(
        named * 100 >= total * 95,
        "only {named} of {total} evidence sentences name an end of their edge"
    );
}

/// The seeds' graph, written to a scratch folder; returns the folder and the file.
fn seed_graph() -> (crate::common::TempDir, PathBuf) {
    let dir = crate::common::TempDir::new("seeds-query");
    let file = dir.join("seeds.json");
    let seeds = shared_seeds();
    crate::common::run_ok(&[
        "build",
        seeds.to_str().unwrap(),
        "-q",
        "-o",
        crate::common::arg(&file),
    ]);
    (dir, file)
}

fn seed_path(
    file: &std::path::Path,
    from: &str,
    to: &str,
) -> (newsgraph::query::PathAnswer, String) {
    let g = crate::common::arg(file);
    let json = crate::common::run_ok(&["path", from, to, "--graph", g, "--format", "json"]);
    let text = crate::common::run_ok(&["path", from, to, "--graph", g]);
    (
        serde_json::from_slice(&json.stdout).expect("path answer parses"),
        String::from_utf8(text.stdout).expect("UTF-8"),
    )
}

/// The questions of the query issue, on the seeds.
#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn seed_paths_answer_the_analysts_questions() {
    let (_dir, file) = seed_graph();

    // "Yoon" is ambiguous; the answer says so and uses the president.
    let (ans, text) = seed_path(&file, "NCG", "Yoon");
    assert!(ans.to.is_ambiguous(), "{text}");
    let ids: Vec<&str> = ans.to.candidates.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids[0], "person:yoon-suk-yeol", "{ids:?}");
    assert!(ids.contains(&"person:yoon-bong-hee"), "{ids:?}");
    assert!(
        text.contains("ambiguous") && text.contains("--pick person:yoon-bong-hee"),
        "{text}"
    );
    let hop = &ans.paths[0].hops[0];
    assert_eq!(ans.paths[0].hops.len(), 1, "{text}");
    assert_eq!(hop.edges[0].relation, newsgraph::Relation::Launched);
    assert!(
        !hop.edges[0].forward,
        "Yoon launched the NCG, not the reverse"
    );
    assert!(
        text.contains("Nuclear Consultative Group ←launched─ Yoon Suk Yeol"),
        "{text}"
    );
    let sentence = &hop.edges[0].evidence[0].sentence;
    assert!(
        sentence.contains("NCG") && sentence.contains("Yoon"),
        "{sentence}"
    );
    assert!(
        text.contains(sentence.as_str()),
        "the sentence is printed under the hop"
    );

    // Hegseth succeeded Austin.
    let (ans, text) = seed_path(&file, "Hegseth", "Austin");
    let hops = &ans.paths[0].hops;
    assert_eq!(hops.len(), 1, "{text}");
    assert_eq!(
        hops[0].edges[0].relation,
        newsgraph::Relation::Succeeded,
        "{text}"
    );
    assert!(hops[0].edges[0].forward, "{text}");

    // Cho Chang-rae is linked to OPCON through the KIDD.
    let (ans, text) = seed_path(&file, "Cho Chang-rae", "OPCON");
    let through: Vec<&str> = ans.paths[0].hops[..ans.paths[0].hops.len() - 1]
        .iter()
        .map(|h| h.to_label.as_str())
        .collect();
    assert!(
        through
            .iter()
            .any(|l| l.contains("KIDD") || l.contains("Integrated Defense Dialogue")),
        "{text}"
    );

    // Two people of different sides are linked.
    let (ans, text) = seed_path(&file, "Cho", "Hegseth");
    assert!(!ans.paths.is_empty(), "{text}");

    // An unknown name exits 2 and suggests the near miss.
    let out = crate::common::run(
        &[
            "path",
            "Hegsteh",
            "NCG",
            "--graph",
            crate::common::arg(&file),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = crate::common::stderr(&out);
    assert!(err.contains("did you mean \"Pete Hegseth\""), "{err}");
}
