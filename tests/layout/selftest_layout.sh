#!/usr/bin/env bash
# Proves that check_layout.sh catches each violation it exists for, and passes a clean tree.
set -u
checker=${1:?usage: selftest_layout.sh CHECKER}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

expect() { # $1 = expected exit status, $2 = description, $3 = text the report must contain
    local out
    out=$(bash "$checker" "$work/tree" 2>&1)
    local rc=$?
    if [ "$rc" -ne "$1" ] || ! grep -qF -- "$3" <<<"$out"; then
        echo "FAIL: $2 (exit $rc, wanted $1; output: $out)"
        failures=$((failures + 1))
    else
        echo "ok: $2"
    fi
}

fresh() {
    rm -rf "$work/tree"
    mkdir -p "$work/tree/core/text" "$work/tree/ui"
    printf '#pragma once\n#include <string>\n#include "core/common/error.h"\n' >"$work/tree/core/text/clean.h"
    printf '#pragma once\n#include <QWidget>\n' >"$work/tree/ui/clean.h"
    printf '#pragma push_macro("slots")\n#include <torch/torch.h>\n' >"$work/tree/ui/clean.cpp"
    printf 'add_library(x STATIC x.cpp)\ntarget_link_libraries(x PUBLIC nlohmann_json::nlohmann_json)\n' \
        >"$work/tree/core/CMakeLists.txt"
}

fresh
expect 0 "a clean tree passes" "layout: OK"

fresh
printf '#include <QString>\n' >>"$work/tree/core/text/clean.h"
expect 1 "a Qt include in a core header fails" "core/text/clean.h:4"

fresh
printf '  #  include "QtCore/qstring.h"\n' >"$work/tree/core/text/bad.cpp"
expect 1 "a spaced Qt include in a core source fails" "core/text/bad.cpp:1"

fresh
printf 'class A { Q_OBJECT };\n' >"$work/tree/core/text/bad.h"
expect 1 "Q_OBJECT in core fails" "core/text/bad.h:1"

fresh
printf 'target_link_libraries(x PRIVATE Qt6::Core)\n' >>"$work/tree/core/CMakeLists.txt"
expect 1 "linking Qt from core fails" "core/CMakeLists.txt:3"

fresh
printf '#include <torch/torch.h>\n' >>"$work/tree/ui/clean.h"
expect 1 "<torch/torch.h> in a ui header fails" "ui/clean.h:3"

fresh
printf '#include <ATen/ATen.h>\n' >"$work/tree/ui/other.h"
expect 1 "<ATen/...> in a ui header fails" "ui/other.h:1"

fresh
mkdir -p "$work/tree/tests/core"
printf 'QString x = test::sharedDir();\n' >"$work/tree/tests/core/testreads.cpp"
printf 'domaintune_add_test(testreads SOURCES testreads.cpp\n    LIBRARIES y LABELS unit shared)\n' \
    >"$work/tree/tests/core/CMakeLists.txt"
expect 0 "a shared-reading test labelled shared passes" "layout: OK"
printf 'domaintune_add_test(testreads SOURCES testreads.cpp\n    LIBRARIES y LABELS unit)\n' \
    >"$work/tree/tests/core/CMakeLists.txt"
expect 1 "a shared-reading test without the label fails" "tests/core/testreads.cpp:1"

[ "$failures" -eq 0 ] && echo "selftest: all cases behave"
exit "$failures"
