#!/usr/bin/env bash
# Regenerates graphs/: the bundled example corpus's graph in every export format,
# and graphs/example.svg drawn from graphs/example.dot by Graphviz (`dot`).
# A cargo test checks the non-SVG files are current; .ci/check-exports checks the SVG.
#
# Usage: scripts/graphs.sh   (needs cargo, and graphviz: apt-get install graphviz)
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
