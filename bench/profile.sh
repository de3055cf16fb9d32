#!/usr/bin/env bash
# Where a training step's time goes: perf samples of `domaintune-cli train` fine-tuning
# all-MiniLM-L6-v2 (all layers, batch 32, PhraseBank sentences, fp32 or --bf16), grouped into
# the buckets the developer guide's table uses.
#
#   bench/profile.sh [CLI] [STEPS=40] [EXTRA TRAIN FLAGS...]
#
# CLI: build/bin/domaintune-cli (Debian's LibTorch) or build-torch2/bin/domaintune-cli. Needs
# perf (linux-perf) and the PhraseBank split of bench/tta/run.sh (build/tta/data). Prints the
# share of samples per shared object and per bucket, and the top 25 symbols.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cli=${1:-$root/build/bin/domaintune-cli}
steps=${2:-40}
shift $(($# > 2 ? 2 : $#))
data=$root/build/tta/data/finance
[ -f "$data/train.jsonl" ] || { echo "profile: run bench/tta/run.sh once (it writes $data)" >&2; exit 1; }
model=$("$cli" models default | python3 -c 'import json, sys; print(json.load(sys.stdin)["path"])')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
perf record -F 499 -g -o "$work/perf.data" -- "$cli" train --model "$model" --task seq-cls \
    --train "$data/train.jsonl" --validation "$data/validation.jsonl" --output "$work/run" \
    --max-steps "$steps" --batch-size 32 --max-length 128 --learning-rate 1e-4 --no-history \
    "$@" >/dev/null 2>"$work/train.log"
perf report -i "$work/perf.data" --no-children --sort dso,sym --stdio 2>/dev/null |
    grep -E '^ +[0-9.]+%' >"$work/symbols.txt"
python3 - "$work/symbols.txt" <<'PY'
import collections, re, sys
rows = []
for line in open(sys.argv[1]):
    m = re.match(r"\s+([0-9.]+)%\s+(\S+)\s+\[.\]\s+(.*)", line)
    if m:
        rows.append((float(m.group(1)), m.group(2), m.group(3).strip()))
buckets = collections.OrderedDict((name, 0.0) for name in (
    "matrix products (GEMM)", "softmax / attention", "layer norm", "GELU", "optimiser (AdamW)",
    "dropout", "element-wise and copies", "memory (malloc, page faults)",
    "threads waiting (yield, scheduling)", "LibTorch, unnamed (stripped symbols)",
    "tokenise, batch, other"))
rules = [("matrix products (GEMM)", r"gemm|sgemm|dgemm|kernel_|mkl_blas|dnnl|jit_|brgemm|Haswell|SkylakeX|zen"),
         ("softmax / attention", r"softmax|Softmax|attention"),
         ("layer norm", r"layer_norm|LayerNorm|layernorm"),
         ("GELU", r"gelu|GeluKernel"),
         ("optimiser (AdamW)", r"adam|Adam|_foreach|addcdiv|addcmul|lerp|sqrt"),
         ("dropout", r"bernoulli|dropout|Dropout"),
         ("memory (malloc, page faults)", r"malloc|free|clear_page|memset|page_fault|mmap|_int_|munmap"),
         ("threads waiting (yield, scheduling)",
          r"gomp|GOMP|omp_|blas_thread|sched_yield|futex|spin|__schedule|^schedule|do_syscall|yield"),
         ("element-wise and copies", r"copy|Copy|memcpy|add_kernel|mul_kernel|vectorized|Vectorized|cpu_kernel|Loops|index|TensorIterator|reduce|sum")]
dsos = collections.Counter()
for share, dso, sym in rows:
    dsos[dso] += share
    for name, pattern in rules:
        if re.search(pattern, sym):
            buckets[name] += share
            break
    else:
        if "gomp" in dso:  # OpenMP's own barrier and spin loops (its symbols are stripped)
            buckets["threads waiting (yield, scheduling)"] += share
            continue
        if sym.startswith("0x") and "libtorch" in dso:
            buckets["LibTorch, unnamed (stripped symbols)"] += share
            continue
        buckets["tokenise, batch, other"] += share
print("by shared object:")
for dso, share in dsos.most_common(8):
    print(f"  {share:5.1f} %  {dso}")
print("by bucket:")
for name, share in buckets.items():
    print(f"  {share:5.1f} %  {name}")
print("top symbols:")
for share, dso, sym in sorted(rows, reverse=True)[:25]:
    print(f"  {share:5.1f} %  {dso}  {sym[:110]}")
PY
