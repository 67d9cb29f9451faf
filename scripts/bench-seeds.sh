#!/usr/bin/env bash
# Extraction-speed benchmark on real text: the five seed articles of ../shared
# copied N times (each copy made distinct by a closing line, so none is left out
# as a duplicate), built by two binaries in alternating runs.
#
# Usage: scripts/bench-seeds.sh BASELINE_BINARY [N] [ROUNDS]
#        (defaults: N = 2000 copies, about 32 MB; ROUNDS = 5)
# Prints each run's wall and CPU seconds and, at the end, the median of each binary
# and their ratio (this build's speed as a share of the baseline's).
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:?usage: scripts/bench-seeds.sh BASELINE_BINARY [N] [ROUNDS]}
n=${2:-2000}
rounds=${3:-5}
seeds=../shared/seeds
[ -d "$seeds" ] || { echo "error: $seeds is missing" >&2; exit 1; }
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/newsgraph
dir=${BENCH_DIR:-/tmp/newsgraph-bench}/seeds-$n
if [ ! -d "$dir" ]; then
    mkdir -p "$dir.tmp"
    for ((i = 0; i < n; i++)); do
        for f in "$seeds"/*.txt; do
            b=$(basename "$f" .txt)
            { cat "$f"; printf '\n\nArchive copy %d.\n' "$i"; } >"$dir.tmp/${b}_copy$i.txt"
        done
    done
    mv "$dir.tmp" "$dir"
fi
echo "corpus: $(find "$dir" -type f | wc -l) files, $(du -sm "$dir" | cut -f1) MB; cores: $(nproc)"
# Prints "WALL CPU" (seconds; CPU = user + sys, steadier than wall time when other
# work shares the machine).
time_one() {
    local t
    t=$( { TIMEFORMAT='%R %U %S'; time "$1" build "$dir" -q -o /tmp/newsgraph-bench-out.json; } 2>&1 )
    awk -v t="$t" 'BEGIN {split(t, x, " "); printf "%.2f %.2f", x[1], x[2] + x[3]}'
}
"$bin" build "$dir" -q -o /tmp/newsgraph-bench-out.json # warm the page cache
new=() old=() newc=() oldc=()
for ((r = 0; r < rounds; r++)); do
    read -r o oc <<<"$(time_one "$base")"
    read -r w wc <<<"$(time_one "$bin")"
    old+=("$o") new+=("$w") oldc+=("$oc") newc+=("$wc")
    echo "round $r: baseline $o s (CPU $oc s), this build $w s (CPU $wc s)"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
mo=$(median "${old[@]}")
mn=$(median "${new[@]}")
co=$(median "${oldc[@]}")
cn=$(median "${newc[@]}")
echo "median CPU: baseline $co s, this build $cn s ($(awk -v a="$co" -v b="$cn" 'BEGIN {printf "%.3f", a / b}') x)"
echo "median: baseline $mo s, this build $mn s; speed of this build = $(awk -v a="$mo" -v b="$mn" 'BEGIN {printf "%.3f", a / b}') x the baseline's"
