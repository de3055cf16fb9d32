#!/usr/bin/env bash
# check_fewshot.sh CLI SOURCE_DIR: the few-shot study's pipeline (bench/fewshot/run.sh) on a
# tiny data set in the committed tiny model's words: sampling, few-shot and standard training,
# evaluation, TF-IDF, the results lines and the table. Checks the pipeline, not the numbers
# (the SetFit reference needs the reference virtualenv and is not run). Needs python3-sklearn;
# nothing outside the repository.
set -euo pipefail
cli=$1
source_dir=$2
py=/usr/bin/python3
. "$source_dir/tests/reference/tinymodel.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# Without data and without the shared corpora the study says so and stops with 77.
status=0
DOMAINTUNE_SHARED_DIR="$work/none" bash "$source_dir/bench/fewshot/run.sh" --cli "$cli" \
    --out "$work/absent" 2>"$work/absent.log" || status=$?
[ "$status" = 77 ] || fail "run.sh without data exited $status, expected 77"

tiny_model "$source_dir" bert-seq-cls "$work/model"
mkdir -p "$work/data/finance"
"$py" - "$work/data/finance" <<'PY'
import json, os, sys
out = sys.argv[1]
phrases = {"positive": ["profit rose up", "good profit", "shares rose", "profit up"],
           "negative": ["shares fell down", "bad loss", "loss fell", "rates down"],
           "neutral": ["the bank cut rates", "the rates", "the bank", "the shares"]}
def write(name, repeats):
    with open(os.path.join(out, name + ".jsonl"), "w") as handle:
        for r in range(repeats):
            for label, texts in phrases.items():
                for text in texts:
                    handle.write(json.dumps({"text": text, "label": label}) + "\n")
write("train", 2)
write("validation", 1)
write("test", 1)
json.dump({"dataset": "finance", "task": "seq-cls", "language": "en"},
          open(os.path.join(out, "meta.json"), "w"))
PY
# TF-IDF needs python3-sklearn (scripts/install-deps); without it the rest is still checked.
methods=setfit,fine-tune,tfidf-lr
"$py" -c 'import sklearn' 2>/dev/null || { echo "note: no python3-sklearn, TF-IDF left out"; methods=setfit,fine-tune; }
bash "$source_dir/bench/fewshot/run.sh" --cli "$cli" --data "$work/data" --datasets finance \
    --sizes 3 --seeds 1,2 --methods "$methods" --model "$work/model" \
    --max-length 16 --max-pairs 96 --out "$work/out" 2>"$work/run.log" ||
    { tail -n 40 "$work/run.log" >&2; fail "run.sh failed"; }

"$py" - "$work/out" "$methods" <<'PY'
import json, math, os, sys
out = sys.argv[1]
methods = sys.argv[2].split(",")
rows = [json.loads(line) for line in open(os.path.join(out, "results.jsonl"))]
seen = {(r["method"], r["seed"]) for r in rows}
expected = {(m, s) for m in methods for s in (1, 2)}
assert seen == expected, f"results for {sorted(seen)}, expected {sorted(expected)}"
for row in rows:
    assert "error" not in row, row
    assert row["per_class"] == 3 and row["test_examples"] == 12, row
    assert 0 <= row["macro_f1"] <= 1 and math.isfinite(row["macro_f1"]), row
table = open(os.path.join(out, "results.md")).read()
for title in ("DomainTune few-shot (SetFit)", "DomainTune standard fine-tuning"):
    assert title in table, title
# The sample is the same for every method of a seed, and differs between seeds.
one = open(os.path.join(out, "splits", "finance-3-1", "train.jsonl")).read()
two = open(os.path.join(out, "splits", "finance-3-2", "train.jsonl")).read()
assert one != two
print("fewshot pipeline: ok,", len(rows), "runs")
PY
# The few-shot run trained on the pairs --max-pairs allows: 9 examples, 5 pairs each kind each.
grep -q '"steps": 6' "$work/out/runs/finance-3-1-setfit/train.json" ||
    fail "the few-shot run did not train 90 pairs in batches of 16 (6 steps)"
echo "PASS"
