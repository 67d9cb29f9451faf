//! `build --corrections FILE`: an edge dropped, two nodes merged, one renamed
//! change exactly those records; a surname kept apart stays its own node; a
//! correction that matches nothing warns and names itself; a malformed file is
//! an error naming the file, and nothing is written.

use crate::common::{TempDir, arg, run, stderr};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Articles written for these tests (no sentence of any published article).
const ARTICLES: &[(&str, &str)] = &[
    (
        "a.txt",
        "---\ntitle: Allies open defense dialogue\ndate: 2031-05-06\n---\n\
SEOUL -- Vice Defense Minister Baek Jin-soo led the 31st Korea-U.S. Integrated Defense \
Dialogue in Seoul on Tuesday. U.S. Deputy Assistant Secretary of Defense Nora Felton \
attended the 31st Korea-U.S. Integrated Defense Dialogue.\n\n\
The two sides discussed ammunition production and cyber defense.\n",
    ),
    (
        "b.txt",
        "---\ntitle: Pentagon official visits shipyard\ndate: 2031-05-08\n---\n\
BUSAN -- U.S. Deputy Assistant Secretary of Defense Nora J. Felton toured a shipyard in \
Busan on Thursday, two days after the dialogue in Seoul.\n\n\
Baek Jin-su, who attended the 31st Korea-U.S. Integrated Defense Dialogue this week, \
joined her at the shipyard.\n",
    ),
    (
        "c.txt",
        "---\ntitle: Forum in Canberra\ndate: 2032-02-10\n---\n\
CANBERRA -- President Marta Quillon opened the annual security forum in Canberra on \
Monday.\n\nDefense Minister Tomas Reyna attended the forum.\n",
    ),
    (
        "d.txt",
        "---\ntitle: Forum ends\ndate: 2032-02-12\n---\n\
CANBERRA -- The forum heard from Senator Quillon on Wednesday, who spoke on shipbuilding.\n",
    ),
];

/// The three corrections of the main test: a wrong office dropped, a spelling
/// of one name merged into another, a label renamed.
const FIX: &str = r#"
[[drop_edge]]
from = "Marta Quillon"
relation = "holds_office"
to = "office:u-s-president"
reason = "she is not the U.S. President; the article names no country"

[[merge]]
from = "Baek Jin-su"
into = "Baek Jin-soo"
reason = "two spellings of the vice minister's name"

[[rename]]
node = "person:nora-j-felton"
label = "Nora Felton"
reason = "the name her office publishes"
"#;

/// A folder with the articles and a corrections file `fix.toml` holding `fix`.
fn corpus(tag: &str, fix: &str) -> (TempDir, PathBuf, PathBuf) {
    let dir = TempDir::new(tag);
    let articles = dir.join("articles");
    std::fs::create_dir_all(&articles).expect("make folder");
    for (name, text) in ARTICLES {
        std::fs::write(articles.join(name), text).expect("write article");
    }
    let file = dir.join("fix.toml");
    std::fs::write(&file, fix).expect("write corrections");
    (dir, articles, file)
}

/// Builds `articles` (with `more` arguments) to standard output: the graph and
/// the standard error.
fn build(articles: &Path, more: &[&str]) -> (Value, String) {
    let (bytes, err) = build_bytes(articles, more);
    (serde_json::from_slice(&bytes).expect("graph JSON"), err)
}

/// [`build`], the graph as the bytes of its file.
fn build_bytes(articles: &Path, more: &[&str]) -> (Vec<u8>, String) {
    let mut args = vec!["build", arg(articles), "-o", "-"];
    args.extend_from_slice(more);
    let out = run(&args, None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    (out.stdout, err)
}

/// The records (lines) of a graph file that are nodes, less their commas.
fn node_lines(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8(bytes.to_vec()).expect("UTF-8");
    let start = text.find("\"nodes\":[\n").expect("nodes");
    let end = text.find("\n],\n\"edges\"").expect("edges");
    text[start..end]
        .lines()
        .skip(1)
        .map(|l| l.trim_end_matches(',').to_string())
        .collect()
}

/// The nodes by id.
fn nodes(g: &Value) -> BTreeMap<String, Value> {
    g["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| (n["id"].as_str().expect("id").to_string(), n.clone()))
        .collect()
}

/// The edges by id, each citing its sentences by document and offsets (not by
/// their numbers, which move when a sentence is no longer cited).
fn edges(g: &Value) -> BTreeMap<String, Value> {
    let sentences = g["sentences"].as_array().expect("sentences");
    g["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| {
            let mut e = e.clone();
            let cites: Vec<Value> = e["evidence"]
                .as_array()
                .expect("evidence")
                .iter()
                .map(|n| {
                    let s = &sentences[n.as_u64().expect("number") as usize];
                    json!([s["doc"], s["start"], s["end"]])
                })
                .collect();
            e["evidence"] = Value::Array(cites);
            (e["id"].as_str().expect("id").to_string(), e)
        })
        .collect()
}

/// The value without its `corrected` list, and that list.
fn uncorrected(v: &Value) -> (Value, Vec<String>) {
    let mut v = v.clone();
    let list = v
        .as_object_mut()
        .and_then(|o| o.remove("corrected"))
        .map(|c| serde_json::from_value(c).expect("a list of strings"))
        .unwrap_or_default();
    (v, list)
}

/// An edge moved to other ends, as the graph writes it.
fn moved(e: &Value, from: &str, to: &str) -> Value {
    let mut e = e.clone();
    for end in ["source", "target"] {
        if e[end] == from {
            e[end] = json!(to);
        }
    }
    let id = format!(
        "{}|{}|{}",
        e["source"].as_str().unwrap(),
        e["relation"].as_str().unwrap(),
        e["target"].as_str().unwrap()
    );
    e["id"] = json!(id);
    e
}

#[test]
fn drop_merge_and_rename_change_exactly_what_they_name() {
    let (_dir, articles, fix) = corpus("corrections", FIX);
    let (before_bytes, _) = build_bytes(&articles, &[]);
    let (after_bytes, err) = build_bytes(&articles, &["--corrections", arg(&fix)]);
    let before: Value = serde_json::from_slice(&before_bytes).expect("graph JSON");
    let after: Value = serde_json::from_slice(&after_bytes).expect("graph JSON");
    assert!(err.contains("): 3 applied\n"), "{err}");
    assert!(!err.contains("warning"), "{err}");
    let (nb, na) = (nodes(&before), nodes(&after));
    let (eb, ea) = (edges(&before), edges(&after));

    // Nodes: the merged one is gone, the renamed one has a new id; the others
    // are as they were, except for the correction they record.
    let touched = [
        "person:baek-jin-su",
        "person:baek-jin-soo",
        "person:nora-j-felton",
        "person:nora-felton",
        "person:marta-quillon",
        "office:u-s-president",
    ];
    for (id, n) in &nb {
        if !touched.contains(&id.as_str()) {
            assert_eq!(na.get(id), Some(n), "node {id} changed");
        }
    }
    for id in na.keys() {
        assert!(
            nb.contains_key(id) || id == "person:nora-felton",
            "node {id} is new"
        );
    }
    assert_eq!(na.len(), nb.len() - 1);
    // Byte for byte: the records of the nodes no correction touched.
    let untouched = |bytes: &[u8]| -> Vec<String> {
        node_lines(bytes)
            .into_iter()
            .filter(|l| {
                !touched
                    .iter()
                    .any(|id| l.starts_with(&format!("{{\"id\":\"{id}\",")))
            })
            .collect()
    };
    assert_eq!(untouched(&after_bytes), untouched(&before_bytes));
    assert_eq!(untouched(&before_bytes).len(), nb.len() - 5);
    // The dropped edge's ends: as they were, but for the correction.
    for id in ["person:marta-quillon", "office:u-s-president"] {
        let (n, list) = uncorrected(&na[id]);
        assert_eq!(n, nb[id], "{id}");
        assert_eq!(
            list,
            [
                "dropped \"Marta Quillon\" holds_office \"U.S. President\": \
                 she is not the U.S. President; the article names no country"
            ]
        );
    }
    // The merged node: one node, with both names, documents and mentions.
    assert!(!na.contains_key("person:baek-jin-su"));
    let (kept, gone) = (&na["person:baek-jin-soo"], &nb["person:baek-jin-su"]);
    assert_eq!(kept["label"], "Baek Jin-soo");
    assert!(
        kept["aliases"]
            .as_array()
            .unwrap()
            .contains(&json!("Baek Jin-su")),
        "{kept}"
    );
    assert_eq!(kept["docs"], json!(["a.txt", "b.txt"]));
    assert_eq!(kept["mentions"]["b.txt"], gone["mentions"]["b.txt"]);
    assert_eq!(
        kept["mentions"]["a.txt"],
        nb["person:baek-jin-soo"]["mentions"]["a.txt"]
    );
    assert_eq!(
        uncorrected(kept).1,
        ["merged \"Baek Jin-su\" into this node: two spellings of the vice minister's name"]
    );
    // The renamed node: a new label and id; the old label is a surface form.
    assert!(!na.contains_key("person:nora-j-felton"));
    let (renamed, old) = (&na["person:nora-felton"], &nb["person:nora-j-felton"]);
    assert_eq!(renamed["label"], "Nora Felton");
    assert!(
        renamed["aliases"]
            .as_array()
            .unwrap()
            .contains(&json!("Nora J. Felton"))
    );
    for field in ["kind", "key", "docs", "mentions"] {
        assert_eq!(renamed[field], old[field], "{field}");
    }
    assert_eq!(
        uncorrected(renamed).1,
        ["renamed from \"Nora J. Felton\": the name her office publishes"]
    );

    // Edges: exactly the uncorrected build's, less the dropped one, with the
    // merged and renamed nodes' new ends; the moved edge says why it moved.
    let dropped = "person:marta-quillon|holds_office|office:u-s-president";
    assert!(eb.contains_key(dropped));
    let mut expected: BTreeMap<String, Value> = BTreeMap::new();
    for (id, e) in &eb {
        if id == dropped {
            continue;
        }
        let e = moved(e, "person:baek-jin-su", "person:baek-jin-soo");
        let e = moved(&e, "person:nora-j-felton", "person:nora-felton");
        expected.insert(e["id"].as_str().unwrap().to_string(), e);
    }
    let mut got: BTreeMap<String, Value> = BTreeMap::new();
    let mut corrected = Vec::new();
    for (id, e) in &ea {
        let (e, list) = uncorrected(e);
        if !list.is_empty() {
            corrected.push((id.clone(), list));
        }
        got.insert(id.clone(), e);
    }
    assert_eq!(got, expected);
    assert_eq!(
        corrected,
        [(
            "person:baek-jin-soo|attended|meeting:31st-korea-u-s-integrated-defense-dialogue"
                .to_string(),
            vec![
                "moved from \"Baek Jin-su\" by a merge: two spellings of the vice minister's name"
                    .to_string()
            ]
        )]
    );
    // The sentences: the uncorrected build's, less the one only the dropped
    // edge cited.
    let sentences = |g: &Value| -> Vec<Value> { g["sentences"].as_array().unwrap().clone() };
    let (sb, sa) = (sentences(&before), sentences(&after));
    assert_eq!(sa.len(), sb.len() - 1);
    assert!(sa.iter().all(|s| sb.contains(s)));
    // The documents are as they were.
    assert_eq!(after["graph"], before["graph"]);
}

#[test]
fn the_graph_file_reads_back_and_show_prints_the_corrections() {
    let (dir, articles, fix) = corpus("corrections-show", FIX);
    let graph = dir.join("g.json");
    let out = run(
        &[
            "build",
            arg(&articles),
            "--corrections",
            arg(&fix),
            "-o",
            arg(&graph),
            "-q",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let show = run(&["show", "Baek Jin-soo", "--graph", arg(&graph)], None);
    assert_eq!(show.status.code(), Some(0), "{}", stderr(&show));
    let text = String::from_utf8_lossy(&show.stdout);
    assert!(
        text.contains(
            "  corrected: merged \"Baek Jin-su\" into this node: two spellings of the vice \
             minister's name"
        ),
        "{text}"
    );
    assert!(
        text.contains("      corrected: moved from \"Baek Jin-su\" by a merge"),
        "{text}"
    );
    // As JSON too.
    let show = run(
        &[
            "show",
            "Nora Felton",
            "--graph",
            arg(&graph),
            "--format",
            "json",
        ],
        None,
    );
    let answer: Value = serde_json::from_slice(&show.stdout).expect("JSON");
    assert_eq!(
        answer["node"]["corrected"],
        json!(["renamed from \"Nora J. Felton\": the name her office publishes"])
    );
    // The JSON export carries them.
    let link = run(
        &["export", "--graph", arg(&graph), "--format", "json"],
        None,
    );
    assert_eq!(link.status.code(), Some(0), "{}", stderr(&link));
    let link: Value = serde_json::from_slice(&link.stdout).expect("JSON");
    let node = link["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["label"] == "Nora Felton");
    assert_eq!(
        node.expect("Nora Felton")["corrected"],
        json!(["renamed from \"Nora J. Felton\": the name her office publishes"])
    );
    // GraphML carries them.
    let ml = run(
        &["export", "--graph", arg(&graph), "--format", "graphml"],
        None,
    );
    let ml = String::from_utf8_lossy(&ml.stdout);
    assert!(ml.contains("<data key=\"n_corrected\">"), "{ml}");
    assert!(ml.contains("<data key=\"e_corrected\">"), "{ml}");
}

#[test]
fn a_surname_kept_apart_stays_its_own_node() {
    let fix = "[[keep_apart]]\nnodes = [\"Quillon\", \"Marta Quillon\"]\n\
               reason = \"the senator of the second article is not the president\"\n";
    let (_dir, articles, fix) = corpus("corrections-apart", fix);
    let (before, _) = build(&articles, &[]);
    assert!(!nodes(&before).contains_key("person:quillon"));
    let (after, err) = build(&articles, &["--corrections", arg(&fix)]);
    assert!(err.contains("): 1 applied\n"), "{err}");
    let n = nodes(&after);
    let alone = &n["person:quillon"];
    assert_eq!(alone["docs"], json!(["d.txt"]));
    assert_eq!(
        uncorrected(alone).1,
        [
            "kept apart from \"Marta Quillon\": the senator of the second article is not the \
          president"
        ]
    );
    let full = &n["person:marta-quillon"];
    assert_eq!(full["docs"], json!(["c.txt"]));
    assert_eq!(
        uncorrected(full).1,
        ["kept apart from \"Quillon\": the senator of the second article is not the president"]
    );
}

#[test]
fn a_stale_correction_warns_and_names_itself() {
    let fix = format!(
        "{FIX}\n[[drop_edge]]\nfrom = \"Tomas Reyna\"\nrelation = \"led\"\n\
         to = \"31st Korea-U.S. Integrated Defense Dialogue\"\nreason = \"no such fact\"\n\n\
         [[rename]]\nnode = \"Zelda Nobody\"\nlabel = \"Z\"\nreason = \"no such node\"\n\n\
         [[keep_apart]]\nnodes = [\"Baek Jin-soo\", \"Tomas Reyna\"]\nreason = \"never joined\"\n"
    );
    let (_dir, articles, fix) = corpus("corrections-stale", &fix);
    let (after, err) = build(&articles, &["--corrections", arg(&fix)]);
    let file = fix.display().to_string();
    for line in [
        format!(
            "warning: {file}: drop_edge #2 (Tomas Reyna led 31st Korea-U.S. Integrated Defense \
             Dialogue): no such edge"
        ),
        format!(
            "warning: {file}: rename #2 (Zelda Nobody to \"Z\"): no node is named \"Zelda Nobody\""
        ),
        format!(
            "warning: {file}: keep_apart #1 (Baek Jin-soo / Tomas Reyna): resolution joined no such pair"
        ),
    ] {
        assert!(err.contains(&line), "{line}\nnot in\n{err}");
    }
    assert!(
        err.contains("): 3 applied, 3 not applied (see the warnings above)"),
        "{err}"
    );
    // The others are applied all the same.
    assert!(nodes(&after).contains_key("person:nora-felton"));
}

#[test]
fn a_malformed_file_is_an_error_naming_it_and_nothing_is_written() {
    for (fix, says) in [
        (
            "[[drop_edge]]\nfrom = \"A\"\nrelation = \"led\"\nto = \"B\"\n",
            "missing field `reason`",
        ),
        (
            "[[merge]]\nfrom = \"A\"\ninto = \"B\"\nreason = \"\"\n",
            "merge #1: `reason` is empty",
        ),
        (
            "[[drop_edge]]\nfrom = \"A\"\nrelation = \"heads\"\nto = \"B\"\nreason = \"r\"\n",
            "unknown relation `heads`",
        ),
        ("[[rename]\nnode = 3\n", "TOML parse error"),
        (
            "[[rename]]\nnode = \"A\"\nlabel = \"B\"\nreason = \"r\"\nwhy = \"x\"\n",
            "unknown field `why`",
        ),
    ] {
        let (dir, articles, file) = corpus("corrections-bad", fix);
        let graph = dir.join("g.json");
        let out = run(
            &[
                "build",
                arg(&articles),
                "--corrections",
                arg(&file),
                "-o",
                arg(&graph),
            ],
            None,
        );
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains(&format!("error: corrections {}: ", file.display())),
            "{err}"
        );
        assert!(err.contains(says), "{says}\nnot in\n{err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(!graph.exists(), "{fix}: a graph was written");
    }
    // A file that is not there.
    let (dir, articles, _) = corpus("corrections-missing", "");
    let missing = dir.join("nowhere.toml");
    let out = run(
        &[
            "build",
            arg(&articles),
            "--corrections",
            arg(&missing),
            "-o",
            "-",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nowhere.toml"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

#[test]
fn into_refuses_corrections_and_corrected_graphs() {
    let (dir, articles, fix) = corpus("corrections-into", FIX);
    let graph = dir.join("g.json");
    let more = dir.join("more");
    std::fs::create_dir_all(&more).expect("folder");
    std::fs::write(
        more.join("e.txt"),
        "Defense Minister Tomas Reyna visited Seoul on Friday.\n",
    )
    .expect("write");
    let built = run(
        &[
            "build",
            arg(&articles),
            "--corrections",
            arg(&fix),
            "-o",
            arg(&graph),
            "-q",
        ],
        None,
    );
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    let bytes = std::fs::read(&graph).expect("graph");
    // --into with --corrections.
    let out = run(
        &[
            "build",
            arg(&more),
            "--into",
            arg(&graph),
            "--corrections",
            arg(&fix),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("corrections are made on a whole build"),
        "{}",
        stderr(&out)
    );
    // --into a corrected graph.
    let out = run(&["build", arg(&more), "--into", arg(&graph)], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("was built with corrections"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read(&graph).expect("graph"),
        bytes,
        "the file changed"
    );
    // merge too.
    let out = run(&["merge", arg(&graph), "-o", "-"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("was built with corrections"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_example_corrections_apply_to_the_example_corpus() {
    for inputs in [vec![], vec!["examples/corpus"]] {
        let mut args = vec!["build"];
        args.extend(inputs);
        args.extend(["--corrections", "examples/corrections.toml", "-o", "-"]);
        let out = run(&args, None);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(0), "{err}");
        assert!(!err.contains("warning"), "{err}");
        assert!(
            err.contains("corrections (examples/corrections.toml): 5 applied\n"),
            "{err}"
        );
    }
}
