#!/usr/bin/env bash
# Build-throughput benchmark: generates synthetic corpora with
# ../shared/tools/gen_corpus.py and times a release build of each to JSON.
# Prints, per size: wall seconds, MB/s, articles/s, peak RSS (/usr/bin/time -v)
# and output size, with the machine's core count.
#
# Usage: scripts/bench.sh [SIZE…]        (default: 1000 10000 100000 1000000)
# Env:   BENCH_DIR (corpora and outputs; default /tmp/newsgraph-bench),
#        RAYON_NUM_THREADS (threads; default: all cores).
set -euo pipefail
cd "$(dirname "$0")/.."
gen=../shared/tools/gen_corpus.py
dir=${BENCH_DIR:-/tmp/newsgraph-bench}
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000 100000 1000000)
mkdir -p "$dir"
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/newsgraph

echo "cores: $(nproc), threads: ${RAYON_NUM_THREADS:-all}, $(date -u +%Y-%m-%d)"
printf '%9s %9s %8s %8s %8s %11s %11s %10s\n' articles input_MB wall_s cpu_s MB/s articles/s peak_RSS_MB output_MB
for n in "${sizes[@]}"; do
    corpus=$dir/corpus-$n
    if [ ! -d "$corpus" ]; then
        python3 "$gen" "$corpus" "$n" >/dev/null
    fi
    bytes=$(find -L "$corpus" -type f -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}')
    out=$dir/graph-$n.json
    log=$dir/time-$n.txt
    /usr/bin/time -v "$bin" build "$corpus" -q -o "$out" 2>"$log"
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log" |
        awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
    cpu=$(awk -F': ' '/User time|System time/ {s+=$2} END {print s}' "$log")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    size=$(stat -c %s "$out")
    awk -v n="$n" -v b="$bytes" -v w="$wall" -v c="$cpu" -v r="$rss" -v s="$size" 'BEGIN {
        printf "%9d %9.1f %8.2f %8.2f %8.1f %11.0f %11.0f %10.1f\n",
            n, b / 1e6, w, c, b / 1e6 / w, n / w, r / 1024, s / 1e6 }'
done
