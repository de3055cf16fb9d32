#!/usr/bin/env bash
# Saves a screenshot of every page of the workbench, in English and in Simplified Chinese, to
# docs/screenshots/ (PAGE-LANG.png), then of a run in progress (dashboard-running-LANG.png: the
# wizard's own run on the sample task, after two evaluations) and of two finished runs compared
# (compare-LANG.png); those train for a few minutes on the CPU (SCREENSHOT_RUNS=0 skips them).
# Builds nothing: build first (./domaintune.sh build).
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
    timeout "${limit:-180}" "$binary" "$@" --screenshot "$file" || {
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

[ "${SCREENSHOT_RUNS:-1}" = 0 ] && exit 0
# Runs: the sample task on the default model, as the wizard sets it up.
cli="$build/bin/domaintune-cli"
json() { /usr/bin/python3 -c "import json, sys; print(json.load(sys.stdin)[\"$1\"])"; }
sample=$("$cli" starter status | json sample_task_file)
model=$("$cli" models default | json path)
for lang in en zh_CN; do
    limit=900 shot "$out/dashboard-running-$lang.png" --lang "$lang" --wizard-page 5 \
        --run-evaluations 2
done
ids=
for rate in 3e-5 1e-4; do
    id=$("$cli" train --model "$model" --task seq-cls --domain legal --train "$sample" \
        --output "$scratch/run-$rate" --epochs 2 --learning-rate "$rate" \
        --name "licences, learning rate $rate" 2> /dev/null | json run_id)
    ids=${ids:+$ids,}$id
done
for lang in en zh_CN; do
    shot "$out/compare-$lang.png" --lang "$lang" --compare "$ids"
done
