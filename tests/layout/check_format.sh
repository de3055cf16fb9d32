#!/usr/bin/env bash
# Fails when a C++ file of the project differs from what .clang-format produces.
# Usage: check_format.sh CLANG_FORMAT SOURCE_ROOT
set -u
clang_format=${1:?usage: check_format.sh CLANG_FORMAT SOURCE_ROOT}
cd "${2:?usage: check_format.sh CLANG_FORMAT SOURCE_ROOT}" || exit 2
bad=0
while IFS= read -r -d '' file; do
    if ! "$clang_format" --style=file --dry-run -Werror "$file" >/dev/null 2>&1; then
        echo "format: $file differs from .clang-format; run: $clang_format -i $file"
        bad=$((bad + 1))
    fi
done < <(find app core ui tests bench -type f \( -name '*.cpp' -o -name '*.h' \) -print0 2>/dev/null)
[ "$bad" -eq 0 ] && echo "format: OK"
exit $((bad > 0))
