#!/usr/bin/env bash
# Regenerates graphs/: the bundled example corpus's graph in every export format,
# graphs/example.svg drawn from graphs/example.dot by Graphviz (`dot`), and
# graphs/example.html (the interactive view) with its screenshot
# graphs/example-view.png. A cargo test checks the JSON, DOT, GraphML and HTML
# files are current; .ci/check-exports checks the SVG.
#
# Usage: scripts/graphs.sh   (needs cargo and graphviz: apt-get install graphviz;
#        for the screenshot, node and chromium: apt-get install chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v dot >/dev/null || { echo "error: dot not found: apt-get install graphviz" >&2; exit 1; }
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/newsgraph
for f in json dot graphml cytoscape.json graphology.json; do
    "$bin" build -q -o "graphs/example.$f"
done
dot -Tsvg graphs/example.dot -o graphs/example.svg
ls -l graphs/
"$bin" export -o graphs/example.html
# The screenshot of the HTML view (needs node, npm and Debian's chromium).
if command -v node >/dev/null && [ -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
    (cd .ci/browser && npm ci --silent --no-audit --no-fund)
    node .ci/browser/view.test.mjs graphs/example.html graphs/example.json Whitmore graphs/example-view.png
else
    echo "warning: node or chromium missing: graphs/example-view.png not redrawn" >&2
fi
