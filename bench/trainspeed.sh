#!/usr/bin/env bash
# Training throughput, DomainTune next to PyTorch, in one run on the same machine.
#   bench/trainspeed.sh [THREADS=2] [STEPS=8] [ROUNDS=3]     (after ./domaintune.sh bench)
# Both sides run ROUNDS times, alternating, and each reports its best median, so that load
# from elsewhere on the machine (which moves 2-thread steps by +-20 %) hits both alike.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
threads=${1:-2}
steps=${2:-8}
rounds=${3:-3}
ours=()
theirs=()
for _ in $(seq "$rounds"); do
    ours+=("$("$here/build/bench/bench_trainspeed" "$threads" "$steps")")
    theirs+=("$(/usr/bin/python3 "$here/bench/trainspeed_pytorch.py" "$threads" "$steps")")
done
/usr/bin/python3 - "$rounds" "${ours[@]}" "${theirs[@]}" <<'PY'
import json, sys
rounds = int(sys.argv[1])
ours = [json.loads(a) for a in sys.argv[2:2 + rounds]]
theirs = [json.loads(a) for a in sys.argv[2 + rounds:]]
best = lambda runs, model, mode: max(r[model][mode]["samples_per_s"] for r in runs)
print(f"threads {ours[0]['threads']}, batch 32 x 128 tokens, best of {rounds} rounds "
      f"(median of {ours[0]['steps']} steps each)")
print(f"{'model':<11} {'layers':<11} {'DomainTune':>12} {'PyTorch':>12} {'ratio':>7}")
for model in ("bert-mini", "bert-small"):
    for mode in ("all_layers", "head_only"):
        a, b = best(ours, model, mode), best(theirs, model, mode)
        print(f"{model:<11} {mode:<11} {a:>10.1f}/s {b:>10.1f}/s {a / b:>6.2f}x")
speedups = [r["length_grouping"]["speedup"] for r in ours]
g = max(ours, key=lambda r: r["length_grouping"]["grouped"]["real_tokens_per_s"])["length_grouping"]
print(f"length grouping (skewed corpus): {g['random']['real_tokens_per_s']:.0f} -> "
      f"{g['grouped']['real_tokens_per_s']:.0f} real tokens/s "
      f"({min(speedups):.2f}-{max(speedups):.2f}x over the rounds)")
PY
