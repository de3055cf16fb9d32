#!/usr/bin/env bash
# LoRA (rank 8 on query,value) against full fine-tuning of the same model: seconds per
# optimiser step and peak memory (maximum resident set of the training process), through
# `domaintune-cli train` on real data.
#   bench/lora.sh [MODEL=sentence-transformers/all-MiniLM-L6-v2] [STEPS=60] [ROUNDS=2]
# MODEL: a folder or a Hub id in the Hugging Face cache. The data is the Financial PhraseBank
# from ../shared. The variants alternate; the best time of each is reported. A run's own
# setup (loading, tokenising) is taken out by timing STEPS and STEPS/3 steps and dividing the
# difference.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cli="$here/build/bin/domaintune-cli"
model=${1:-sentence-transformers/all-MiniLM-L6-v2}
steps=${2:-60}
rounds=${3:-2}
data="${DOMAINTUNE_SHARED_DIR:-$here/../shared}/data/finance/financial-phrasebank.csv"
[ -f "$data" ] || { echo "lora: $data not found (../shared is needed)" >&2; exit 1; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

run() { # VARIANT STEPS -> "seconds peak_kib"
    local variant=$1 n=$2 out="$scratch/run-$1-$2" extra=()
    [ "$variant" = lora ] && extra=(--lora-r 8 --lora-alpha 16)
    rm -rf "$out"
    local start end
    start=$(date +%s.%N)
    /usr/bin/time -f '%M' -o "$scratch/rss" "$cli" train --model "$model" --task seq-cls \
        --train "$data" --output "$out" --max-steps "$n" --batch-size 32 --max-length 64 \
        --learning-rate 1e-4 --threads 2 --seed 7 --no-history "${extra[@]}" \
        >"$out.json" 2>/dev/null
    end=$(date +%s.%N)
    echo "$(echo "$end - $start" | bc) $(cat "$scratch/rss")"
}

declare -A best peak
for _ in $(seq "$rounds"); do
    for variant in full lora; do
        read -r long rss < <(run "$variant" "$steps")
        read -r short _ < <(run "$variant" $((steps / 3)))
        per=$(echo "($long - $short) / ($steps - $steps / 3)" | bc -l)
        if [ -z "${best[$variant]:-}" ] || (($(echo "$per < ${best[$variant]}" | bc -l))); then
            best[$variant]=$per
        fi
        peak[$variant]=$rss
    done
done
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
printf 'lora: %s, batch 32 x 64 tokens, 2 threads, %s\n' "$model" "$cpu"
printf 'lora: full fine-tuning %.3f s/step, peak RSS %d MiB\n' "${best[full]}" $((peak[full] / 1024))
printf 'lora: LoRA r=8        %.3f s/step, peak RSS %d MiB\n' "${best[lora]}" $((peak[lora] / 1024))
printf 'lora: LoRA / full     %.2fx time, %.2fx memory\n' \
    "$(echo "${best[lora]} / ${best[full]}" | bc -l)" "$(echo "${peak[lora]} / ${peak[full]}" | bc -l)"
