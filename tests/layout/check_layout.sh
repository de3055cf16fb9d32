#!/usr/bin/env bash
# Keeps the layer rules true (see ../shared/DESIGN.md):
#   - nothing under core/ includes a Qt header or uses Qt's meta-object macros, and core's
#     CMakeLists links no Qt target;
#   - no header under ui/ includes LibTorch (<torch/...>, <ATen/...>, <c10/...>);
#   - every test that reads the shared folder carries the CTest label "shared", so that CI's
#     second pass without ../shared runs it.
# Usage: check_layout.sh SOURCE_ROOT. Prints every violation as FILE:LINE: text; exit 1 if any.
set -u
root=${1:?usage: check_layout.sh SOURCE_ROOT}
cd "$root" || exit 2
status=0

hits=$(mktemp)
trap 'rm -f "$hits"' EXIT

report() { # $1 = rule, then grep -n output on stdin (a pipe: record hits in a file)
    while IFS= read -r hit; do
        echo "layout: $hit   <- $1"
        echo x >>"$hits"
    done
}

if [ -d core ]; then
    grep -rnE --include='*.h' --include='*.hpp' --include='*.cpp' --include='*.cc' \
        '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](Q[A-Za-z]*|Qt[A-Za-z]*/[^>"]*)[>"]' core \
        | report "core/ must not include Qt (move the code to ui/ or use the standard library)"
    grep -rnE --include='*.h' --include='*.cpp' '\bQ_(OBJECT|GADGET|SIGNALS|SLOTS)\b' core \
        | report "core/ must not use Qt's meta-object system"
    grep -rnE --include='CMakeLists.txt' --include='*.cmake' 'Qt[56]?::' core \
        | report "core/ must not link Qt"
fi

if [ -d ui ]; then
    grep -rnE --include='*.h' --include='*.hpp' \
        '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](torch|ATen|c10)/' ui \
        | report "ui/ headers must not include LibTorch (forward-declare, or use a core value type)"
fi

for dir in tests/core tests/ui; do
    [ -f "$dir/CMakeLists.txt" ] || continue
    for source in $(grep -lE 'sharedDir\(\)|DOMAINTUNE_SHARED_OR_SKIP' "$dir"/test*.cpp 2>/dev/null); do
        name=$(basename "$source" .cpp)
        # The domaintune_add_test(NAME ...) call, up to its closing parenthesis.
        call=$(awk -v n="$name" '$0 ~ "domaintune_add_test\\(" n "[ )]" { on = 1 }
                                 on { printf "%s ", $0 } on && /\)/ { exit }' "$dir/CMakeLists.txt")
        case "$call" in
        *LABELS*shared*) ;;
        *) echo "$source:1: reads the shared folder" | report "label the test 'shared' in $dir/CMakeLists.txt" ;;
        esac
    done
done

[ -s "$hits" ] && status=1
[ $status -eq 0 ] && echo "layout: OK"
exit $status
