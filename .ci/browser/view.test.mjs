// Opens newsgraph's HTML view in headless Chromium and checks what an analyst sees:
// every node drawn, the search box finds a name, a click on the node shows its
// evidence sentences. Saves a screenshot.
//
// Usage: node view.test.mjs PAGE.html GRAPH.json NAME SCREENSHOT.png
// GRAPH.json is the graph the page should show whole; `-` checks the page against
// its own embedded data (a path or neighbourhood page). A page with a highlighted
// path must draw exactly that path highlighted.
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [page_, graph_, name, shot] = process.argv.slice(2);
if (!shot) {
  console.error("usage: node view.test.mjs PAGE.html GRAPH.json NAME SCREENSHOT.png");
  process.exit(2);
}
const file = graph_ === "-" ? null : JSON.parse(readFileSync(graph_, "utf8"));
let failed = false;
function check(ok, what) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failed = true;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const requests = [];
  page.on("request", r => { if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) requests.push(r.url()); });
  const errors = [];
  page.on("pageerror", e => errors.push(String(e)));
  await page.goto(pathToFileURL(page_).href);
  await page.waitForFunction(() => window.newsgraph && window.newsgraph.ready, null, { timeout: 30000 });
  const embedded = await page.evaluate(() => window.newsgraph.data);
  const graph = file || embedded;
  if (file) {
    check(embedded.nodes.length === file.nodes.length && embedded.edges.length === file.edges.length,
          `the page embeds the whole graph (${embedded.nodes.length} nodes, ${embedded.edges.length} edges)`);
  }
  if (embedded.highlight) {
    const want = embedded.highlight.nodes.length + embedded.highlight.edges.length;
    const got = await page.evaluate(() => window.newsgraph.cy.$(".hl").length);
    check(want > 0 && got === want, `path highlighted: ${got} of ${want} nodes and edges`);
  }

  const drawn = await page.evaluate(() => window.newsgraph.cy.nodes().filter(n => n.visible()).length);
  check(drawn === graph.nodes.length, `nodes drawn: ${drawn} of ${graph.nodes.length}`);
  const edges = await page.evaluate(() => window.newsgraph.cy.edges().length);
  check(edges === graph.edges.length, `edges drawn: ${edges} of ${graph.edges.length}`);
  const painted = await page.evaluate(() => {
    const c = document.querySelector("#cy canvas");
    return c !== null && c.width > 0 && c.height > 0;
  });
  check(painted, "the graph canvas is painted");
  const legend = await page.locator("#kinds input").count();
  check(legend > 0, `legend / kind filters: ${legend}`);

  // Search for the name, as a user types it.
  await page.fill("#search", name);
  await page.press("#search", "Enter");
  const heading = await page.locator("#panel h2").textContent({ timeout: 5000 }).catch(() => null);
  const target = graph.nodes.find(n => n.label === heading);
  check(target !== undefined, `search "${name}" shows ${heading}`);
  if (target === undefined) {
    await browser.close();
    process.exit(1);
  }

  // Click the node itself on the canvas.
  const box = await page.locator("#cy").boundingBox();
  const pos = await page.evaluate(id => window.newsgraph.cy.getElementById("n|" + id).renderedPosition(), target.id);
  await page.evaluate(() => { document.querySelector("#panel").replaceChildren(); });
  await page.mouse.click(box.x + pos.x, box.y + pos.y);
  await page.waitForSelector("#panel h2", { timeout: 5000 });
  check((await page.textContent("#panel h2")) === target.label, `a click on the node shows ${target.label}`);

  // The evidence panel shows a sentence that the graph file holds for one of its edges.
  const own = graph.edges.filter(e => e.source === target.id || e.target === target.id);
  const sentences = await page.locator("#panel .ev .sentence").allTextContents();
  // A graph file cites sentences by their number in `sentences`, which keeps their
  // document, offsets and text once; the page's own data gives the sentence inline.
  const expected = own.flatMap(e => e.evidence.map(v => typeof v === "number" ? graph.sentences[v].text : v.sentence));
  check(own.length > 0 && sentences.length === expected.length,
        `evidence sentences shown: ${sentences.length} of ${expected.length}`);
  check(sentences.includes(expected[0]), `the panel shows: "${(expected[0] || "").slice(0, 70)}…"`);

  // Filters hide a kind.
  await page.uncheck('#kinds input[value="country"]');
  const hidden = await page.evaluate(() => window.newsgraph.cy.nodes().filter(n => !n.visible()).length);
  const countries = graph.nodes.filter(n => n.kind === "country").length;
  check(hidden === countries, `unchecking "country" hides ${hidden} of ${countries} countries`);
  await page.check('#kinds input[value="country"]');

  check(requests.length === 0, `no network requests (${requests.join(", ")})`);
  check(errors.length === 0, `no script errors (${errors.join("; ")})`);
  await page.evaluate(id => window.newsgraph.select(id), target.id);
  await page.screenshot({ path: shot });
  console.log(`screenshot: ${shot}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
