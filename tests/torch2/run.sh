#!/usr/bin/env bash
# The second LibTorch (issue #20): builds core, the CLI and the tests that exercise LibTorch
# most against the LibTorch inside a PyTorch 2.x wheel (scripts/fetch-libtorch.sh; C++20, MKL,
# oneDNN), in its own folder, and runs them. Debian's LibTorch 1.13 stays the default build.
# Such a build has no Gloo headers, so data-parallel training is off there (testdistributed is
# not among these). Its build is the slow part of CI's run on a cold compiler cache: only the
# LibTorch layer is compiled again (as C++20); the code without LibTorch keeps the main build's
# standard and build type, so its objects come from the compiler cache.
#
#   tests/torch2/run.sh [BUILD_DIR]      (default: build-torch2)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build-torch2}
tests=(testpretrainedmodel testrealmodel testtrainer testtrainingtasks testlora testexport
    testtorchscriptexport testtraincli testpacking testattention)
torch_dir=$("$root/scripts/fetch-libtorch.sh")
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=true CCACHE_SLOPPINESS=pch_defines,time_macros
cmake -S "$root" -B "$build" -DDOMAINTUNE_BUILD_GUI=OFF -DDOMAINTUNE_TORCH_DIR="$torch_dir" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$build.configure.log" 2>&1 ||
    { tail -n 20 "$build.configure.log" >&2; exit 1; }
grep "DomainTune: LibTorch" "$build.configure.log" | sed 's/^-- /torch2: /' >&2
cmake --build "$build" --target "${tests[@]}" domaintune-cli domaintune_spm \
    --parallel "${DOMAINTUNE_JOBS:-2}" >"$build.build.log" 2>&1 ||
    { grep -E "error" "$build.build.log" | head -20 >&2; exit 1; }
pattern="^($(IFS='|'; echo "${tests[*]}"))\$"
ctest --test-dir "$build" --tests-regex "$pattern" --output-on-failure --parallel 2
