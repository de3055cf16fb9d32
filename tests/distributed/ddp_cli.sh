#!/usr/bin/env bash
# Data-parallel training from the command line, as users start it: `train --nproc 2` and
# `torchrun --no_python` give the weights of one process at twice the batch (within 1e-5) and
# print one result; kill -9 of a rank fails the run within the timeout, with the history saying
# so and naming the process; Ctrl-C (SIGINT to the launcher) stops both with a checkpoint that
# `--resume --nproc 2` finishes; two launchers with --nnodes 2 act as two machines. Tiny BERT
# from tests/reference; about 30 s.
# Usage: ddp_cli.sh SOURCE_DIR DOMAINTUNE_CLI
set -euo pipefail
source_dir=${1:?usage: ddp_cli.sh SOURCE_DIR DOMAINTUNE_CLI}
cli=${2:?usage: ddp_cli.sh SOURCE_DIR DOMAINTUNE_CLI}
command -v python3 >/dev/null || { echo "SKIP: python3 is not installed"; exit 77; }
work=$(mktemp -d)
trap 'pkill -KILL -f "$work" 2>/dev/null || true; rm -rf "$work"' EXIT
source "$source_dir/tests/reference/tinymodel.sh"
tiny_model "$source_dir" bert-seq-cls "$work/base"
tiny_sentiment_csv "$work/train.csv" 15
printf '{"validation_fraction": 0.2, "checkpoint_steps": 2}' >"$work/spec.json"
common=(--config "$work/spec.json" --model "$work/base" --task seq-cls --train "$work/train.csv"
    --max-length 16 --learning-rate 0.005 --seed 3 --threads 1 --dropout 0)
fail() { echo "FAIL: $*" >&2; exit 1; }

# The largest difference between two safetensors files' float32 tensors (no numpy needed).
largest_difference() {
    python3 - "$1" "$2" <<'PY'
import array, json, struct, sys
def load(path):
    data = open(path, "rb").read()
    size = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + size])
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        assert info["dtype"] == "F32", info["dtype"]
        begin, end = info["data_offsets"]
        tensors[name] = array.array("f", data[8 + size + begin:8 + size + end])
    return tensors
a, b = load(sys.argv[1]), load(sys.argv[2])
assert a.keys() == b.keys()
print(max(abs(x - y) for name in a for x, y in zip(a[name], b[name])))
PY
}
within() { python3 -c "import sys; sys.exit(0 if float('$1') < $2 else 1)"; }

# 1. Two processes at batch 4 against one at batch 8.
"$cli" train "${common[@]}" --epochs 2 --batch-size 8 --output "$work/one" \
    --history "$work/h.sqlite" >"$work/one.json" 2>"$work/one.log" || { cat "$work/one.log"; fail "one process"; }
"$cli" train "${common[@]}" --epochs 2 --batch-size 4 --nproc 2 --output "$work/two" \
    --history "$work/h.sqlite" >"$work/two.json" 2>"$work/two.log" || { cat "$work/two.log"; fail "--nproc 2"; }
grep -q "2 processes, global batch 8 (4 per process × 2 × accumulation 1)" "$work/two.log" ||
    { cat "$work/two.log"; fail "the global batch is not reported"; }
python3 -c 'import json,sys; r = json.load(open(sys.argv[1])); assert r["status"] == "completed", r' \
    "$work/two.json" || fail "--nproc 2 printed no single completed result"
difference=$(largest_difference "$work/one/model/model.safetensors" "$work/two/model/model.safetensors")
within "$difference" 1e-5 || fail "--nproc 2 weights differ from one process at twice the batch by $difference"
echo "--nproc 2 vs one process at twice the batch: largest weight difference $difference"
runs=$("$cli" runs list --history "$work/h.sqlite" | python3 -c 'import json,sys; print(" ".join(r["status"] for r in json.load(sys.stdin)))')
[ "$runs" = "completed completed" ] || fail "the history holds \"$runs\", not one completed run per training"

# 1b. "Two machines" (two launchers with --nnodes 2 on this one): the same weights again.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
for node in 1 0; do
    "$cli" train "${common[@]}" --epochs 2 --batch-size 4 --nproc 1 --nnodes 2 --node-rank "$node" \
        --master "127.0.0.1:$port" --output "$work/nodes" --no-history \
        >"$work/nodes-$node.json" 2>"$work/nodes-$node.log" &
    eval "node$node=\$!"
done
wait "$node0" || { cat "$work/nodes-0.log"; fail "--nnodes 2, node 0"; }
wait "$node1" || { cat "$work/nodes-1.log"; fail "--nnodes 2, node 1"; }
difference=$(largest_difference "$work/one/model/model.safetensors" "$work/nodes/model/model.safetensors")
within "$difference" 1e-5 || fail "--nnodes 2 weights differ by $difference"
[ ! -s "$work/nodes-1.json" ] || fail "node 1 printed a result; only rank 0 does"
echo "--nnodes 2 --node-rank 0/1 --master 127.0.0.1:$port: largest weight difference $difference"

# 2. torchrun --no_python (Debian's python3-torch). Debian 12's torchrun (1.13 on Python 3.11)
# cannot parse its default --redirects/--tee "0": give 2 (stderr to its log and the terminal).
if command -v torchrun >/dev/null && torchrun --help >/dev/null 2>&1; then
    torchrun --nproc_per_node 2 --redirects 2 --tee 2 --log_dir "$work/torchrun-logs" \
        --no_python "$cli" train "${common[@]}" --epochs 2 --batch-size 4 \
        --output "$work/torchrun" --no-history >"$work/torchrun.json" 2>"$work/torchrun.log" ||
        { cat "$work/torchrun.log"; fail "torchrun"; }
    difference=$(largest_difference "$work/one/model/model.safetensors" "$work/torchrun/model/model.safetensors")
    within "$difference" 1e-5 || fail "torchrun's weights differ by $difference"
    [ "$(grep -c '"status"' "$work/torchrun.json")" = 1 ] || fail "torchrun: not exactly one result printed"
    echo "torchrun --nproc_per_node 2 --no_python: largest weight difference $difference"
else
    echo "torchrun is not installed (python3-torch): its part is skipped"
fi

# 3. kill -9 one rank mid-run: the launcher says which, rank 0 fails within the timeout and the
# history records the failure with the process that stopped.
export DOMAINTUNE_DIST_TIMEOUT=20
"$cli" train "${common[@]}" --epochs 1500 --batch-size 4 --nproc 2 --output "$work/killed" \
    --history "$work/killed.sqlite" >"$work/killed.json" 2>"$work/killed.log" &
launcher=$!
rank1=
for _ in $(seq 1 100); do
    sleep 0.1
    for child in $(pgrep -P "$launcher" || true); do
        tr '\0' '\n' <"/proc/$child/environ" 2>/dev/null | grep -qx 'RANK=1' && rank1=$child
    done
    [ -n "$rank1" ] && [ -f "$work/killed/checkpoint/state.json" ] && break
done
[ -n "$rank1" ] || fail "rank 1 never started"
kill -9 "$rank1"
killed_at=$(date +%s)
status=0
wait "$launcher" || status=$?
took=$(( $(date +%s) - killed_at ))
[ "$status" -ne 0 ] || fail "the run went on without rank 1 (exit 0)"
[ "$took" -le 20 ] || fail "rank 0 took $took s to stop (timeout 20 s)"
grep -q "Training process 1 of 2 (pid $rank1) was killed by signal 9" "$work/killed.log" ||
    { cat "$work/killed.log"; fail "the launcher does not say which process died"; }
grep -q "process 1 of 2 stopped without a word" "$work/killed.log" ||
    { cat "$work/killed.log"; fail "rank 0's message does not name the process"; }
"$cli" runs list --history "$work/killed.sqlite" | python3 -c '
import json, sys
run = json.load(sys.stdin)[0]
assert run["status"] == "failed", run["status"]
assert "process 1 of 2 stopped without a word" in run["notes"], run["notes"]' ||
    fail "the history does not record the failure and the process"
echo "kill -9 of rank 1: the run failed after $took s, history says: failed, process 1 of 2"

# 4. Ctrl-C: SIGINT to the launcher stops both at the next step with a checkpoint; a resume on
# two processes finishes the run.
"$cli" train "${common[@]}" --epochs 150 --batch-size 4 --nproc 2 --output "$work/stopped" \
    --history "$work/stopped.sqlite" >"$work/stopped.json" 2>"$work/stopped.log" &
launcher=$!
for _ in $(seq 1 100); do
    sleep 0.1
    [ -f "$work/stopped/checkpoint/state.json" ] && break
done
kill -INT "$launcher"
status=0
wait "$launcher" || status=$?
[ "$status" = 1 ] || { cat "$work/stopped.log"; fail "Ctrl-C: exit $status, not 1 (cancelled)"; }
grep -q '"status": "cancelled"' "$work/stopped.json" || fail "Ctrl-C: the run is not reported cancelled"
"$cli" train "${common[@]}" --epochs 150 --batch-size 4 --max-steps 60 --nproc 2 --output "$work/stopped" \
    --history "$work/stopped.sqlite" --resume >/dev/null 2>"$work/resumed.log" && fail "a resume with other settings was accepted"
grep -q "other settings (max_steps)" "$work/resumed.log" || { cat "$work/resumed.log"; fail "the refusal does not say why"; }
"$cli" train "${common[@]}" --epochs 150 --batch-size 4 --output "$work/stopped" \
    --history "$work/stopped.sqlite" --resume >/dev/null 2>"$work/resumed.log" && fail "a resume on one process was accepted"
grep -q "written by a run on 2 processes" "$work/resumed.log" || { cat "$work/resumed.log"; fail "the one-process refusal does not say why"; }
started=$(date +%s)
"$cli" train "${common[@]}" --epochs 150 --batch-size 4 --nproc 2 --output "$work/stopped" \
    --history "$work/stopped.sqlite" --resume >"$work/resumed.json" 2>"$work/resumed.log" ||
    { cat "$work/resumed.log"; fail "the resume on two processes failed"; }
grep -q "Resuming at step" "$work/resumed.log" || fail "the resume started over"
runs=$("$cli" runs list --history "$work/stopped.sqlite" | python3 -c 'import json,sys; print(" ".join(r["status"] for r in json.load(sys.stdin)))')
# the two refused resumes are recorded as failed runs (with their reasons), as on one process
[ "$runs" = "completed failed failed cancelled" ] || fail "the history holds \"$runs\" after the resume"
echo "Ctrl-C stopped both processes with a checkpoint; resumes with other settings are refused;"
echo "the resume on two processes finished in $(( $(date +%s) - started )) s"
echo "PASS"
