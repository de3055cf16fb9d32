#!/usr/bin/env bash
# Fails when the Simplified Chinese translation is incomplete or stale: runs lupdate over the
# GUI sources into a scratch copy of translations/domaintune_zh_CN.ts and reports every string
# without a finished translation, and every entry whose source string no longer exists.
# Usage: check_translations.sh LUPDATE SOURCE_ROOT
set -u
lupdate=${1:?usage: check_translations.sh LUPDATE SOURCE_ROOT}
root=${2:?usage: check_translations.sh LUPDATE SOURCE_ROOT}
cd "$root" || exit 2
status=0
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for ts in translations/*.ts; do
    cp "$ts" "$scratch/check.ts"
    if ! "$lupdate" -silent -locations none -I . ui app -ts "$scratch/check.ts" >"$scratch/log" 2>&1; then
        cat "$scratch/log"
        echo "translations: lupdate failed on $ts"
        exit 1
    fi
    # Print the <source> of each message whose translation is unfinished or vanished.
    problems=$(awk '
        /<source>/ { src = $0; sub(/.*<source>/, "", src); sub(/<\/source>.*/, "", src) }
        /type="unfinished"/ { print "untranslated: " src }
        /type="vanished"/ || /type="obsolete"/ { print "stale (source string gone): " src }
    ' "$scratch/check.ts")
    if [ -n "$problems" ]; then
        echo "$problems" | sed "s|^|translations: $ts: |"
        echo "translations: fix with: cmake --build build --target update_translations, then translate in $ts"
        status=1
    fi
done
[ $status -eq 0 ] && echo "translations: OK"
exit $status
