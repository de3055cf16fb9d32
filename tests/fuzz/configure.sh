#!/usr/bin/env bash
# Configures BUILD_DIR (default build-fuzz) as the clang-14 build instrumented with libFuzzer's
# coverage, ASan and UBSan, without the GUI. tests/fuzz/run.sh builds the harnesses in it and
# tests/sanitize/run.sh the library's tests: one configuration, so neither rebuilds the other's
# objects.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build-fuzz}
command -v clang++-14 >/dev/null ||
    { echo "fuzz/sanitize: clang++-14 is missing; run: sudo apt install clang-14 libclang-rt-14-dev" >&2; exit 2; }
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=true
CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" -DDOMAINTUNE_FUZZ=ON \
    -DDOMAINTUNE_BUILD_GUI=OFF -DDOMAINTUNE_BUILD_TESTS=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    >"$build.configure.log" 2>&1 || { tail -n 20 "$build.configure.log" >&2; exit 1; }
