#!/usr/bin/env bash
# The GPU check (issue #20), prepared to run on a machine lent with a GPU and no network:
#
#   scripts/device-check.sh [--deps-prefix DIR] [--build-dir DIR] [--out DIR] [--python PY]
#   scripts/device-check.sh --fetch-debs DIR     (on a machine with network: see below)
#
# 1. build    core + CLI (no GUI, no tests) against the CUDA LibTorch of the machine's PyTorch
#             (PY -c 'import torch'; DOMAINTUNE_TORCH_DIR=its share/cmake/Torch, CUDA linked),
#             else against scripts/fetch-libtorch.sh's LibTorch or Debian's. Debian's -dev
#             packages core needs, when the machine lacks them: --fetch-debs DIR downloads them
#             (apt-get download) and extracts them into DIR; carry DIR and pass --deps-prefix DIR.
# 2. system   `domaintune-cli system`: which LibTorch, whether CUDA is visible.
# 3. parity   the first training loss of the same batch (dropout off) on the CPU and on CUDA:
#             |difference| <= 1e-3.
# 4. fp32, bf16, fp16   200 training steps each on CUDA (fp16 with dynamic loss scaling): the
#             run completes and its final loss is finite and below its first.
# 5. resume   a CUDA run stopped with Ctrl-C after its first checkpoint, then --resume: completes
#             at the planned step.
# 6. export   the fp32 run's model as Hugging Face files and TorchScript (each verified by the CLI).
# 7. speed    training throughput next to PyTorch on the same GPU: build/bench/bench_trainspeed
#             and bench/trainspeed_pytorch.py, the same BERT at batch 32 x 128 (bert-mini,
#             bert-small; all layers and head only), each step synchronised; prints the ratios.
# The models are the committed tiny reference models (tests/reference/models), so nothing has to
# be downloaded. Without a GPU, steps 4-6 run on the CPU instead (so the check itself is
# exercised anywhere) and parity and fp16 are skipped with the reason. Prints one line per step
# (PASS, FAIL or SKIP and why) and writes OUT/summary.txt; exit 0 unless a step that ran failed.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
deps=
build=$root/build-device
out=${OUT:-$root/build-device/check}
py=${PYTHON:-python3}
fetch_debs=
while [ $# -gt 0 ]; do
    case "$1" in
    --deps-prefix) deps=$2; shift ;;
    --build-dir) build=$2; shift ;;
    --out) out=$2; shift ;;
    --python) py=$2; shift ;;
    --fetch-debs) fetch_debs=$2; shift ;;
    -h | --help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "device-check: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

# The -dev packages (and their libraries) core and the CLI build against, besides LibTorch.
debs=(nlohmann-json3-dev libsqlite3-dev libicu-dev libicu72 libsentencepiece-dev libsentencepiece0
    libcurl4-openssl-dev libssl-dev zlib1g-dev qt6-base-dev qt6-base-dev-tools libqt6core6
    libgloo-dev libprotobuf-dev)
if [ -n "$fetch_debs" ]; then
    mkdir -p "$fetch_debs/debs" && cd "$fetch_debs/debs" || exit 1
    apt-get download "${debs[@]}" || exit 1
    for deb in *.deb; do dpkg-deb -x "$deb" "$fetch_debs"; done
    echo "extracted into $fetch_debs ($(du -sh "$fetch_debs" | cut -f1)); carry it and pass --deps-prefix"
    exit 0
fi

mkdir -p "$out"
summary="$out/summary.txt"
: >"$summary"
failed=0
report() { # STATUS STEP TEXT
    printf '%-5s %-8s %s\n' "$1" "$2" "$3" | tee -a "$summary"
    [ "$1" = FAIL ] && failed=1
    return 0
}

# 1. build ------------------------------------------------------------------------------------
torch_dir= cuda_build=OFF
if info=$("$py" -c 'import os, torch
print(os.path.join(os.path.dirname(torch.__file__), "share", "cmake", "Torch"), torch.version.cuda or "")' 2>/dev/null); then
    read -r torch_dir torch_cuda <<<"$info"
    [ -n "${torch_cuda:-}" ] && cuda_build=ON
fi
if [ -z "$torch_dir" ] && [ -f "$HOME/.cache/domaintune/libtorch-2.15.0/.complete" ]; then
    torch_dir=$HOME/.cache/domaintune/libtorch-2.15.0/torch/share/cmake/Torch
fi
configure=(-DDOMAINTUNE_BUILD_GUI=OFF -DDOMAINTUNE_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=Release)
[ -n "$torch_dir" ] && configure+=(-DDOMAINTUNE_TORCH_DIR="$torch_dir" -DDOMAINTUNE_TORCH_CUDA="$cuda_build")
if [ -n "$deps" ]; then
    configure+=(-DCMAKE_PREFIX_PATH="$deps/usr;$deps/usr/lib/x86_64-linux-gnu/cmake"
        -DCMAKE_INCLUDE_PATH="$deps/usr/include" -DCMAKE_LIBRARY_PATH="$deps/usr/lib/x86_64-linux-gnu")
    export LD_LIBRARY_PATH="$deps/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
started=$(date +%s)
if cmake -S "$root" -B "$build" "${configure[@]}" >"$out/configure.log" 2>&1 &&
    cmake --build "$build" --target domaintune-cli domaintune_spm --parallel "$(nproc)" \
        >"$out/build.log" 2>&1; then
    report PASS build "$(grep -m1 'DomainTune: LibTorch' "$out/configure.log" | sed 's/^-- //') (CUDA linked: $cuda_build), $(( $(date +%s) - started )) s"
else
    report FAIL build "see $out/configure.log and $out/build.log: $(grep -m1 -E 'error|Error' "$out/build.log" "$out/configure.log" 2>/dev/null)"
    exit 1
fi
cli=$build/bin/domaintune-cli
export DOMAINTUNE_PLUGIN_DIR=$build/lib/domaintune

# 2. system -----------------------------------------------------------------------------------
"$cli" system >"$out/system.json" 2>&1 || report FAIL system "domaintune-cli system failed: $(tail -n 1 "$out/system.json")"
cuda=$(grep -o '"cuda_available": [a-z]*' "$out/system.json" | cut -d' ' -f2)
report PASS system "LibTorch $(grep -o '"torch_version": "[^"]*"' "$out/system.json" | cut -d'"' -f4), CUDA available: $cuda"
gpu_skip="no CUDA device visible to LibTorch (domaintune-cli system: cuda_available $cuda)"
[ "$cuda_build" = OFF ] && gpu_skip="this build has no CUDA LibTorch (no PyTorch with CUDA found by $py)"

# The tiny model and data: the committed reference BERT with a 48-word vocabulary.
source "$root/tests/reference/tinymodel.sh"
work="$out/work"
rm -rf "$work" && mkdir -p "$work"
tiny_model "$root" bert-seq-cls "$work/model"
tiny_sentiment_csv "$work/train.csv" 400
# spec NAME DEVICE EXTRA_JSON: writes $work/NAME.json, a run spec of the tiny model.
spec() {
    cat >"$work/$1.json" <<JSON
{"task": "seq-cls", "model": "$work/model", "train": "$work/train.csv",
 "output": "$work/$1", "batch_size": 8, "learning_rate": 1e-3, "max_length": 16,
 "seed": 42, "device": "$2", "validation_fraction": 0.1 $3}
JSON
}
# run NAME DEVICE EXTRA_JSON: trains from that spec; history in $work/NAME.sqlite.
run() {
    spec "$@"
    "$cli" train --config "$work/$1.json" --history "$work/$1.sqlite" >"$work/$1.out" \
        2>"$work/$1.log"
}
# loss NAME STEP|first|last: a run's training loss from its history.
loss() {
    local order=ASC where=""
    [ "$2" = last ] && order=DESC
    [[ "$2" =~ ^[0-9]+$ ]] && where="AND step = $2"
    sqlite3 "$work/$1.sqlite" "SELECT value FROM metrics WHERE name = 'train/loss' $where ORDER BY step $order LIMIT 1" 2>/dev/null ||
        "$py" -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$work/$1.sqlite" \
            "SELECT value FROM metrics WHERE name = 'train/loss' $where ORDER BY step $order LIMIT 1"
}

# Without a GPU the steps that can run on the CPU do (so the check itself is exercised
# anywhere); those that need CUDA are skipped with the reason.
device=cpu
[ "$cuda" = true ] && device=cuda
if [ "$device" != cuda ]; then
    report SKIP parity "$gpu_skip"
else
    # 3. parity
    if run parity-cpu cpu ', "max_steps": 1, "dropout": 0' && run parity-cuda cuda ', "max_steps": 1, "dropout": 0'; then
        a=$(loss parity-cpu 1) b=$(loss parity-cuda 1)
        if awk -v a="$a" -v b="$b" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 1e-3) }'; then
            report PASS parity "first loss CPU $a, CUDA $b"
        else
            report FAIL parity "first loss CPU $a, CUDA $b: differ by more than 1e-3"
        fi
    else
        report FAIL parity "a 1-step run failed: see $work/parity-*.log"
    fi
fi
# 4. precisions
for precision in fp32 bf16 fp16; do
    if [ "$device" != cuda ] && [ "$precision" = fp16 ]; then
        report SKIP fp16 "$gpu_skip (fp16 with loss scaling is CUDA-only)"
        continue
    fi
    flag=""
    [ "$precision" = bf16 ] && flag=', "bf16": true'
    [ "$precision" = fp16 ] && flag=', "fp16": true'
    t0=$(date +%s.%N)
    if run "$precision" "$device" ", \"max_steps\": 200, \"epochs\": 100$flag"; then
        first=$(loss "$precision" first) last=$(loss "$precision" last)
        secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
        if awk -v f="$first" -v l="$last" 'BEGIN { exit !(l == l && l < f) }'; then
            report PASS "$precision" "200 steps on $device in $secs s, loss $first -> $last"
        else
            report FAIL "$precision" "200 steps, loss $first -> $last (not below the first)"
        fi
    else
        report FAIL "$precision" "see $work/$precision.log: $(tail -n 1 "$work/$precision.log")"
    fi
done
# 5. resume: Ctrl-C after the first checkpoint, then --resume.
spec resume "$device" ', "max_steps": 400, "epochs": 100, "checkpoint_steps": 50'
"$cli" train --config "$work/resume.json" --history "$work/resume.sqlite" \
    >"$work/resume.out" 2>"$work/resume.log" &
pid=$!
for _ in $(seq 600); do [ -f "$work/resume/checkpoint/state.json" ] && break; sleep 0.1; done
kill -INT "$pid" 2>/dev/null
wait "$pid"
if grep -q '"status": "cancelled"' "$work/resume.out" &&
    "$cli" train --config "$work/resume.json" --history "$work/resume.sqlite" --resume \
        >"$work/resume2.out" 2>"$work/resume2.log" && grep -q '"steps": 400' "$work/resume2.out"; then
    report PASS resume "on $device: stopped with Ctrl-C, resumed from its checkpoint to step 400"
else
    report FAIL resume "not cancelled by Ctrl-C, or not resumed to step 400: see $work/resume.log and $work/resume2.log"
fi
# 6. export
if "$cli" export --model "$work/fp32/model" --output "$work/export" --format both \
    >"$work/export.out" 2>"$work/export.log"; then
    report PASS export "Hugging Face files and TorchScript, verified"
else
    report FAIL export "see $work/export.log: $(tail -n 1 "$work/export.log")"
fi
# 7. speed
if [ "$device" != cuda ]; then
    report SKIP speed "$gpu_skip (the CPU comparison is bench/trainspeed.sh)"
elif ! cmake --build "$build" --target bench_trainspeed --parallel "$(nproc)" >"$out/bench-build.log" 2>&1; then
    report FAIL speed "bench_trainspeed did not build: see $out/bench-build.log"
elif "$build/bench/bench_trainspeed" 2 20 cuda >"$out/speed-domaintune.json" 2>"$out/speed.log" &&
    "$py" "$root/bench/trainspeed_pytorch.py" 2 20 cuda >"$out/speed-pytorch.json" 2>>"$out/speed.log"; then
    ratios=$("$py" - "$out/speed-domaintune.json" "$out/speed-pytorch.json" <<'PY'
import json, sys
ours, theirs = (json.load(open(path)) for path in sys.argv[1:3])
print(", ".join(f"{model} {part.replace('_', ' ')} {ours[model][part]['samples_per_s']:.0f} / "
                f"{theirs[model][part]['samples_per_s']:.0f} samples/s "
                f"({ours[model][part]['samples_per_s'] / theirs[model][part]['samples_per_s']:.2f}x)"
                for model in ("bert-mini", "bert-small") for part in ("all_layers", "head_only")))
PY
)
    report PASS speed "DomainTune / PyTorch $("$py" -c 'import torch; print(torch.__version__)') on the same GPU: $ratios"
else
    report FAIL speed "see $out/speed.log: $(tail -n 1 "$out/speed.log")"
fi
echo "device-check: $(grep -c '^PASS' "$summary") passed, $(grep -c '^FAIL' "$summary") failed, $(grep -c '^SKIP' "$summary") skipped ($summary)"
exit "$failed"
