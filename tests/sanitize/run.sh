#!/usr/bin/env bash
# Builds DomainTune's tests with AddressSanitizer + UndefinedBehaviorSanitizer and runs them:
# every heap error, leak of ours, or undefined behaviour fails the run. Two sets:
#  - the tests of domaintune_core_base, the code that reads untrusted bytes (model files,
#    tokenizers, corpora, run bundles, the history database) without LibTorch;
#  - the LibTorch layer (model loading, training, export) and domaintune-cli, built instrumented
#    too: the tests that start the CLI (data, runs and bundles, tokenize, forward, train,
#    predict, the Hub download against a local server) and those of models, LoRA and export.
#    LibTorch itself is not instrumented (Debian's build); its one-time allocations are not
#    reported as leaks (tests/sanitize/lsan.supp names libraries, never our functions).
# The build is the fuzzers' (clang-14, ASan + UBSan, tests/fuzz/run.sh, in build-fuzz/): the
# library is compiled instrumented once for both. On a cold compiler cache the LibTorch layer
# and the CLI are the slow part (about 10 minutes at -j2 here); warm, a minute.
# Sanitizer reports go to files (log_path), so a report from a CLI the tests start is caught
# even when the test only expected that CLI to fail: any report file fails the run.
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
# With the LibTorch layer and the CLI. Left out: testtrainer (4 min under ASan; testtraincli
# trains through the same Trainer).
tests+=(testcli testdatacli testrunscli testtokenizecli testforwardcli testtraincli
    testhubdownload testmodelfit testpretrainedmodel testrealmodel testlora testexport
    testtorchscriptexport)
# The same configuration as tests/fuzz/run.sh's, so that neither run rebuilds the other's objects.
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=true # clones share the compiler cache
"$root/tests/fuzz/configure.sh" "$build"
cmake --build "$build" --target "${tests[@]}" domaintune-cli domaintune_spm \
    --parallel "${DOMAINTUNE_JOBS:-2}" \
    >"$build.tests-build.log" 2>&1 ||
    { grep -E "error" "$build.tests-build.log" | head -20 >&2; exit 1; }
pattern="^($(IFS='|'; echo "${tests[*]}"))\$"
reports="$build/sanitizer-reports"
rm -rf "$reports" && mkdir -p "$reports"
export ASAN_OPTIONS="detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:log_path=$reports/asan"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$reports/ubsan"
export LSAN_OPTIONS="suppressions=$root/tests/sanitize/lsan.supp:print_suppressions=0"
status=0
ctest --test-dir "$build" --tests-regex "$pattern" --output-on-failure --parallel 2 || status=1
for report in "$reports"/*; do
    [ -e "$report" ] || continue
    echo "sanitize: a sanitizer report ($report):" >&2
    head -n 30 "$report" >&2
    status=1
done
exit $status
