#!/usr/bin/env bash
# check_transfer.sh CLI SOURCE_DIR SHARED_DIR: runs the transfer study at tiny sizes on two
# datasets (a classification and an NER task) and checks the pipeline, not the numbers.
set -euo pipefail
cli=$1
source_dir=$2
# CTest passes DOMAINTUNE_SHARED_DIR to every test (the argument is a fallback).
shared=${DOMAINTUNE_SHARED_DIR:-$3}
py=/usr/bin/python3

if [ ! -d "$shared/data" ]; then
    echo "SKIP: no shared data at $shared/data (the transfer study reads ../shared/data)"
    exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# Without the data the study says so and stops with 77, before running anything.
status=0
bash "$source_dir/bench/transfer/run.sh" --tiny --cli "$cli" --shared "$work/none" \
    --out "$work/absent" 2>"$work/absent.log" || status=$?
[ "$status" = 77 ] || fail "run.sh without data exited $status, expected 77"
grep -q "shared data is absent" "$work/absent.log" || fail "run.sh did not say the data is absent"

doc="$source_dir/docs/transfer-study.md"
before=$(sha256sum "$doc" 2>/dev/null || true)
bash "$source_dir/bench/transfer/run.sh" --tiny --cli "$cli" --shared "$shared/data" \
    --datasets finance,medical --out "$work/out" 2>"$work/run.log" ||
    { tail -n 40 "$work/run.log" >&2; fail "run.sh --tiny failed"; }
[ "$before" = "$(sha256sum "$doc" 2>/dev/null || true)" ] || fail "--tiny changed $doc"

"$py" - "$work/out" <<'PY'
import json, math, os, sys
import xml.etree.ElementTree as ET

out = sys.argv[1]
methods = ["tfidf-lr", "scratch-all", "starter-head", "starter-top2", "starter-all",
           "starter-dapt-all"]
expected = {(d, m) for d in ("finance", "medical") for m in methods}
rows = [json.loads(line) for line in open(os.path.join(out, "results.jsonl")) if line.strip()]
seen = {(r["dataset"], r["method"]) for r in rows}
assert seen == expected and len(rows) == len(expected), f"results.jsonl holds {sorted(seen)}"
for r in rows:
    value = r.get("value")
    assert isinstance(value, (int, float)) and math.isfinite(value) and 0 <= value <= 1, r
    assert r["metric"] == ("entity_f1" if r["dataset"] == "medical" else "macro_f1"), r
    assert r["train_seconds"] > 0 and r["examples"]["test"] > 0, r
    assert "settings" in r and "error" not in r, r
    if r["method"] == "starter-dapt-all":
        assert r["dapt"]["steps"] > 0, r
table = open(os.path.join(out, "results.md"), encoding="utf-8").read()
for label in ("TF-IDF", "random init", "head only", "top 2", "all layers", "domain-adaptive"):
    assert label in table, f"results.md lacks the row {label}"
svg = ET.parse(os.path.join(out, "transfer.svg")).getroot()
bars = [e for e in svg.iter("{http://www.w3.org/2000/svg}rect") if e.find(
    "{http://www.w3.org/2000/svg}title") is not None]
assert len(bars) == 2 * len(expected), f"the plot has {len(bars)} bars"
study = json.load(open(os.path.join(out, "study.json")))
assert study["tiny"] and study["seconds"] > 0
print(f"transfer study (tiny): {len(rows)} results, {len(bars)} bars, {study['seconds']:.0f} s")
PY
