// Loads newsgraph's Cytoscape.js and graphology JSON in the real libraries and checks
// them against the node-link graph file and the counts `newsgraph build` printed.
// Usage: node check.mjs NAME LINK.json CYTOSCAPE.json GRAPHOLOGY.json NODES EDGES
import { readFileSync } from "node:fs";
import cytoscape from "cytoscape";
import graphology from "graphology";

const [name, linkPath, cyPath, glPath, nodesArg, edgesArg] = process.argv.slice(2);
const want = { nodes: Number(nodesArg), edges: Number(edgesArg) };
const link = JSON.parse(readFileSync(linkPath, "utf8"));
let failures = 0;
function check(ok, what) {
  if (!ok) {
    failures += 1;
    console.error(`FAIL ${name}: ${what}`);
  }
}
const labels = new Map(link.nodes.map((n) => [n.id, n.label]));
const parallel = (() => {
  const pairs = new Map();
  for (const e of link.edges) {
    const k = `${e.source}\u0000${e.target}`;
    pairs.set(k, (pairs.get(k) ?? 0) + 1);
  }
  return [...pairs.values()].filter((c) => c > 1).length;
})();

// Cytoscape.js, headless, as a page would load it.
const cyDoc = JSON.parse(readFileSync(cyPath, "utf8"));
const cy = cytoscape({ headless: true, elements: cyDoc.elements, data: cyDoc.data });
check(cy.nodes().length === want.nodes, `cytoscape nodes ${cy.nodes().length} != ${want.nodes}`);
check(cy.edges().length === want.edges, `cytoscape edges ${cy.edges().length} != ${want.edges}`);
for (const e of link.edges) {
  const ele = cy.getElementById(e.id);
  check(ele.nonempty() && ele.isEdge(), `cytoscape lost edge ${e.id}`);
  if (ele.nonempty()) {
    check(ele.source().id() === e.source && ele.target().id() === e.target, `cytoscape edge ${e.id} ends`);
    check(ele.data("relation") === e.relation, `cytoscape edge ${e.id} relation`);
    check(ele.data("evidence").length === e.evidence.length, `cytoscape edge ${e.id} evidence`);
  }
}
for (const [id, label] of labels) {
  const ele = cy.getElementById(id);
  check(ele.nonempty() && ele.isNode() && ele.data("label") === label, `cytoscape node ${id}`);
}
console.log(`ok   ${name}: cytoscape ${cy.nodes().length} nodes, ${cy.edges().length} edges`);

// graphology, as Sigma.js would get it.
const glDoc = JSON.parse(readFileSync(glPath, "utf8"));
const Graph = graphology.Graph ?? graphology;
const g = Graph.from(glDoc);
check(g.type === "directed" && g.multi === true, `graphology type ${g.type}, multi ${g.multi}`);
check(g.order === want.nodes, `graphology nodes ${g.order} != ${want.nodes}`);
check(g.size === want.edges, `graphology edges ${g.size} != ${want.edges}`);
g.forEachNode((key, a) => {
  check(Number.isFinite(a.x) && Number.isFinite(a.y), `graphology node ${key} has no x/y`);
  check(a.label === labels.get(key), `graphology node ${key} label`);
});
for (const e of link.edges) {
  check(g.hasEdge(e.id), `graphology lost edge ${e.id}`);
  if (g.hasEdge(e.id)) {
    check(g.source(e.id) === e.source && g.target(e.id) === e.target, `graphology edge ${e.id} ends`);
  }
}
let multiPairs = 0;
const seen = new Set();
g.forEachEdge((key, a, s, t) => {
  const k = `${s}\u0000${t}`;
  if (!seen.has(k)) {
    seen.add(k);
    if (g.edges(s, t).length > 1) multiPairs += 1;
  }
});
check(multiPairs === parallel, `graphology parallel pairs ${multiPairs} != ${parallel}`);
console.log(`ok   ${name}: graphology ${g.order} nodes, ${g.size} edges, ${multiPairs} node pairs with parallel edges`);

if (failures > 0) {
  console.error(`${name}: ${failures} JavaScript check(s) failed`);
  process.exit(1);
}
