#!/usr/bin/env bash
# Time to accuracy (issue #20): how long until a fine-tuned model is good, DomainTune next to
# Hugging Face's Trainer on PyTorch 2.x and on PyTorch 1.13, same model, splits and settings.
#
#   bench/tta/run.sh [--rounds 2] [--threads 2] [--target 0.80] [--eval-steps 21]
#                    [--systems LIST] [--out DIR] [--cli PATH] [--cli2 PATH] [--shared DIR]
#                    [--train 2000] [--epochs 3] [--lr 1e-4] [--batch 32] [--max-length 128]
#                    [--dataset finance|medical] [--train-seed N]
#
# all-MiniLM-L6-v2 (`domaintune-cli models default`), all layers, fine-tuned on Financial
# PhraseBank (bench/transfer/prepare.py's splits: 2000 training, 483 validation sentences;
# validation macro-F1) or with --dataset medical on NCBI-disease (NER, 2000 / 500 sentences;
# entity-level F1), evaluated every --eval-steps optimiser steps and at the end of each epoch on
# the validation split. Systems (--systems, comma-separated, run alternately in each round so that load from
# elsewhere hits all alike):
#   domaintune      build/bin/domaintune-cli (Debian's LibTorch 1.13) or --cli
#   domaintune-t2   build-torch2/bin/domaintune-cli (LibTorch 2.x from the wheel) or --cli2
#   domaintune-bf16, domaintune-t2-bf16   the same with --bf16 (autocast on the CPU)
#   domaintune-pack, domaintune-t2-pack   the same with --pack instead of length grouping
#   domaintune-random, domaintune-t2-random   without length grouping (random batches, as the
#                   Trainer's default)
#   domaintune-t2-math   domaintune-t2 with DOMAINTUNE_FUSED_ATTENTION=0 (no fused attention)
#   trainer-t2      transformers' Trainer on PyTorch 2.x (bench/tta/venv.sh makes the venv)
#   trainer-t2-grouped   the same with its length grouping on (off by default there)
#   trainer-t113    transformers' Trainer on Debian's PyTorch 1.13 (the reference venv)
# Seconds count from the moment the shell starts the process: start-up, model loading and
# every evaluation count, as they do for a user. Writes OUT/results.jsonl (one line per run)
# and prints the table: seconds until the validation macro-F1 first reaches --target, and the
# final and best macro-F1. DomainTune's threads: its automatic choice unless --dt-threads N;
# the Trainers: torch.set_num_threads(--threads).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/bench/tta"
py=/usr/bin/python3
rounds=2 threads=2 dt_threads=0 target=0.80 eval_steps=21
systems=domaintune,domaintune-t2,trainer-t2,trainer-t113
out=$root/build/tta
cli=$root/build/bin/domaintune-cli
cli2=$root/build-torch2/bin/domaintune-cli
shared=${DOMAINTUNE_SHARED_DIR:-$root/../shared}/data
train_n=2000 epochs=3 lr=1e-4 batch=32 max_length=128 warmup=0.1 seed=42 dataset=finance
train_seed=''  # the training runs' seed (initialisation, order, dropout); --seed's split stays
torch2_venv=${DOMAINTUNE_TORCH2_VENV:-$HOME/.cache/domaintune/torch2-venv}
reference_venv=${DOMAINTUNE_REFERENCE_VENV:-$HOME/.cache/domaintune/reference-venv}

usage() { sed -n '4,8p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
    case "$1" in
    --rounds) rounds=$2; shift ;;
    --threads) threads=$2; shift ;;
    --dt-threads) dt_threads=$2; shift ;;
    --target) target=$2; shift ;;
    --eval-steps) eval_steps=$2; shift ;;
    --systems) systems=$2; shift ;;
    --out) out=$2; shift ;;
    --cli) cli=$2; shift ;;
    --cli2) cli2=$2; shift ;;
    --shared) shared=$2; shift ;;
    --train) train_n=$2; shift ;;
    --epochs) epochs=$2; shift ;;
    --lr) lr=$2; shift ;;
    --batch) batch=$2; shift ;;
    --max-length) max_length=$2; shift ;;
    --dataset) dataset=$2; shift ;;
    --train-seed) train_seed=$2; shift ;;
    -h | --help) usage ;;
    *) echo "tta: unknown option $1" >&2; usage ;;
    esac
    shift
done
say() { echo "tta: $*" >&2; }

train_seed=${train_seed:-$seed}
case "$dataset" in
finance) task=seq-cls ext=jsonl metric=f1_macro source=finance/financial-phrasebank.csv ;;
medical) task=token-cls ext=conll metric=f1 source=medical/ncbi-disease/train.tsv ;;
*) say "unknown dataset $dataset (finance, medical)"; usage ;;
esac
if [ ! -f "$shared/$source" ]; then
    say "the shared data is absent ($shared/$source); pass --shared DIR"
    exit 77
fi
for system in ${systems//,/ }; do
    case "$system" in
    domaintune | domaintune-bf16 | domaintune-pack | domaintune-random) [ -x "$cli" ] || { say "no $cli: ./domaintune.sh build"; exit 1; } ;;
    domaintune-t2 | domaintune-t2-bf16 | domaintune-t2-pack | domaintune-t2-math | domaintune-t2-random) [ -x "$cli2" ] || { say "no $cli2: tests/torch2/run.sh builds it"; exit 1; } ;;
    trainer-t2 | trainer-t2-grouped) [ -x "$torch2_venv/bin/python" ] || { say "no $torch2_venv: bench/tta/venv.sh"; exit 1; } ;;
    trainer-t113) [ -x "$reference_venv/bin/python" ] ||
        { say "no $reference_venv: tests/reference/make-venv.sh"; exit 1; } ;;
    *) say "unknown system $system"; usage ;;
    esac
done
model=$("$cli" models default | "$py" -c 'import json, sys; print(json.load(sys.stdin)["path"])')
[ -f "$model/config.json" ] || { say "the default model is not installed: ./domaintune.sh run once"; exit 1; }

mkdir -p "$out"
out=$(cd "$out" && pwd)
"$py" "$root/bench/transfer/prepare.py" --shared "$shared" --out "$out/data" --datasets "$dataset" \
    --train "$train_n" --validation 500 --test 1000 --dapt 0 --seed "$seed" >/dev/null
data="$out/data/$dataset"
results="$out/results.jsonl"
: >"$results"

# domaintune CLI ROUND NAME [BF16 [PACK [GROUP]]]: one DomainTune run (length grouping unless
# packing or GROUP is False); its evaluations come from its history.
domaintune() {
    local dir="$out/runs/$3-$2" launched bf16=${4:-False} pack=${5:-False} group=${6:-True}
    rm -rf "$dir" && mkdir -p "$dir"
    "$py" - "$dir/run.json" <<PY
import json, sys
json.dump({"task": "$task", "model": "$model", "train": "$data/train.$ext",
           "validation": "$data/validation.$ext", "output": "$dir/out",
           "freeze": {"preset": "all", "top_k": 2}, "learning_rate": $lr, "epochs": $epochs,
           "max_length": $max_length, "batch_size": $batch, "seed": $train_seed,
           "threads": $dt_threads, "warmup_ratio": $warmup, "eval_steps": $eval_steps, "bf16": $bf16,
           "pack_sequences": $pack, "group_by_length": $group and not $pack},
          open(sys.argv[1], "w"), indent=1)
PY
    launched=$(date +%s.%N)
    "$1" train --config "$dir/run.json" --history "$dir/history.sqlite" >"$dir/train.json" \
        2>"$dir/train.log" || { say "$3 failed; see $dir/train.log"; return 1; }
    "$py" - "$dir" "$launched" "$3" "$2" "$1" "$metric" >>"$results" <<'PY'
import json, sqlite3, sys, time
folder, launched, system, round_, cli, metric = sys.argv[1:7]
launched = float(launched)
db = sqlite3.connect(f"{folder}/history.sqlite")
rows = db.execute("SELECT step, value, wall_time FROM metrics WHERE name = ? ORDER BY step",
                  ("eval/" + metric,)).fetchall()
ended = db.execute("SELECT ended_at FROM runs").fetchone()[0]
print(json.dumps({"system": system, "round": int(round_), "cli": cli,
                  "evaluations": [{"step": s, "score": v, "seconds": w - launched}
                                  for s, v, w in rows],
                  "seconds": time.time() - launched}))
PY
}

# trainer PYTHON ROUND NAME [FLAG...]: one run of transformers' Trainer.
trainer() {
    local dir="$out/runs/$3-$2" python=$1 round=$2 name=$3
    shift 3
    rm -rf "$dir" && mkdir -p "$dir"
    "$python" "$here/hf_trainer.py" "$@" --task "$task" --model "$model" \
        --train "$data/train.$ext" --validation "$data/validation.$ext" --out "$dir/result.json" --max-length "$max_length" \
        --batch "$batch" --epochs "$epochs" --lr "$lr" --warmup "$warmup" --seed "$train_seed" \
        --threads "$threads" --eval-steps "$eval_steps" --launched "$(date +%s.%N)" \
        >"$dir/train.log" 2>&1 || { say "$name failed; see $dir/train.log"; return 1; }
    "$py" -c 'import json, sys
r = json.load(open(sys.argv[1])); r.update(system=sys.argv[2], round=int(sys.argv[3]))
print(json.dumps(r))' "$dir/result.json" "$name" "$round" >>"$results"
}

for round in $(seq "$rounds"); do
    for system in ${systems//,/ }; do
        say "round $round: $system"
        case "$system" in
        domaintune) domaintune "$cli" "$round" "$system" ;;
        domaintune-t2) domaintune "$cli2" "$round" "$system" ;;
        domaintune-bf16) domaintune "$cli" "$round" "$system" True ;;
        domaintune-t2-bf16) domaintune "$cli2" "$round" "$system" True ;;
        domaintune-pack) domaintune "$cli" "$round" "$system" False True ;;
        domaintune-t2-pack) domaintune "$cli2" "$round" "$system" False True ;;
        domaintune-random) domaintune "$cli" "$round" "$system" False False False ;;
        domaintune-t2-random) domaintune "$cli2" "$round" "$system" False False False ;;
        domaintune-t2-math) DOMAINTUNE_FUSED_ATTENTION=0 domaintune "$cli2" "$round" "$system" ;;
        trainer-t2) trainer "$torch2_venv/bin/python" "$round" "$system" ;;
        trainer-t2-grouped) trainer "$torch2_venv/bin/python" "$round" "$system" --group-by-length ;;
        trainer-t113) trainer "$reference_venv/bin/python" "$round" "$system" ;;
        esac
    done
done
"$py" "$here/report.py" "$results" --target "$target" --dataset "$dataset" \
    --settings "threads $threads (DomainTune: ${dt_threads/#0/automatic}), $train_n training sentences, $epochs epochs, batch $batch, max length $max_length, lr $lr, evaluation every $eval_steps steps, CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
