#!/usr/bin/env bash
# Chained adaptation on a tiny BERT: masked-LM adaptation on the task's texts, then the task on
# that model, then the task once more from the history's spec of the chained run. The history
# links the runs (runs show --lineage: base-model edge and chain), the exported model card lists
# the chain, and the re-run reproduces the chained run's metrics exactly.
# Usage: chain.sh SOURCE_DIR DOMAINTUNE_CLI
set -euo pipefail
source_dir=${1:?usage: chain.sh SOURCE_DIR DOMAINTUNE_CLI}
cli=${2:?usage: chain.sh SOURCE_DIR DOMAINTUNE_CLI}
command -v python3 >/dev/null || { echo "SKIP: python3 is not installed"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$source_dir/tests/reference/tinymodel.sh"
tiny_model "$source_dir" bert-mlm "$work/general"
tiny_sentiment_csv "$work/task.csv" 30
cut -d, -f1 "$work/task.csv" | tail -n +2 >"$work/texts.txt"
history="$work/history.sqlite"
# Runs a CLI command, its stderr kept; on failure the log is shown.
cli_run() {
    local log=$1
    shift
    "$cli" "$@" 2>"$work/$log.log" || { echo "domaintune-cli $*: failed" >&2; tail -20 "$work/$log.log" >&2; exit 1; }
}
common=(--history "$history" --max-length 16 --threads 1 --dropout 0 --seed 7)

cli_run dapt train --model "$work/general" --task mlm --train "$work/texts.txt" \
    --output "$work/dapt" --epochs 2 --learning-rate 0.01 --name "domain MLM" "${common[@]}" \
    >"$work/dapt.json"
cli_run task train --model "$work/dapt/model" --task seq-cls --train "$work/task.csv" \
    --output "$work/task" --epochs 4 --learning-rate 0.03 --name "task on domain MLM" \
    "${common[@]}" >"$work/task.json"
task_run=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["run_id"])' "$work/task.json")
"$cli" runs show "$task_run" --lineage --history "$history" >"$work/lineage.json"
cli_run export export --run "$task_run" --history "$history" --output "$work/export" >/dev/null

# The re-run: the chained run's own spec from the history, into another folder.
python3 - "$work/lineage.json" "$work/rerun.json" "$work/rerun" <<'PY'
import json, sys
spec = json.load(open(sys.argv[1]))["run"]["spec"]
spec["output"] = sys.argv[3]
json.dump(spec, open(sys.argv[2], "w"))
PY
cli_run rerun train --config "$work/rerun.json" --history "$history" >"$work/rerun-result.json"
"$cli" runs show "$task_run" --lineage --history "$history" >"$work/lineage-after.json"

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
dapt = json.load(open(f"{work}/dapt.json"))
task = json.load(open(f"{work}/task.json"))
rerun = json.load(open(f"{work}/rerun-result.json"))
lineage = json.load(open(f"{work}/lineage.json"))["lineage"]
after = json.load(open(f"{work}/lineage-after.json"))["lineage"]
assert lineage["chain"] == [dapt["run_id"], task["run_id"]], lineage["chain"]
edges = [(e["from"], e["to"], e["link"]) for e in lineage["edges"]]
assert (dapt["run_id"], task["run_id"], "base-model") in edges, edges
# The re-run trained on the same base model: it belongs to the same lineage.
edges = [(e["from"], e["to"], e["link"]) for e in after["edges"]]
assert (dapt["run_id"], rerun["run_id"], "base-model") in edges, edges
assert task["status"] == rerun["status"] == "completed"
assert task["metrics"] == rerun["metrics"], (task["metrics"], rerun["metrics"])
assert task["metrics"]["f1_macro"] > 0.5, task["metrics"]  # it learned something
card = open(f"{work}/export/README.md").read()
assert "## How this model was built" in card, card
assert "1. domain MLM (mlm, other), from " in card and \
    "2. task on domain MLM (seq-cls, other), on the model of step 1" in card, card
print("chain", lineage["chain"], "re-run reproduces", task["metrics"]["f1_macro"])
PY
