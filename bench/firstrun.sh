#!/usr/bin/env bash
# The first experience (issue #19): the run a new user starts by pressing Next … Start training
# in the wizard — the default model (all-MiniLM-L6-v2 when installed, else the starter model)
# on the sample legal task with the wizard's defaults for a small encoder (4 epochs, batch 16,
# learning rate 1e-4, 6 % warm-up, 128 tokens, 10 % held out) — once on the sample's labels
# (licence families) and once on its `licence` column (the licences themselves). Prints the
# held-out accuracy and macro-F1 after the last epoch and the wall time of each.
#   bench/firstrun.sh [MODEL_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cli="$here/build/bin/domaintune-cli"
field() { /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin).get('$1') or '')"; }
model=${1:-$("$cli" models default | field path)}
[ -n "$model" ] || model=$("$cli" starter status | field model_dir)
"$cli" starter build >/dev/null
sample=$("$cli" starter status | field sample_task_file)
[ -f "$model/config.json" ] || { echo "firstrun: no model in $model" >&2; exit 1; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
echo "model: $model"
echo "sample: $sample"
for column in label licence; do
    cat >"$scratch/$column-spec.json" <<JSON
{"model": "$model", "task": "seq-cls", "train": "$sample", "label_column": "$column",
 "output": "$scratch/$column", "epochs": 4, "batch_size": 16, "learning_rate": 1e-4,
 "warmup_ratio": 0.06, "max_length": 128, "validation_fraction": 0.1}
JSON
    start=$(date +%s.%N)
    "$cli" train --config "$scratch/$column-spec.json" --no-history >"$scratch/$column.json" \
        2>"$scratch/$column.log" || { tail -n 5 "$scratch/$column.log" >&2; exit 1; }
    end=$(date +%s.%N)
    /usr/bin/python3 - "$scratch/$column.json" "$column" "$(echo "$end - $start" | bc)" <<'PY'
import json, sys
result, column, seconds = json.load(open(sys.argv[1])), sys.argv[2], float(sys.argv[3])
m = result["metrics"]
print(f"{column:8s} accuracy {m['accuracy']:.3f}  macro-F1 {m['f1_macro']:.3f}  "
      f"{result['steps']} steps  {seconds:.0f} s")
PY
done
