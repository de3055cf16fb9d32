#!/usr/bin/env bash
# Builds the libFuzzer harnesses (clang, ASan + UBSan, tests/fuzz/) in their own folder and runs
# each for SECONDS. Seeds: small files this script writes, the committed reference models, and
# ../shared's fixtures, tokenizers and corpora when present (read only; new inputs go to
# BUILD/corpus/NAME). A crash, leak, sanitizer report or timeout fails the run and leaves the
# input in BUILD/findings/NAME/ (turn it into a regression test).
#
#   tests/fuzz/run.sh [SECONDS] [BUILD_DIR]      (defaults: 30, build-fuzz)
#   tests/fuzz/run.sh --ci [BUILD_DIR]           fixed seed and a fixed number of inputs per
#                                                harness (about 30 s each here): CI's run is the
#                                                one a developer ran, not a new random one
#   tests/fuzz/run.sh --runs N [BUILD_DIR]       the benchmark: N inputs per harness whatever
#                                                the time (1000000: the issue's 1 M executions)
# DOMAINTUNE_JOBS harnesses run at a time (default 2, one per core here).
#
# FUZZERS="fuzz_config fuzz_bundle" runs only those harnesses.
# Prints one line per harness: executions, coverage (cov) and features (ft) at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
ci=0
runs=0
if [ "${1:-}" = --ci ]; then
    ci=1
    shift
    set -- 600 "$@"
elif [ "${1:-}" = --runs ]; then
    runs=${2:-}
    [[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "fuzz: --runs takes a number of inputs" >&2; exit 2; }
    shift 2
    set -- 0 "$@" # no time limit
fi
seconds=${1:-30}
build=${2:-$root/build-fuzz}
# --ci: inputs per harness, sized to about 30 s each on a 2-core AMD EPYC.
declare -A ci_runs=([fuzz_checkpoint]=80000 [fuzz_config]=40000 [fuzz_tokenizer]=4000
    [fuzz_corpus]=20000 [fuzz_bundle]=50000 [fuzz_sentencepiece]=3000)
# Longest input per harness (libFuzzer truncates longer seeds). The tokenizer harness loads each
# input four ways; at 256 KB it ran 76 inputs a second here, at 64 KB (the committed RoBERTa
# tokenizer.json, 32 KB, still enters whole) several times more.
declare -A max_len=([fuzz_tokenizer]=65536)
shared=${DOMAINTUNE_SHARED_DIR:-$root/../shared}
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=true # clones share the compiler cache
"$root/tests/fuzz/configure.sh" "$build"
cmake --build "$build" --target fuzzers --parallel "${DOMAINTUNE_JOBS:-2}" >"$build.build.log" 2>&1 ||
    { grep -E "error" "$build.build.log" | head -20 >&2; exit 1; }

seeds="$build/seeds"
rm -rf "$seeds" && mkdir -p "$seeds"/{fuzz_checkpoint,fuzz_config,fuzz_tokenizer,fuzz_corpus,fuzz_bundle,fuzz_sentencepiece}
# Committed, small, valid inputs.
for folder in "$root"/tests/reference/models/*/; do
    name=$(basename "$folder")
    cp "$folder/config.json" "$seeds/fuzz_config/$name.json"
    cp "$folder/model.safetensors" "$seeds/fuzz_checkpoint/$name.safetensors"
done
printf '{"metadata": {"total_size": 8}, "weight_map": {"a.weight": "model-00001-of-00002.safetensors"}}' \
    >"$seeds/fuzz_checkpoint/index.json"
printf '[PAD]\n[UNK]\n[CLS]\n[SEP]\nthe\n##s\nlicen\n##see\n' >"$seeds/fuzz_tokenizer/vocab"
cp "$root/tests/reference/tokenizers/xlmr/sentencepiece.bpe.model" "$seeds/fuzz_sentencepiece/xlmr.model"
printf '#version: 0.2\na b\nab c\n' >"$seeds/fuzz_tokenizer/merges"
# Small sentencepiece models (1.5-2.6 KB: unigram, BPE, and one with a character map of five
# rules), trained here when spm_train is installed. Each loads far faster than the 256 KB XLM-R
# model (most of it its NFKC character map), so the harness runs many more inputs a second.
if command -v spm_train >/dev/null; then
    spm="$build/spm-seeds"
    rm -rf "$spm" && mkdir -p "$spm"
    { head -c 20000 /usr/share/common-licenses/GPL-3
      printf '合同的条款 甲方 乙方 café naïve ① Ａ ﬁ\n'; } >"$spm/text.txt"
    printf 'FF21\t41\nFB01\t66 69\n2460\t31\n65 301\tE9\n3000\t20\n' >"$spm/rules.tsv"
    for kind in unigram bpe rules; do
        options=(--model_type=unigram --normalization_rule_name=identity)
        [ "$kind" = bpe ] && options=(--model_type=bpe --normalization_rule_name=identity)
        [ "$kind" = rules ] && options=(--model_type=unigram --normalization_rule_tsv="$spm/rules.tsv")
        spm_train --input="$spm/text.txt" --model_prefix="$spm/$kind" --vocab_size=120 \
            --hard_vocab_limit=false "${options[@]}" >"$spm/$kind.log" 2>&1 &&
            cp "$spm/$kind.model" "$seeds/fuzz_sentencepiece/tiny-$kind.model"
    done
fi
cp "$root/tests/reference/tokenizers/roberta/tokenizer.json" "$seeds/fuzz_tokenizer/roberta.json"
python3 -c 'import base64, json, sys
for n in json.load(open(sys.argv[1]))["normalizer"]["normalizers"]:
    if n["type"] == "Precompiled":
        open(sys.argv[2], "wb").write(base64.b64decode(n["precompiled_charsmap"]))' \
    "$root/tests/reference/tokenizers/xlmr/tokenizer.json" "$seeds/fuzz_tokenizer/charsmap"
# The corpus harness reads its first byte as the format: 0 csv, 1 tsv, 2 json, 3 jsonl,
# 4 conll, 5 squad, 6 text.
printf '\000text,label\n"Profit rose, again",pos\ncaf\303\251,neg\n' >"$seeds/fuzz_corpus/csv"
printf '\001text\tlabel\nProfit rose\tpos\n' >"$seeds/fuzz_corpus/tsv"
printf '\002[{"text": "a", "label": "x"}, {"text": "b", "label": ["y", "z"]}]' >"$seeds/fuzz_corpus/json"
printf '\003{"text": "a", "label": "x"}\n{"text": "b", "label": "y"}\n' >"$seeds/fuzz_corpus/jsonl"
printf '\004Aspirin\tB-Chem\ncauses\tO\n\nnausea\tB-Dis\n' >"$seeds/fuzz_corpus/conll"
printf '\005{"data": [{"paragraphs": [{"context": "ab cd", "qas": [{"id": "1", "question": "q", "answers": [{"text": "cd", "answer_start": 3}]}]}]}]}' >"$seeds/fuzz_corpus/squad"
printf '\006Plain text.\n\nA second paragraph.\n' >"$seeds/fuzz_corpus/text"
# ../shared, when present: real tokenizers and reference weights (small ones only).
extra=()
if [ -d "$shared" ]; then
    find "$shared/fixtures" "$shared/tokenizers" -type f -size -2M 2>/dev/null |
        while read -r file; do
            case "$file" in
            *.json) cp "$file" "$seeds/fuzz_config/shared-$(basename "$(dirname "$file")")-$(basename "$file")" ;;
            *.safetensors | *.bin) cp "$file" "$seeds/fuzz_checkpoint/shared-$(basename "$(dirname "$file")")-$(basename "$file")" ;;
            esac
        done
    for file in "$shared"/tokenizers/*/*; do
        [ "$(stat -c %s "$file")" -lt 2000000 ] && cp "$file" "$seeds/fuzz_tokenizer/shared-$(basename "$file")"
    done
fi

status=0
# The sentencepiece harness loads the build's plugin (not instrumented: see the harness).
export DOMAINTUNE_PLUGIN_DIR="$build/lib/domaintune"
fuzz_one() { # FUZZER: runs it, prints its line; fails on a finding
    local fuzzer=$1 corpus="$build/corpus/$1" findings="$build/findings/$1" log="$build/$1.log"
    mkdir -p "$corpus" "$findings"
    local budget=(-max_total_time="$seconds")
    if [ "$ci" = 1 ]; then
        rm -rf "$corpus" && mkdir -p "$corpus" # the same start as every other --ci run
        budget+=(-seed=1 -runs="${ci_runs[$fuzzer]}")
    elif [ "$runs" -gt 0 ]; then
        budget+=(-runs="$runs")
    fi
    local started=$SECONDS
    if (cd "$findings" && "$build/fuzz/$fuzzer" "${budget[@]}" -timeout=20 \
        -rss_limit_mb=4096 -max_len="${max_len[$fuzzer]:-262144}" -print_final_stats=1 \
        "$corpus" "$seeds/$fuzzer" "${extra[@]}" >"$log" 2>&1); then
        local executed cov
        executed=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -n 1)
        echo "fuzz: $fuzzer: $executed executions in $((SECONDS - started)) s, $cov, no findings"
    else
        echo "fuzz: $fuzzer FOUND A PROBLEM (input in $findings; log $log):" >&2
        grep -E "ERROR|SUMMARY|Test unit written" "$log" | head -n 5 >&2
        return 1
    fi
}

read -r -a fuzzers <<<"${FUZZERS:-fuzz_checkpoint fuzz_config fuzz_tokenizer fuzz_corpus fuzz_bundle fuzz_sentencepiece}"
slots=${DOMAINTUNE_JOBS:-2} # harnesses at a time; each is one process
failed="$build/fuzz-failed.list" # a harness that found something adds its name
rm -f "$failed"
for fuzzer in "${fuzzers[@]}"; do
    [ -x "$build/fuzz/$fuzzer" ] || { echo "fuzz: no harness $fuzzer" >&2; exit 2; }
    while [ "$(jobs -rp | wc -l)" -ge "$slots" ]; do wait -n || true; done
    { fuzz_one "$fuzzer" || echo "$fuzzer" >>"$failed"; } &
done
wait
[ -s "$failed" ] && status=1
exit $status
