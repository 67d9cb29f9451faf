//! RDF export through the CLI: `export --format turtle|ntriples`, `build -o x.ttl`,
//! `--base-iri`, and the triples read back (by `oxttl`) against the JSON export.
//! Loading into a SPARQL store and querying it runs in `.ci/check-rdf`.

use crate::common::{TempDir, arg, build_example, run, run_ok, stderr};
use newsgraph::export::rdf::iri_segment;
use oxrdf::{Literal, NamedNode, Triple};
use oxttl::{NTriplesParser, TurtleParser};
use serde_json::Value;
use std::collections::HashSet;

#[test]
fn turtle_and_ntriples_by_flag_and_by_extension() {
    let dir = TempDir::new("rdf-ext");
    let graph = dir.join("g.json");
    build_example(&dir, "g.json");
    for (file, format) in [("g.ttl", "turtle"), ("g.nt", "ntriples")] {
        let built = build_example(&dir, file);
        let exported = run_ok(&["export", "--graph", arg(&graph), "--format", format]).stdout;
        assert!(
            built == exported,
            "build -o {file} differs from export -f {format}"
        );
        let again = run_ok(&["export", "--graph", arg(&graph), "--format", format]).stdout;
        assert!(again == exported, "{format} is not deterministic");
    }
    let nt = String::from_utf8(build_example(&dir, "again.nt")).unwrap();
    assert!(nt.lines().all(|l| l.ends_with(" .")));
    assert!(nt.contains(
        "<urn:newsgraph:person:yoon-suk-yeol> <urn:newsgraph:vocab#launched> \
         <urn:newsgraph:organization:nuclear-consultative-group> ."
    ));
    let ttl = String::from_utf8(build_example(&dir, "again.ttl")).unwrap();
    assert!(ttl.contains("@prefix schema: <https://schema.org/> ."));
    assert!(
        ttl.contains(
            "<urn:newsgraph:person:yoon-suk-yeol> a ng:Node , ng:Person , schema:Person ;"
        ),
        "{ttl}"
    );
}

#[test]
fn base_iri_names_the_nodes_and_is_checked() {
    let out = run_ok(&[
        "export",
        "-f",
        "ntriples",
        "--base-iri",
        "https://example.org/kg/",
    ]);
    let nt = String::from_utf8(out.stdout).unwrap();
    assert!(nt.contains("<https://example.org/kg/person:yoon-suk-yeol> "));
    assert!(nt.contains("<https://example.org/kg/doc/04_ncg_postponed_2024.txt#996-1185>"));
    for (args, needle) in [
        (
            &["export", "-f", "turtle", "--base-iri", "no scheme"][..],
            "scheme",
        ),
        (
            &["export", "-f", "turtle", "--base-iri", "https://x/a b/"][..],
            "IRI",
        ),
        (
            &["export", "-f", "dot", "--base-iri", "https://x/"][..],
            "--base-iri applies",
        ),
    ] {
        let out = run(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(needle), "{args:?}: {}", stderr(&out));
    }
}

/// The Turtle and the N-Triples of the example graph parse into the same triples,
/// which hold every node, edge, rule and evidence sentence of the JSON export.
#[test]
fn triples_read_back_hold_the_graph() {
    let dir = TempDir::new("rdf-back");
    let graph = dir.join("g.json");
    build_example(&dir, "g.json");
    let export = |format: &str| run_ok(&["export", "--graph", arg(&graph), "-f", format]).stdout;
    let nt: HashSet<Triple> = NTriplesParser::new()
        .for_slice(&export("ntriples"))
        .collect::<Result<_, _>>()
        .expect("N-Triples parse");
    let ttl: HashSet<Triple> = TurtleParser::new()
        .for_slice(&export("turtle"))
        .collect::<Result<_, _>>()
        .expect("Turtle parses");
    assert!(nt == ttl, "Turtle and N-Triples differ");
    let link: Value = serde_json::from_slice(&export("json")).expect("JSON export");

    let iri = |s: String| NamedNode::new(s).expect("an IRI");
    let node = |id: &Value| {
        iri(format!(
            "urn:newsgraph:{}",
            iri_segment(id.as_str().unwrap(), false)
        ))
    };
    let ng = |local: &str| iri(format!("urn:newsgraph:vocab#{local}"));
    let rdf = |local: &str| {
        iri(format!(
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#{local}"
        ))
    };
    let text = |v: &Value| Literal::new_simple_literal(v.as_str().unwrap());
    let int = |v: &Value| {
        let xsd = iri("http://www.w3.org/2001/XMLSchema#integer".into());
        Literal::new_typed_literal(v.as_u64().unwrap().to_string(), xsd)
    };
    let has = |s: &NamedNode, p: NamedNode, o: oxrdf::Term| {
        let t = Triple::new(s.clone(), p, o);
        assert!(nt.contains(&t), "missing {t}");
    };
    let of_type = |class: NamedNode| {
        nt.iter()
            .filter(|t| t.predicate == rdf("type") && t.object == class.clone().into())
            .count()
    };

    let nodes = link["nodes"].as_array().unwrap();
    let edges = link["edges"].as_array().unwrap();
    assert_eq!(of_type(ng("Node")), nodes.len());
    assert_eq!(of_type(rdf("Statement")), edges.len());
    assert_eq!(
        of_type(iri("http://www.w3.org/ns/prov#Entity".into())),
        link["graph"]["documents"].as_object().unwrap().len()
    );
    let label = iri("http://www.w3.org/2000/01/rdf-schema#label".into());
    for n in nodes {
        has(&node(&n["id"]), label.clone(), text(&n["label"]).into());
    }
    for e in edges {
        let (s, rel, t) = (
            node(&e["source"]),
            ng(e["relation"].as_str().unwrap()),
            node(&e["target"]),
        );
        has(&s, rel.clone(), t.clone().into());
        let st = iri(format!(
            "urn:newsgraph:edge/{}/{}/{}",
            iri_segment(e["source"].as_str().unwrap(), false),
            e["relation"].as_str().unwrap(),
            iri_segment(e["target"].as_str().unwrap(), false)
        ));
        has(&st, rdf("subject"), s.into());
        has(&st, rdf("predicate"), rel.into());
        has(&st, rdf("object"), t.into());
        for rule in e["rules"].as_array().unwrap() {
            has(&st, ng("rule"), text(rule).into());
        }
        for ev in e["evidence"].as_array().unwrap() {
            let doc = iri(format!(
                "urn:newsgraph:doc/{}",
                iri_segment(ev["doc"].as_str().unwrap(), true)
            ));
            let sentence = iri(format!("{}#{}-{}", doc.as_str(), ev["start"], ev["end"]));
            has(&st, ng("evidence"), sentence.clone().into());
            has(&sentence, ng("sentence"), text(&ev["sentence"]).into());
            has(&sentence, ng("start"), int(&ev["start"]).into());
            has(&sentence, ng("end"), int(&ev["end"]).into());
            has(
                &sentence,
                iri("http://www.w3.org/ns/prov#wasDerivedFrom".into()),
                doc.into(),
            );
        }
    }
}
