"""Reads newsgraph's graph file, its node-link JSON export and its GraphML with NetworkX
and python-igraph and checks them against the graph file and the counts `newsgraph
build` printed. The JSON export (`export --format json`) must give NetworkX every
edge with its evidence sentences (document, offsets, non-empty text, rules) and no
internal field of the graph file as a node or edge attribute.

Usage: python3 check_exports.py NAME GRAPH.json EXPORT.json GRAPHML NODES EDGES
"""

import json
import re
import sys

import igraph
import networkx as nx

name, link_path, export_path, graphml_path, want_nodes, want_edges = sys.argv[1:7]
want_nodes, want_edges = int(want_nodes), int(want_edges)
link = json.load(open(link_path, encoding="utf-8"))
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print(f"FAIL {name}: {what}", file=sys.stderr)


# What survives XML 1.0: controls other than tab, newline and CR are dropped.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(s):
    return XML_ILLEGAL.sub("", s)


pairs = {}
for e in link["edges"]:
    pairs[(e["source"], e["target"])] = pairs.get((e["source"], e["target"]), 0) + 1
parallel = sum(1 for c in pairs.values() if c > 1)
nodes = {n["id"]: n for n in link["nodes"]}
edges = {e["id"]: e for e in link["edges"]}

check(len(nodes) == want_nodes, f"graph file has {len(nodes)} nodes, build said {want_nodes}")
check(len(edges) == want_edges, f"graph file has {len(edges)} edges, build said {want_edges}")

# NetworkX, node-link JSON (key `edges`; NetworkX < 3.6 needs edges="edges").
g = nx.node_link_graph(link, edges="edges")
check(isinstance(g, nx.MultiDiGraph), f"node-link JSON read as {type(g).__name__}")
check(g.number_of_nodes() == want_nodes, f"networkx JSON nodes {g.number_of_nodes()}")
check(g.number_of_edges() == want_edges, f"networkx JSON edges {g.number_of_edges()}")
for nid, n in nodes.items():
    check(g.nodes[nid].get("label") == n["label"], f"networkx JSON node {nid} label")
    check(g.nodes[nid].get("kind") == n["kind"], f"networkx JSON node {nid} kind")
for e in link["edges"]:
    data = g.get_edge_data(e["source"], e["target"], key=e["key"])
    check(data is not None and data["relation"] == e["relation"], f"networkx JSON edge {e['id']}")
json_parallel = sum(1 for u, v in set(g.edges()) if g.number_of_edges(u, v) > 1)
check(json_parallel == parallel, f"networkx JSON parallel pairs {json_parallel} != {parallel}")
print(f"ok   {name}: networkx {nx.__version__} node-link JSON {g.number_of_nodes()} nodes, "
      f"{g.number_of_edges()} edges, {json_parallel} node pairs with parallel edges")

sentences = link.get("sentences", [])


def cited(e):
    """The evidence of a graph file edge, spelled out: each sentence it cites by
    number in `sentences`, with the rules that read the edge there (`evidence_rules`
    when they differ between sentences, else the edge's `rules`)."""
    each = e.get("evidence_rules") or [e["rules"]] * len(e["evidence"])
    return [{"doc": s["doc"], "start": s["start"], "end": s["end"], "sentence": s["text"], "rules": r}
            for s, r in zip((sentences[i] for i in e["evidence"]), each)]


# NetworkX, the JSON export: node-link with the evidence inline.
INTERNAL_NODE = {"key", "labels", "label_surface", "mentions"}
INTERNAL_EDGE = {"key", "evidence_rules"}
NODE_FIELDS = {"label": None, "kind": None, "aliases": [], "docs": [], "date": None, "series": False,
               "year": None, "corrected": []}
export = json.load(open(export_path, encoding="utf-8"))
failed_before = len(failures)
x = nx.node_link_graph(export, edges="edges")  # the default from NetworkX 3.6 on
if tuple(int(p) for p in nx.__version__.split(".")[:2]) >= (3, 6):
    check(nx.utils.graphs_equal(x, nx.node_link_graph(export)), "node_link_graph(d) differs from edges=\"edges\"")
check(isinstance(x, nx.MultiDiGraph), f"JSON export read as {type(x).__name__}")
check(x.number_of_nodes() == want_nodes, f"networkx JSON export nodes {x.number_of_nodes()}")
check(x.number_of_edges() == want_edges, f"networkx JSON export edges {x.number_of_edges()}")
for nid, n in nodes.items():
    a = x.nodes.get(nid)
    if a is None:
        check(False, f"JSON export lost node {nid}")
        continue
    check(not INTERNAL_NODE & set(a), f"JSON export node {nid} has internal fields {sorted(INTERNAL_NODE & set(a))}")
    for field, default in NODE_FIELDS.items():
        check(a.get(field, default) == n.get(field, default), f"JSON export node {nid} {field}: {a.get(field)!r}")
with_evidence = 0
for e in link["edges"]:
    a = x.get_edge_data(e["source"], e["target"], key=e["relation"])
    if a is None:
        check(False, f"JSON export lost edge {e['id']} (NetworkX key = relation)")
        continue
    check(not INTERNAL_EDGE & set(a), f"JSON export edge {e['id']} has internal fields {sorted(INTERNAL_EDGE & set(a))}")
    check(a.get("id") == e["id"] and a.get("relation") == e["relation"], f"JSON export edge {e['id']} id, relation")
    check(a.get("rules") == e["rules"] and a["rules"], f"JSON export edge {e['id']} rules")
    for field in ("former", "former_since", "acting", "date", "year"):
        check(a.get(field) == e.get(field), f"JSON export edge {e['id']} {field}")
    evidence = a.get("evidence") or []
    ok = bool(evidence) and all(
        isinstance(v, dict) and v.get("sentence", "").strip() and v.get("doc") in link["graph"]["documents"]
        and isinstance(v.get("start"), int) and isinstance(v.get("end"), int) and v.get("rules")
        for v in evidence)
    check(ok, f"JSON export edge {e['id']}: evidence without sentence, document, offsets or rules: {evidence!r:.200}")
    check(evidence == cited(e), f"JSON export edge {e['id']}: evidence differs from the graph file's sentences")
    with_evidence += ok
print(f"{'ok  ' if len(failures) == failed_before else 'FAIL'} {name}: networkx {nx.__version__} JSON export {x.number_of_nodes()} nodes, {x.number_of_edges()} edges, "
      f"{with_evidence} with their evidence sentences, no internal fields")

# NetworkX, GraphML.
h = nx.read_graphml(graphml_path)
check(h.is_directed(), "networkx GraphML graph is not directed")
check(h.number_of_nodes() == want_nodes, f"networkx GraphML nodes {h.number_of_nodes()}")
check(h.number_of_edges() == want_edges, f"networkx GraphML edges {h.number_of_edges()}")
by_edge_id = {}
for u, v, data in h.edges(data=True):
    by_edge_id[data.get("edge_id")] = (u, v, data)
check(set(by_edge_id) == set(edges), "networkx GraphML edge_id values differ from the graph file's edge ids")
for nid, n in nodes.items():
    if nid not in h.nodes:
        check(False, f"networkx GraphML lost node {nid}")
        continue
    a = h.nodes[nid]
    check(a.get("label") == xml_text(n["label"]), f"networkx GraphML node {nid} label {a.get('label')!r}")
    check(a.get("kind") == n["kind"], f"networkx GraphML node {nid} kind")
    check(json.loads(a.get("aliases", "null")) == n.get("aliases", []), f"networkx GraphML node {nid} aliases")
    check(json.loads(a.get("docs", "null")) == n.get("docs", []), f"networkx GraphML node {nid} docs")
    check(a.get("series") is n.get("series", False), f"networkx GraphML node {nid} series")
    if "year" in n:
        check(a.get("year") == n["year"], f"networkx GraphML node {nid} year")
for eid, e in edges.items():
    if eid not in by_edge_id:
        continue
    u, v, data = by_edge_id[eid]
    check((u, v) == (e["source"], e["target"]), f"networkx GraphML edge {eid} ends")
    check(data.get("relation") == e["relation"] and data.get("label") == e["relation"], f"networkx GraphML edge {eid} relation")
    check(data.get("former") is e.get("former", False), f"networkx GraphML edge {eid} former")
    # The graph file cites each sentence by its number; GraphML spells them out.
    check(json.loads(data.get("evidence", "null")) == cited(e), f"networkx GraphML edge {eid} evidence")
    check(e["rules"] and json.loads(data.get("rules", "null")) == e["rules"], f"networkx GraphML edge {eid} rules")
gml_parallel = sum(1 for u, v in set(h.edges()) if h.number_of_edges(u, v) > 1)
check(gml_parallel == parallel, f"networkx GraphML parallel pairs {gml_parallel} != {parallel}")
print(f"ok   {name}: networkx GraphML {h.number_of_nodes()} nodes, {h.number_of_edges()} edges, "
      f"{gml_parallel} node pairs with parallel edges")

# python-igraph, GraphML.
ig = igraph.Graph.Read_GraphML(graphml_path)
check(ig.is_directed(), "igraph GraphML graph is not directed")
check(ig.vcount() == want_nodes, f"igraph nodes {ig.vcount()}")
check(ig.ecount() == want_edges, f"igraph edges {ig.ecount()}")
check(set(ig.es["edge_id"]) == set(edges), "igraph edge_id values differ from the graph file's edge ids")
check(sorted(ig.vs["id"]) == sorted(nodes), "igraph node ids differ from the graph file's")
labels = dict(zip(ig.vs["id"], ig.vs["label"]))
for nid, n in nodes.items():
    check(labels.get(nid) == xml_text(n["label"]), f"igraph node {nid} label")
for edge in ig.es:
    e = edges.get(edge["edge_id"])
    if e is None:
        continue
    s, t = ig.vs[edge.source]["id"], ig.vs[edge.target]["id"]
    check((s, t) == (e["source"], e["target"]), f"igraph edge {edge['edge_id']} ends")
    check(edge["relation"] == e["relation"], f"igraph edge {edge['edge_id']} relation")
ig_parallel = len({(ig.vs[x.source]["id"], ig.vs[x.target]["id"]) for x in ig.es if ig.count_multiple(x.index) > 1})
check(ig_parallel == parallel, f"igraph parallel pairs {ig_parallel} != {parallel}")
print(f"ok   {name}: igraph {igraph.__version__} GraphML {ig.vcount()} nodes, {ig.ecount()} edges, "
      f"{ig_parallel} node pairs with parallel edges")

if failures:
    print(f"{name}: {len(failures)} Python check(s) failed", file=sys.stderr)
    sys.exit(1)
