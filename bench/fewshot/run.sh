#!/usr/bin/env bash
# The few-shot study (issue #18): SetFit-style few-shot training (`train --method setfit`)
# against standard fine-tuning and TF-IDF + logistic regression at 8, 16 and 64 labelled
# examples per class, several seeds, with SetFit itself (Python, PyPI) as the reference on the
# same model and the same splits.
#
#   bench/fewshot/run.sh [--data DIR] [--out DIR] [--datasets finance,legal] [--sizes 8,16,64]
#                        [--seeds 1,2,3] [--methods setfit,fine-tune,tfidf-lr,setfit-python]
#                        [--model DIR] [--cli PATH] [--threads N] [--shared DATA_DIR]
#                        [--legal-classes 5] [--max-pairs 1920] [--max-length 64]
#
# --data: the transfer study's prepared folders (bench/transfer/prepare.py; made here from
# --shared when absent). Legal keeps CUAD's --legal-classes most frequent clause types (the
# others have fewer than 64 training examples of some type). --model: a sentence-transformers folder
# (default: all-MiniLM-L6-v2 as `domaintune-cli models default` installs it). Methods:
#   setfit         domaintune-cli train --method setfit (1 epoch, lr 2e-5, 16 pairs a batch,
#                  10 % warm-up: SetFit's defaults), 64 tokens, --pair-iterations 20 (SetFit's
#                  num_iterations) or fewer where that would give more than --max-pairs pairs
#                  (CPU time: 64 per class trains on as many pairs as 16 per class)
#   fine-tune      domaintune-cli train (standard: all layers, lr 5e-5, batch 8, 10 epochs,
#                  the model's pooler + classifier), 64 tokens
#   tfidf-lr       bench/transfer/baseline.py (C chosen on the few-shot validation split)
#   setfit-python  bench/fewshot/setfit_reference.py: setfit 1.0.3 with the same settings
# Each (dataset, size, seed) shares one split (sample.py). Writes OUT/results.jsonl (one line a
# run) and OUT/results.md (mean ± sd per dataset, size and method). Exit 77 when the shared
# data is absent; 1 when a run failed (its line has "error").
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/bench/fewshot"
py=/usr/bin/python3
venv=${DOMAINTUNE_REFERENCE_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/domaintune/reference-venv}
data= out="$root/build/fewshot" shared=
datasets=finance,legal sizes=8,16,64 seeds=1,2,3
methods=setfit,fine-tune,tfidf-lr,setfit-python
model= cli=${DOMAINTUNE_CLI:-$root/build/bin/domaintune-cli}
threads= # LibTorch's own choice: on a 2-core EPYC, --threads 2 ran 2.4x the CPU time
legal_classes=5 max_pairs=1920 max_length=64

usage() { sed -n '7,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
    case "$1" in
    --data) data=$2; shift ;;
    --out) out=$2; shift ;;
    --shared) shared=$2; shift ;;
    --datasets) datasets=$2; shift ;;
    --sizes) sizes=$2; shift ;;
    --seeds) seeds=$2; shift ;;
    --methods) methods=$2; shift ;;
    --model) model=$2; shift ;;
    --cli) cli=$2; shift ;;
    --threads) threads=$2; shift ;;
    --legal-classes) legal_classes=$2; shift ;;
    --max-pairs) max_pairs=$2; shift ;;
    --max-length) max_length=$2; shift ;;
    *) usage ;;
    esac
    shift
done

mkdir -p "$out"
if [ -z "$data" ]; then
    data="$out/data"
    shared=${shared:-${DOMAINTUNE_SHARED_DIR:-$root/../shared}/data}
    if [ ! -d "$shared" ]; then
        echo "fewshot: the shared data is not at $shared; nothing run" >&2
        exit 77
    fi
    "$py" "$root/bench/transfer/prepare.py" --shared "$shared" --out "$data" --datasets "$datasets"
fi
if [ -z "$model" ]; then
    model=$("$cli" models default | "$py" -c 'import json,sys; print(json.load(sys.stdin)["path"])')
fi

results="$out/results.jsonl"
: > "$results"
failed=0
record() { # METHOD SPLIT_DIR SECONDS JSON_OR_ERROR
    "$py" "$here/record.py" --method "$1" --split "$2" --seconds "$3" >> "$results" <<< "$4"
}
IFS=, read -ra dataset_list <<< "$datasets"
IFS=, read -ra size_list <<< "$sizes"
IFS=, read -ra seed_list <<< "$seeds"
IFS=, read -ra method_list <<< "$methods"
for dataset in "${dataset_list[@]}"; do
    classes=0
    [ "$dataset" = legal ] && classes=$legal_classes
    for size in "${size_list[@]}"; do
        for seed in "${seed_list[@]}"; do
            split="$out/splits/$dataset-$size-$seed"
            "$py" "$here/sample.py" --data "$data/$dataset" --out "$split" --per-class "$size" \
                --seed "$seed" --classes "$classes"
            examples=$(wc -l < "$split/train.jsonl")
            iterations=$(( max_pairs / (2 * examples) ))
            [ "$iterations" -gt 20 ] && iterations=20
            [ "$iterations" -lt 1 ] && iterations=1
            for method in "${method_list[@]}"; do
                run="$out/runs/$dataset-$size-$seed-$method"
                rm -rf "$run"
                mkdir -p "$run"
                echo "fewshot: $dataset, $size per class, seed $seed: $method" >&2
                start=$(date +%s.%N)
                common=(--model "$model" --task seq-cls --train "$split/train.jsonl"
                        --validation "$split/validation.jsonl" --output "$run" --no-history
                        --seed "$seed" --max-length "$max_length" ${threads:+--threads "$threads"})
                status=0
                case "$method" in
                setfit)
                    "$cli" train "${common[@]}" --method setfit --pair-iterations "$iterations" \
                        > "$run/train.json" 2> "$run/train.log" || status=$? ;;
                fine-tune)
                    "$cli" train "${common[@]}" --learning-rate 5e-5 --batch-size 8 --epochs 10 \
                        > "$run/train.json" 2> "$run/train.log" || status=$? ;;
                tfidf-lr)
                    "$py" "$root/bench/transfer/baseline.py" "$split" --seed "$seed" \
                        > "$run/result.json" 2> "$run/train.log" || status=$? ;;
                setfit-python)
                    "$venv/bin/python" "$here/setfit_reference.py" "$split" --model "$model" \
                        --seed "$seed" ${threads:+--threads "$threads"} --iterations "$iterations" \
                        --max-length "$max_length" \
                        > "$run/result.json" 2> "$run/train.log" || status=$? ;;
                *) echo "fewshot: unknown method $method" >&2; exit 2 ;;
                esac
                seconds=$(echo "$(date +%s.%N) - $start" | bc)
                if [ "$status" -eq 0 ] && { [ "$method" = setfit ] || [ "$method" = fine-tune ]; }; then
                    "$cli" eval --model "$run/model" --data "$split/test.jsonl" --max-length "$max_length" \
                        > "$run/result.json" 2>> "$run/train.log" || status=$?
                fi
                if [ "$status" -ne 0 ]; then
                    failed=1
                    record "$method" "$split" "$seconds" \
                        "{\"error\": \"exit $status; see $run/train.log\"}"
                else
                    record "$method" "$split" "$seconds" "$(cat "$run/result.json")"
                fi
            done
        done
    done
done
"$py" "$here/report.py" "$results" > "$out/results.md"
cat "$out/results.md"
exit "$failed"
