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
    exec "$build_dir/bin/domaintune" "$@"
    ;;
test)
    build
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
