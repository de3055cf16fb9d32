#!/usr/bin/env bash
# `domaintune-cli search` end to end on a tiny BERT: a 10-trial study with ASHA pruning records
# every trial as a child run of the study's run (pruned ones tagged and explained), its pruning
# decisions are those of Optuna's SuccessiveHalvingPruner on the same reported values (when the
# reference virtualenv has optuna), and a study killed with kill -9 at three points and resumed
# each time ends with the same trials, values, states, scores and rungs as the uninterrupted one.
# Usage: search_resume.sh SOURCE_DIR DOMAINTUNE_CLI [VENV_DIR]
set -euo pipefail
source_dir=${1:?usage: search_resume.sh SOURCE_DIR DOMAINTUNE_CLI [VENV_DIR]}
cli=${2:?usage: search_resume.sh SOURCE_DIR DOMAINTUNE_CLI [VENV_DIR]}
venv=${3:-${XDG_CACHE_HOME:-$HOME/.cache}/domaintune/reference-venv}
command -v python3 >/dev/null || { echo "SKIP: python3 is not installed"; exit 77; }
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
source "$source_dir/tests/reference/tinymodel.sh"
tiny_model "$source_dir" bert-seq-cls "$work/model"
tiny_sentiment_csv "$work/data.csv" 300
cat >"$work/space.json" <<'JSON'
{"learning_rate": {"type": "log-uniform", "low": 1e-4, "high": 0.3},
 "batch_size": {"type": "choice", "values": [4, 8, 16]},
 "warmup_ratio": {"type": "uniform", "low": 0, "high": 0.2}}
JSON
search() { # search OUTPUT HISTORY [extra...]; exec: a background search is the CLI's own pid
    local output=$1 history=$2
    shift 2
    exec "$cli" search --model "$work/model" --task seq-cls --train "$work/data.csv" --output "$output" \
        --history "$history" --trials 10 --epochs 8 --max-length 16 --learning-rate 0.01 \
        --space "$work/space.json" --min-epochs 0.25 --threads 1 "$@"
}

echo "uninterrupted study"
(search "$work/a" "$work/a.sqlite") >"$work/a.json" 2>"$work/a.log" || { tail -20 "$work/a.log"; exit 1; }

# The study in the history and on stdout agree; pruned trials stopped early and say why.
python3 - "$work/a.json" "$cli" "$work/a.sqlite" <<'PY'
import json, subprocess, sys
result = json.load(open(sys.argv[1]))
runs = {r["id"]: r for r in json.loads(subprocess.check_output(
    [sys.argv[2], "runs", "list", "--history", sys.argv[3]]))}
study = runs[result["study_run_id"]]
assert "study" in study["tags"] and study["status"] == "completed", study
trials = result["trials"]
assert len(trials) == 10, len(trials)
states = [t["state"] for t in trials]
assert states.count("pruned") >= 2 and states.count("completed") >= 2, states
assert trials[0]["values"]["learning_rate"] == 0.01, "trial 0 is the baseline"
for t in trials:
    run = runs[t["run_id"]]
    assert run["parent_id"] == study["id"], run
    assert ("pruned" in run["tags"]) == (t["state"] == "pruned"), (run["tags"], t["state"])
    if t["state"] == "pruned":
        assert "Pruned by ASHA" in run["notes"], run["notes"]
        assert run["status"] == "cancelled", run["status"]
best = result["best"]
assert best["state"] == "completed" and best["model"], best
scores = [t["score"] for t in trials if t["state"] == "completed"]
assert best["score"] == max(scores), (best["score"], scores)
print("study:", states, "best trial", best["number"], best["score"])
PY

# Optuna's SuccessiveHalvingPruner, fed the values each trial reported (its evaluations in the
# history, at training examples seen = step x batch size), prunes the same trials at the same
# point (a trial whose last report falls on a rung has finished and counts as completed).
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import optuna' 2>/dev/null; then
    "$venv/bin/python" - "$work/a.json" "$work/a.sqlite" <<'PY'
import json, sqlite3, sys
import optuna
optuna.logging.set_verbosity(optuna.logging.WARNING)
result = json.load(open(sys.argv[1]))
db = sqlite3.connect(sys.argv[2])
pruner = optuna.pruners.SuccessiveHalvingPruner(min_resource=result["rung_examples"],
                                                reduction_factor=4)
study = optuna.create_study(direction=result["direction"], pruner=pruner)
metric = result["metric"]
checked = 0
for t in result["trials"]:
    batch = json.loads(db.execute("SELECT spec FROM runs WHERE id = ?", (t["run_id"],))
                       .fetchone()[0])["batch_size"]
    reports = [(step * batch, json.loads(summary)[metric]) for step, summary in db.execute(
        "SELECT step, summary FROM evaluations WHERE run_id = ? AND split = 'validation' "
        "ORDER BY step", (t["run_id"],))]
    trial = study.ask()
    pruned_at = None
    for i, (examples, value) in enumerate(reports):
        trial.report(value, examples)
        prune = trial.should_prune()  # records the rung: ask once per report
        if prune and (i + 1 < len(reports) or t["state"] == "pruned"):
            pruned_at = examples
            break
    if pruned_at is not None:
        assert t["state"] == "pruned" and t["pruned_at_examples"] == pruned_at, (t, pruned_at)
        study.tell(trial, state=optuna.trial.TrialState.PRUNED)
    else:
        assert t["state"] == "completed", (t["number"], t["state"], reports)
        study.tell(trial, reports[-1][1])
    checked += len(reports)
print("optuna agrees on", len(result["trials"]), "trials,", checked, "reports")
PY
else
    echo "(optuna check skipped: no reference virtualenv at $venv)"
fi

echo "a kill right after a pruning decision: the trial stays pruned"
# study.json as a kill between the pruner's decision and the trial's end leaves it: the last
# (pruned) trial still "running" with its pruning point recorded.
cp -r "$work/a" "$work/c"
cp "$work/a.sqlite" "$work/c.sqlite"
python3 - "$work/c/study.json" <<'PY'
import json, sys
state = json.load(open(sys.argv[1]))
last = state["trials"][-1]
assert last["state"] == "pruned", "the fixture's last trial is pruned: " + last["state"]
last["state"], last["score"], last["message"] = "running", None, ""
json.dump(state, open(sys.argv[1], "w"))
PY
(search "$work/c" "$work/c.sqlite" --resume) >"$work/c.json" 2>"$work/c.log" ||
    { tail -20 "$work/c.log"; exit 1; }
python3 - "$work/a.json" "$work/c.json" "$work/c.log" <<'PY'
import json, sys
a, c = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
for x, y in zip(a["trials"], c["trials"]):
    for key in ("state", "score", "rungs", "pruned_at_examples"):
        assert x[key] == y[key], (x["number"], key, x[key], y[key])
last = a["trials"][-1]["number"]
assert f"Trial {last} of" not in open(sys.argv[3]).read(), "the pruned trial trained again"
PY

echo "kill -9 at three points, resume each time"
kills=0
for wait_for in 2 5 8; do
    if [ -f "$work/b/study.json" ]; then
        search "$work/b" "$work/b.sqlite" --resume >"$work/b.json" 2>>"$work/b.log" &
    else
        search "$work/b" "$work/b.sqlite" >"$work/b.json" 2>>"$work/b.log" &
    fi
    pid=$!
    # Kill once trial $wait_for has started training (its run exists in study.json).
    for _ in $(seq 1 600); do
        if python3 - "$work/b/study.json" "$wait_for" 2>/dev/null <<'PY'
import json, sys
trials = json.load(open(sys.argv[1]))["trials"]
n = int(sys.argv[2])
# trial n training now, or already past it (then kill in a later trial)
sys.exit(0 if len(trials) > n and trials[n]["run_id"] > 0 and
         (trials[n]["state"] == "running" or len(trials) > n + 1) else 1)
PY
        then break; fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    # Somewhere inside the trial: at a step, an evaluation, a pruning decision or a checkpoint.
    sleep "0.$((RANDOM % 3))$((RANDOM % 10))"
    if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
    wait "$pid" 2>/dev/null || true
done
(search "$work/b" "$work/b.sqlite" --resume) >"$work/b.json" 2>>"$work/b.log" ||
    { tail -20 "$work/b.log"; exit 1; }
[ "$kills" -ge 2 ] || { echo "the study ended before it could be killed ($kills kills)" >&2; exit 1; }
python3 - "$work/a.json" "$work/b.json" "$cli" "$work/b.sqlite" "$kills" <<'PY'
import json, subprocess, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
keys = ("number", "values", "state", "score", "rungs", "pruned_at_examples")
for x, y in zip(a["trials"], b["trials"]):
    for key in keys:
        assert x[key] == y[key], ("trial", x["number"], key, x[key], y[key])
assert len(a["trials"]) == len(b["trials"]) == 10
assert a["best"]["number"] == b["best"]["number"]
runs = json.loads(subprocess.check_output([sys.argv[3], "runs", "list", "--history", sys.argv[4]]))
studies = [r for r in runs if "study" in r["tags"]]
assert len(studies) == 1 and studies[0]["status"] == "completed", studies
children = {r["id"]: r for r in runs if r["parent_id"] == studies[0]["id"]}
for t in b["trials"]:  # every trial's final run is a child of the study, and it ended
    assert t["run_id"] in children, t
    assert children[t["run_id"]]["status"] in ("completed", "cancelled"), children[t["run_id"]]
interrupted = [r for r in children.values() if r["status"] == "interrupted"]
assert len(interrupted) <= int(sys.argv[5]), (len(interrupted), sys.argv[5])
print("resumed after", sys.argv[5], "kills: the same 10 trials;", len(interrupted),
      "interrupted trial runs continued by new ones")
PY
