#!/usr/bin/env bash
# Head-only fine-tuning end to end (the seed's recipe), with and without caching the frozen
# backbone's features, on real data through `domaintune-cli train`.
#   bench/headonly.sh [MODEL_DIR] [EPOCHS=4] [ROUNDS=2]
# MODEL_DIR defaults to the starter model (domaintune-cli starter build); the data is the
# Financial PhraseBank from ../shared. Both variants run ROUNDS times, alternating; the best
# wall time of each is reported. Per step, the uncached path is on par with PyTorch
# (bench/trainspeed.sh), so the uncached time stands for what PyTorch's loop costs.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cli="$here/build/bin/domaintune-cli"
model=${1:-$("$cli" starter status | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["model_dir"])')}
epochs=${2:-4}
rounds=${3:-2}
data="${DOMAINTUNE_SHARED_DIR:-$here/../shared}/data/finance/financial-phrasebank.csv"
[ -f "$model/config.json" ] || { echo "headonly: no model in $model; run domaintune-cli starter build" >&2; exit 1; }
[ -f "$data" ] || { echo "headonly: $data not found (../shared is needed)" >&2; exit 1; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

run() { # CACHE -> seconds
    local cache=$1 out="$scratch/run-$1"
    rm -rf "$out"
    cat >"$scratch/run.json" <<JSON
{"model": "$model", "task": "seq-cls", "train": "$data", "output": "$out",
 "epochs": $epochs, "batch_size": 32, "max_length": 64, "learning_rate": 0.001,
 "threads": 2, "seed": 7, "freeze": {"preset": "head-only"},
 "cache_frozen_features": $cache}
JSON
    local start end
    start=$(date +%s.%N)
    "$cli" train --config "$scratch/run.json" --no-history >"$scratch/result-$cache.json" 2>/dev/null
    end=$(date +%s.%N)
    echo "$end - $start" | bc
}

cached=()
uncached=()
for _ in $(seq "$rounds"); do
    cached+=("$(run true)")
    uncached+=("$(run false)")
done
best() { printf '%s\n' "$@" | sort -g | head -1; }
a=$(best "${cached[@]}")
b=$(best "${uncached[@]}")
f1() { /usr/bin/python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["best_metrics"]["f1_macro"])' "$1"; }
echo "head-only, $epochs epochs, PhraseBank (4,846 sentences), batch 32 x 64 tokens, 2 threads, best of $rounds"
printf 'cached features:   %6.1f s  (validation macro-F1 %s)\n' "$a" "$(f1 "$scratch/result-true.json")"
printf 'uncached:          %6.1f s  (validation macro-F1 %s)\n' "$b" "$(f1 "$scratch/result-false.json")"
printf 'speed-up:          %6.2fx\n' "$(echo "$b / $a" | bc -l)"
