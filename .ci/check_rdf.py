"""Loads newsgraph's Turtle and N-Triples into pyoxigraph and checks them by SPARQL
against `newsgraph stats --format json` and, when given, `newsgraph path --format json`.

Usage: python3 check_rdf.py NAME GRAPH.ttl GRAPH.nt STATS.json [PATH.json [QUERY.rq]]

Checks:
- both files load with no error, into the same set of triples;
- nodes (`?n a ng:Node`), edges (triples whose predicate is `a ng:Relation`), the
  reified statements, documents, and the counts per kind and per relation equal
  what `newsgraph stats` says;
- every statement has at least one evidence sentence with a document and offsets,
  and at least one `ng:rule`;
- the path `newsgraph path` found is found by SPARQL: a property path over every
  relation in both directions links the two ends, the sequence path of the same
  length links them, and each hop is a reified statement in the direction the
  path gives, with the path's evidence (document, offsets, sentence).
"""

import json
import sys

from pyoxigraph import RdfFormat, Store

NG = "urn:newsgraph:vocab#"
PREFIXES = f"""PREFIX ng: <{NG}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
BASE = "urn:newsgraph:"

name, ttl, nt, stats_path = sys.argv[1:5]
path_path = sys.argv[5] if len(sys.argv) > 5 else None
recipe_path = sys.argv[6] if len(sys.argv) > 6 else None
stats = json.load(open(stats_path, encoding="utf-8"))
failures = []


def check(ok, what):
    print(f"{'ok  ' if ok else 'FAIL'} {name}: {what}")
    if not ok:
        failures.append(what)


def load(path, fmt):
    store = Store()
    store.bulk_load(path=path, format=fmt)
    return store


store = load(ttl, RdfFormat.TURTLE)
nt_store = load(nt, RdfFormat.N_TRIPLES)
check(True, f"Turtle and N-Triples load: {len(store)} and {len(nt_store)} triples")
same = len(store) == len(nt_store) and all(q in nt_store for q in store)
check(same, "Turtle and N-Triples hold the same triples")


def select(query):
    return list(store.query(PREFIXES + query))


def count(query):
    rows = select(query)
    return int(rows[0][0].value)


nodes = count("SELECT (COUNT(DISTINCT ?n) AS ?c) WHERE { ?n a ng:Node }")
edges = count("SELECT (COUNT(*) AS ?c) WHERE { ?p a ng:Relation . ?s ?p ?o }")
statements = count("SELECT (COUNT(*) AS ?c) WHERE { ?st a rdf:Statement }")
docs = count("SELECT (COUNT(*) AS ?c) WHERE { ?d a prov:Entity }")
check(nodes == stats["nodes"], f"SPARQL nodes {nodes}, newsgraph stats {stats['nodes']}")
check(edges == stats["edges"], f"SPARQL edges {edges}, newsgraph stats {stats['edges']}")
check(statements == stats["edges"], f"SPARQL reified statements {statements}, edges {stats['edges']}")
check(docs == stats["documents"], f"SPARQL documents {docs}, newsgraph stats {stats['documents']}")

kinds = {
    r["label"].value: int(r["c"].value)
    for r in select(
        "SELECT ?label (COUNT(?n) AS ?c) WHERE { ?n a ng:Node, ?k . ?k rdfs:subClassOf ng:Node ; "
        "rdfs:label ?label } GROUP BY ?label"
    )
}
want_kinds = {k: v for k, v in stats["kinds"].items() if v}
check(kinds == want_kinds, f"nodes per kind by SPARQL equal stats ({len(kinds)} kinds)")
rels = {
    r["p"].value[len(NG):]: int(r["c"].value)
    for r in select("SELECT ?p (COUNT(*) AS ?c) WHERE { ?p a ng:Relation . ?s ?p ?o } GROUP BY ?p")
}
want_rels = {k: v for k, v in stats["relations"].items() if v}
check(rels == want_rels, f"edges per relation by SPARQL equal stats ({len(rels)} relations)")

bare = count(
    """SELECT (COUNT(*) AS ?c) WHERE { ?st a rdf:Statement .
    FILTER NOT EXISTS { ?st ng:evidence ?ev . ?ev prov:wasDerivedFrom ?d ; ng:sentence ?s ;
    ng:start ?a ; ng:end ?b . ?d a prov:Entity } }"""
)
check(bare == 0, f"every statement has evidence with document, sentence and offsets ({bare} without)")
unruled = count(
    """SELECT (COUNT(*) AS ?c) WHERE { ?st a rdf:Statement .
    FILTER NOT EXISTS { ?st ng:rule ?r } }"""
)
check(unruled == 0, f"every statement names the rules that read it ({unruled} without)")

if path_path:
    answer = json.load(open(path_path, encoding="utf-8"))
    check(answer["found"] >= 1, f"newsgraph path found {answer['found']} path(s)")
    src, dst = answer["from"]["id"], answer["to"]["id"]
    hops = answer["paths"][0]["hops"]
    relations = [r["p"].value for r in select("SELECT ?p WHERE { ?p a ng:Relation } ORDER BY ?p")]
    step = "(" + "|".join(f"<{p}>|^<{p}>" for p in relations) + ")"

    def iri(node_id):
        return f"<{BASE}{node_id}>"

    linked = store.query(PREFIXES + f"ASK {{ {iri(src)} {step}+ {iri(dst)} }}")
    check(bool(linked), f"property path {step[:30]}…+ links {src} to {dst}")
    seq = "/".join([step] * len(hops))
    linked = store.query(PREFIXES + f"ASK {{ {iri(src)} {seq} {iri(dst)} }}")
    check(bool(linked), f"the {len(hops)}-step sequence path links {src} to {dst}")
    # The link found by labels, as the README's recipe asks it.
    rows = select(
        f"""SELECT DISTINCT ?a ?b WHERE {{
          ?a rdfs:label|skos:altLabel "{answer['from']['query']}" .
          ?b rdfs:label|skos:altLabel ?yl . FILTER(CONTAINS(?yl, "{answer['to']['query']}"))
          ?a {step}+ ?b }}"""
    )
    pairs = {(r["a"].value, r["b"].value) for r in rows}
    check((BASE + src, BASE + dst) in pairs, f"by labels: {sorted(pairs)}")
    for hop in hops:
        for e in hop["edges"]:
            s, o = (hop["from"], hop["to"]) if e["forward"] else (hop["to"], hop["from"])
            found = select(
                f"""SELECT ?doc ?start ?end ?sentence WHERE {{
                  {iri(s)} ng:{e['relation']} {iri(o)} .
                  ?st rdf:subject {iri(s)} ; rdf:predicate ng:{e['relation']} ; rdf:object {iri(o)} ;
                      ng:evidence ?ev .
                  ?ev prov:wasDerivedFrom ?d ; ng:start ?start ; ng:end ?end ; ng:sentence ?sentence .
                  ?d dcterms:identifier ?doc }}"""
            )
            got = {(r["doc"].value, int(r["start"].value), int(r["end"].value), r["sentence"].value) for r in found}
            want = {(v["doc"], v["start"], v["end"], v["sentence"]) for v in e["evidence"]}
            check(
                bool(got) and want <= got,
                f"hop {s} {e['relation']} {o}: statement with the path's {len(want)} evidence sentence(s)",
            )

if recipe_path:
    # The README's query (contrib/rdf/ncg-yoon.rq) answers with the hop newsgraph path found.
    rows = list(store.query(open(recipe_path, encoding="utf-8").read()))
    hop = answer["paths"][0]["hops"][0]
    labels = {hop["from_label"], hop["to_label"]}
    sentences = {v["sentence"] for e in hop["edges"] for v in e["evidence"]}
    ok = any({r["from"].value, r["to"].value} == labels and r["sentence"].value in sentences for r in rows)
    check(ok and len(hops) == 1, f"the README's query answers {len(rows)} row(s), the path's hop among them")

if failures:
    print(f"{name}: {len(failures)} RDF check(s) failed", file=sys.stderr)
    sys.exit(1)
