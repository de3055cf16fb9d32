#!/usr/bin/env bash
# Saves a screenshot of every page of the workbench, in English and in Simplified Chinese, to
# docs/screenshots/ (PAGE-LANG.png). Builds nothing: build first (./domaintune.sh build).
#   DOMAINTUNE_BUILD_DIR   build folder holding bin/domaintune (default: build)
#   SCREENSHOT_HISTORY     run history to show on the History page (default: an empty one)
# The wizard pages show the starter model and sample task when set-up built them
# (domaintune-cli starter build).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${DOMAINTUNE_BUILD_DIR:-build}
case "$build" in /*) ;; *) build="$root/$build" ;; esac
binary="$build/bin/domaintune"
if [ ! -x "$binary" ]; then
    echo "screenshots: $binary not found; build first with ./domaintune.sh build" >&2
    exit 1
fi
out="$root/docs/screenshots"
mkdir -p "$out"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# A clean profile: no remembered geometry or page, and no user history unless asked for.
export XDG_CONFIG_HOME="$scratch/config"
export DOMAINTUNE_HISTORY=${SCREENSHOT_HISTORY:-$scratch/history.sqlite}
export XDG_DATA_HOME="$scratch/data"
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}

shot() { # FILE ARGS...
    local file=$1
    shift
    # A wizard page waits for its model or data to load; never wait forever.
    timeout 180 "$binary" "$@" --screenshot "$file" || {
        echo "screenshots: $file was not written (is the starter model built?)" >&2
        return 1
    }
    echo "screenshots: wrote $file ($(stat -c %s "$file") bytes)"
}

pages=(newrun dashboard history models tryit settings system)
wizard=(wizard-task wizard-model wizard-data wizard-layers wizard-hyper wizard-review)
for lang in en zh_CN; do
    for index in "${!pages[@]}"; do
        shot "$out/${pages[$index]}-$lang.png" --lang "$lang" --page "$index"
    done
    for index in "${!wizard[@]}"; do
        shot "$out/${wizard[$index]}-$lang.png" --lang "$lang" --wizard-page "$index"
    done
done
