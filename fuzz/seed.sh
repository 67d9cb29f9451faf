#!/usr/bin/env bash
# Seeds the fuzz corpora (fuzz/corpus/<target>/, not committed) from the example
# corpus and graph, plus truncated and mutated variants. Run from anywhere:
#   fuzz/seed.sh
# Needs python3 and the newsgraph binary (built here with cargo if missing).
set -euo pipefail
fuzz="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$fuzz")"
pe="$fuzz/corpus/parse_extract"
rg="$fuzz/corpus/read_graph"
mkdir -p "$pe" "$rg"

# Documents: each example article, whole and cut into pieces (some mid-character).
for f in "$root"/examples/corpus/*.txt; do
    base=$(basename "$f" .txt)
    cp "$f" "$pe/$base.txt"
done
python3 - "$root/examples/corpus" "$pe" <<'PY'
import pathlib, sys
src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for f in sorted(src.glob("*.txt")):
    b = f.read_bytes()
    stem = f.stem
    # Paragraphs on their own keep inputs small for the fuzzer.
    for i, para in enumerate(b.split(b"\n\n")[:6]):
        if para.strip():
            (out / f"{stem}.p{i}").write_bytes(para)
    (out / f"{stem}.cut").write_bytes(b[: len(b) // 3 + 1])
    (out / f"{stem}.crlf").write_bytes(b[:1500].replace(b"\n", b"\r\n"))
    text = b[:1200].decode("utf-8", "ignore")
    (out / f"{stem}.utf16le").write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    (out / f"{stem}.quotes").write_bytes(
        text.replace('"', "\u201c").replace("'", "\u2019").replace(" - ", " \u2014 ")
        .replace(" ", "\u00a0", 3).encode()
    )
extra = [
    "---\ntitle: \"Talks\"\ndate: 2024-03-05\n---\n# source: https://example.org/a\nBody. More.",
    "\u5bf9\u8bdd\u5f00\u59cb\u4e86\u3002\u53cc\u65b9\u540c\u610f\uff01\u300c\u597d\u3002\u300d",
    "\u202eDefense Minister\u200b Kim\u200d Yong-hyun (MND) met U.S. Secretary Hegseth.\u2029Next",
    "Brig.\nGen. J. Smith, acting Defense Minister, said.The talks\tended\x0b\x0c\x7f.",
]
for i, s in enumerate(extra):
    (out / f"extra{i}.txt").write_bytes(s.encode())
PY

# Graphs: the example graph, one small graph per article, and truncated copies.
bin="${NEWSGRAPH:-$root/target/release/newsgraph}"
if [ ! -x "$bin" ]; then
    (cd "$root" && cargo build --release -q)
    bin="${CARGO_TARGET_DIR:-$root/target}/release/newsgraph"
fi
cp "$root/graphs/example.json" "$rg/example.json"
for f in "$root"/examples/corpus/*.txt; do
    "$bin" build -q "$f" -o "$rg/$(basename "$f" .txt).json"
done
# Small graphs, from single paragraphs, keep the fuzzer fast.
for f in "$pe"/0[1-6]*.p1 "$pe"/1*.p2; do
    cp "$f" "$pe/tmp.txt"
    "$bin" build -q "$pe/tmp.txt" -o "$rg/small-$(basename "$f").json"
done
rm -f "$pe/tmp.txt"
python3 - "$rg" <<'PY'
import pathlib, sys
out = pathlib.Path(sys.argv[1])
for f in sorted(out.glob("0*.json"))[:4]:
    b = f.read_bytes()
    for n in (1, 2, 3):
        (out / f"{f.stem}.cut{n}").write_bytes(b[: len(b) * n // 4])
    (out / f"{f.stem}.dup").write_bytes(b.replace(b'"nodes": [', b'"nodes": [' + b[b.index(b'"nodes": [') + 10 : b.index(b"},", b.index(b'"nodes": [')) + 2], 1))
    (out / f"{f.stem}.v2").write_bytes(b.replace(b'"version": 1', b'"version": 2', 1))
(out / "empty.json").write_bytes(
    b'{"directed":true,"multigraph":true,"graph":{"name":"newsgraph","version":1,"documents":{}},"nodes":[],"edges":[]}'
)
PY
echo "seeded: $(ls "$pe" | wc -l) documents in $pe, $(ls "$rg" | wc -l) graphs in $rg"
