#!/usr/bin/env bash
# kill -9 at random points of training (mid-step, mid-evaluation, mid-checkpoint), KILLS times,
# and five times during an export,
# each followed by `train --resume`: every resume must go on from the last checkpoint, the
# history must pass PRAGMA integrity_check after every kill, each killed run must read
# "interrupted" at once (its pid is gone; no heartbeat wait) and the final model must be
# bit-identical to an uninterrupted run's. A tiny BERT from tests/reference, so each cycle is
# short; one thread, so runs are deterministic.
# Usage: kill_resume.sh SOURCE_DIR DOMAINTUNE_CLI [KILLS]   (default 20)
set -euo pipefail
source_dir=${1:?usage: kill_resume.sh SOURCE_DIR DOMAINTUNE_CLI [KILLS]}
cli=${2:?usage: kill_resume.sh SOURCE_DIR DOMAINTUNE_CLI [KILLS]}
kills=${3:-20}
command -v sqlite3 >/dev/null || { echo "SKIP: sqlite3 is not installed"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$source_dir/tests/reference/tinymodel.sh"
tiny_model "$source_dir" bert-seq-cls "$work/base"
tiny_sentiment_csv "$work/train.csv" 60
# Checkpoints every 4 steps and an evaluation every 6: kills land in all three phases.
printf '{"checkpoint_steps": 4, "eval_steps": 6, "validation_fraction": 0.2}' >"$work/spec.json"
common=(--config "$work/spec.json" --model "$work/base" --task seq-cls --train "$work/train.csv"
    --epochs 400 --batch-size 8 --max-length 16 --learning-rate 0.005 --seed 3 --threads 1)
train() { # OUTPUT HISTORY [--resume]; exec: a background job's pid is the CLI's own
    exec "$cli" train "${common[@]}" --output "$1" --history "$2" "${@:3}"
}
(train "$work/reference" "$work/reference.sqlite") >"$work/reference.json" 2>/dev/null
reference=$(sha256sum <"$work/reference/model/model.safetensors")

history="$work/history.sqlite"
random=17
for cycle in $(seq 1 "$kills"); do
    resume=()
    [ -f "$work/run/checkpoint/state.json" ] && resume=(--resume)
    (train "$work/run" "$history" "${resume[@]}") >"$work/out-$cycle.json" 2>"$work/err-$cycle.log" &
    pid=$!
    random=$(( (random * 1103515245 + 12345) % 2147483648 ))
    delay=$(( 200 + random % 1000 )) # milliseconds
    sleep "$(( delay / 1000 )).$(printf '%03d' $(( delay % 1000 )))"
    if ! kill -9 "$pid" 2>/dev/null; then
        wait "$pid" || true
        echo "cycle $cycle: the run ended before the kill" >&2
        finished=1
        break
    fi
    wait "$pid" 2>/dev/null || true
    check=$(sqlite3 "$history" 'PRAGMA integrity_check;' 2>&1 || true)
    [ "$check" = ok ] || { echo "cycle $cycle: integrity_check: $check" >&2; exit 1; }
    # The killed run is found dead by its pid at the next look, not after a heartbeat timeout.
    status=$("$cli" runs list --history "$history" 2>/dev/null |
        python3 -c 'import json, sys; runs = json.load(sys.stdin); print(runs[0]["status"] if runs else "none")')
    case "$status" in interrupted | none) ;; *)
        echo "cycle $cycle: the killed run reads \"$status\", not interrupted" >&2; exit 1 ;;
    esac
done
if [ -z "${finished:-}" ]; then
    resume=()
    [ -f "$work/run/checkpoint/state.json" ] && resume=(--resume)
    (train "$work/run" "$history" "${resume[@]}") >"$work/final.json" 2>"$work/final.log" ||
        { cat "$work/final.log" >&2; exit 1; }
fi
final=$(sha256sum <"$work/run/model/model.safetensors")
[ "$final" = "$reference" ] || { echo "the resumed model differs from the uninterrupted one" >&2; exit 1; }
[ "$(sqlite3 "$history" 'PRAGMA integrity_check;')" = ok ] || { echo "final integrity_check failed" >&2; exit 1; }
# Export killed at random points: the folder is either absent or a whole model that loads.
printf '{"input_ids": [[2, 5, 7, 16, 3]]}' >"$work/inputs.json"
for attempt in $(seq 1 5); do
    ("$cli" export --model "$work/run/model" --format both --output "$work/export-$attempt" \
        >/dev/null 2>&1) &
    pid=$!
    random=$(( (random * 1103515245 + 12345) % 2147483648 ))
    sleep "0.$(printf '%03d' $(( 20 + random % 400 )))"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    if [ -d "$work/export-$attempt" ]; then
        "$cli" forward --model "$work/export-$attempt" --inputs "$work/inputs.json" >/dev/null 2>&1 ||
            { echo "export $attempt: a killed export left a folder that does not load" >&2; exit 1; }
    fi
done
runs=$(sqlite3 "$history" "SELECT count(*) FROM runs;")
completed=$(sqlite3 "$history" "SELECT count(*) FROM runs WHERE status = 'completed';")
echo "kill_resume: $cycle kill(s), $runs run(s) in the history ($completed completed); the final" \
    "model equals the uninterrupted run's bit for bit; integrity_check ok after every kill;" \
    "5 killed exports left no folder that fails to load"
[ "$completed" = 1 ] || { echo "expected exactly one completed run" >&2; exit 1; }
