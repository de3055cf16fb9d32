#!/usr/bin/env bash
# Builds the library's own tests with AddressSanitizer + UndefinedBehaviorSanitizer and runs
# them: every heap error, leak of ours, or undefined behaviour fails the run. These are the
# tests of domaintune_core_base, the code that reads untrusted bytes (model files, tokenizers,
# corpora, run bundles, the history database) and needs no LibTorch; the tests that start
# domaintune-cli or link LibTorch are left out (LibTorch is not built with the sanitizers, and
# building the torch-heavy sources instrumented costs most of CI's time).
# The build is the fuzzers' (clang-14, ASan + UBSan, tests/fuzz/run.sh, in build-fuzz/): the
# library is compiled instrumented once for both, and only the tests are added here (a separate
# gcc build of the same library made a 24-minute stage of a cold CI run).
# Leaks in Qt's and ICU's one-time initialisation are suppressed (tests/sanitize/lsan.supp),
# never ours.
#
#   tests/sanitize/run.sh [BUILD_DIR]      (default: build-fuzz, shared with tests/fuzz/run.sh)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build-fuzz}
tests=(testerror testsafetensorsfile testpytorchcheckpoint testcheckpointreader testcommandline
    testtokenizerparity testwordpiece testbytelevelbpe testencoding testsentencepiecetokenizer
    testtokenizerfactory testtokenizerjson testreferencetokenizers testmetrics teststoredatabase
    testrunstore testhistorymigration testruncrash testrunbundle testdataencoding
    testdatareaders testdatabadinput testdataprep testdatacorpora testschedules
    testmemoryestimate testgeneralcorpus testdeepjson testfilewriter testtask testsearchspace
    testsuccessivehalving testsqlitefaults)
# The same configuration as tests/fuzz/run.sh's, so that neither run rebuilds the other's objects.
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=true # clones share the compiler cache
"$root/tests/fuzz/configure.sh" "$build"
cmake --build "$build" --target "${tests[@]}" domaintune_spm --parallel "${DOMAINTUNE_JOBS:-2}" \
    >"$build.tests-build.log" 2>&1 ||
    { grep -E "error" "$build.tests-build.log" | head -20 >&2; exit 1; }
pattern="^($(IFS='|'; echo "${tests[*]}"))\$"
export ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS="suppressions=$root/tests/sanitize/lsan.supp:print_suppressions=0"
ctest --test-dir "$build" --tests-regex "$pattern" --output-on-failure --parallel 2
