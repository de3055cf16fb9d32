#!/usr/bin/env bash
# Training throughput, DomainTune next to PyTorch, in one run on the same machine.
#   bench/trainspeed.sh [THREADS=2] [STEPS=8]     (after ./domaintune.sh bench)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
threads=${1:-2}
steps=${2:-8}
ours=$("$here/build/bench/bench_trainspeed" "$threads" "$steps")
theirs=$(/usr/bin/python3 "$here/bench/trainspeed_pytorch.py" "$threads" "$steps")
/usr/bin/python3 - "$ours" "$theirs" <<'PY'
import json, sys
ours, theirs = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"threads {ours['threads']}, batch 32 x 128 tokens, median of {ours['steps']} steps")
print(f"{'model':<11} {'layers':<11} {'DomainTune':>12} {'PyTorch':>12} {'ratio':>7}")
for model in ("bert-mini", "bert-small"):
    for mode in ("all_layers", "head_only"):
        a = ours[model][mode]["samples_per_s"]
        b = theirs[model][mode]["samples_per_s"]
        print(f"{model:<11} {mode:<11} {a:>10.1f}/s {b:>10.1f}/s {a / b:>6.2f}x")
g = ours["length_grouping"]
print(f"length grouping (skewed corpus): {g['random']['real_tokens_per_s']:.0f} -> "
      f"{g['grouped']['real_tokens_per_s']:.0f} real tokens/s ({g['speedup']:.2f}x)")
PY
