//! RDF export through the CLI: `export --format turtle|ntriples`, `build -o x.ttl`,
//! `--base-iri`. Loading into a SPARQL store and querying it runs in `.ci/check-rdf`.

use crate::common::{TempDir, arg, build_example, run, run_ok, stderr};

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
    assert!(ttl.contains(
        "<urn:newsgraph:person:yoon-suk-yeol> a ng:Node ;\n    a ng:Person ;\n    a schema:Person ;"
    ));
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
