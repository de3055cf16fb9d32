#!/usr/bin/env bash
# Data-parallel scaling on one machine: the same fine-tuning steps (all-MiniLM-L6-v2 on
# Financial PhraseBank, global batch 16, 64 tokens) as 1 process with automatic threads, with
# --threads T and T/2, and 2 processes sharing the cores (train --nproc 2), alternating over ROUNDS,
# then the gradient-sum cost for BERT-small and BERT-base sized gradients (bench_allreduce).
#   bench/distributed/scaling.sh [STEPS=30] [ROUNDS=2] [MODEL_DIR] [CSV]
# Needs: build/bin/domaintune-cli, build/bench/bench_allreduce (./domaintune.sh bench), the
# MiniLM model (./domaintune.sh fetches it) and ../shared/data/finance/financial-phrasebank.csv.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
steps=${1:-30}
rounds=${2:-2}
model=${3:-$(ls -d "${HF_HUB_CACHE:-$HOME/.cache/huggingface/hub}"/models--sentence-transformers--all-MiniLM-L6-v2/snapshots/*/ 2>/dev/null | head -1)}
data=${4:-${DOMAINTUNE_SHARED_DIR:-$here/../shared}/data/finance/financial-phrasebank.csv}
cli=$here/build/bin/domaintune-cli
[ -d "$model" ] || { echo "no MiniLM model (give MODEL_DIR)" >&2; exit 1; }
[ -f "$data" ] || { echo "no PhraseBank CSV at $data (give CSV)" >&2; exit 1; }
threads=$(nproc)
half=$(( threads > 1 ? threads / 2 : 1 ))
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
common=(--model "$model" --task seq-cls --train "$data" --max-steps "$steps" --max-length 64
    --learning-rate 1e-4 --seed 1 --dropout 0 --no-history)

# CONFIG NAME: prints seconds of training (the run's own elapsed time, without loading).
measure() {
    local name=$1; shift
    local start end
    start=$(date +%s.%N)
    "$cli" train "${common[@]}" "$@" --output "$work/$name" >"$work/$name.json" 2>"$work/$name.log" ||
        { cat "$work/$name.log" >&2; exit 1; }
    end=$(date +%s.%N)
    python3 -c "print(f'{$end - $start:.1f}')"
}
declare -A seconds
for round in $(seq "$rounds"); do
    seconds[one_auto]+=" $(measure one-auto --batch-size 16)"
    seconds[one_all]+=" $(measure one-all --batch-size 16 --threads "$threads")"
    seconds[one_half]+=" $(measure one-half --batch-size 16 --threads "$half")"
    seconds[two_auto]+=" $(measure two-auto --batch-size 8 --nproc 2)"
done
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
echo "CPU: $cpu, $threads cores; $steps steps of global batch 16 (64 tokens), best of $rounds rounds"
echo "(wall seconds of the whole command: model and data loading included)"
python3 - "$threads" "$half" "${seconds[one_auto]}" "${seconds[one_all]}" "${seconds[one_half]}" \
    "${seconds[two_auto]}" <<'PY'
import sys
threads, half = sys.argv[1], sys.argv[2]
best = lambda text: min(float(x) for x in text.split())
one_auto, one_all, one_half, two = (best(a) for a in sys.argv[3:7])
print(f"1 process,   automatic threads, batch 16:            {one_auto:6.1f} s")
print(f"1 process,   --threads {threads}, batch 16:                  {one_all:6.1f} s")
print(f"1 process,   --threads {half}, batch 16:                  {one_half:6.1f} s")
print(f"2 processes, automatic (cores shared), batch 8 each: {two:6.1f} s  "
      f"({one_auto / two:.2f}x the automatic 1-process run)")
PY
grep -h "samples/s" "$work/two-auto.log" | tail -1 | sed 's/^.*loss/last step: loss/'
echo "gradient sums (2 processes on 127.0.0.1, 25 MB buckets, median of 10):"
"$here/build/bench/bench_allreduce" 10 >"$work/allreduce.json"
python3 - "$work/allreduce.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1])):
    model, millions, mb = r["model"], r["parameters"] / 1e6, r["gradient_mb"]
    print(f"  {model:<10} {millions:6.1f} M parameters, {mb:6.1f} MB: {r['median_ms']:6.1f} ms per "
          f"step ({r['gradient_gb_per_s']:.2f} GB/s of gradient)")
PY
