#!/usr/bin/env bash
# Builds the Debian package from a build tree with cpack and checks it as a user gets it: the
# control fields (library Depends from dpkg-shlibdeps), the contents, the desktop entry, the
# AppStream metadata and the man pages; then runs the unpacked tree (dpkg-deb -x into a
# temporary root) with DOMAINTUNE_PLUGIN_DIR unset, so the sentencepiece plugin has to be found
# through the installed layout (<exe dir>/../lib/domaintune). Nothing is installed on the
# machine. Every check runs; the test fails when any of them fails.
# Usage: check_package.sh BUILD_DIR SOURCE_DIR VERSION [SHARED_DIR]
set -uo pipefail

usage="usage: check_package.sh BUILD_DIR SOURCE_DIR VERSION [SHARED_DIR]"
build=${1:?$usage}
source=${2:?$usage}
version=${3:?$usage}
# The shared folder: CTest passes DOMAINTUNE_SHARED_DIR to every test (the argument is a fallback).
shared=${DOMAINTUNE_SHARED_DIR:-${4:-}}

failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
die() {
    echo "FAIL: $*" >&2
    exit 1
}
# Reports a group of checks: "ok" only when none of them failed since the last report.
reported=0
ok() {
    if [ "$failures" -eq "$reported" ]; then echo "ok: $*"; else echo "failed: $*"; fi
    reported=$failures
}
# Prints the "ids" of the JSON line `domaintune-cli tokenize` writes, separated by spaces.
json_ids() { sed -n 's/.*"ids":\[\([0-9,]*\)\].*/\1/p' | tr ',' ' '; }

for tool in cpack dpkg-deb dpkg-shlibdeps file gzip groff desktop-file-validate appstreamcli \
    spm_encode; do
    command -v "$tool" >/dev/null || die "$tool is missing; run: sudo scripts/install-deps"
done
[ -r "$build/CPackConfig.cmake" ] || die "$build/CPackConfig.cmake is missing; configure first"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/domaintune-package.XXXXXX") || die "cannot create a temp dir"
trap 'rm -rf "$tmp"' EXIT

# --- build the package ----------------------------------------------------------------------
# For a Makefile tree CPack first runs the `preinstall` target, which builds `all`. A test must
# package what was built and not start a build of its own (outside the build lock, while other
# tests run): naming a generator that has no pre-install step makes CPack run only the install
# scripts. A binary that was never built makes that step fail.
if ! cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/out" \
    -D CPACK_CMAKE_GENERATOR=Ninja >"$tmp/cpack.log" 2>&1; then
    cat "$tmp/cpack.log" >&2
    die "cpack failed (log above); build the tree first"
fi
debs=("$tmp"/out/*.deb)
if [ ${#debs[@]} -ne 1 ] || [ ! -f "${debs[0]}" ]; then
    die "cpack made ${#debs[@]} .deb files: ${debs[*]}"
fi
deb=${debs[0]}
expected="domaintune_${version}_$(dpkg --print-architecture).deb"
[ "$(basename "$deb")" = "$expected" ] || fail "the package is $(basename "$deb"), not $expected"
ok "built $(basename "$deb") ($(stat -c %s "$deb") bytes)"

# --- control fields -------------------------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = domaintune ] || fail "Package is '$(field Package)', expected domaintune"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', expected $version"
for name in Maintainer Section Priority Homepage Description; do
    [ -n "$(field "$name")" ] || fail "the control file has no $name"
done
[ "$(field Description | wc -l)" -gt 3 ] || fail "the Description has no long text"
depends=$(field Depends)
echo "Depends: $depends"
# One alternative group per line, e.g. "libtorch1.13 (>= 1.13.1+dfsg)".
depends_lines=$(tr ',' '\n' <<<"$depends" | sed 's/^ *//')
require_depends() { # PATTERN WHY
    grep -Eq "$1" <<<"$depends_lines" || fail "Depends lacks $1 ($2)"
}
# A versioned entry for each library shows that dpkg-shlibdeps ran.
require_depends '^libtorch[0-9.]+ \(>= ' "LibTorch, from dpkg-shlibdeps"
require_depends '^libqt6core6 \(>= ' "Qt Core, from dpkg-shlibdeps"
require_depends '^libqt6gui6 \(>= ' "Qt Gui, from dpkg-shlibdeps"
require_depends '^libqt6widgets6 \(>= ' "Qt Widgets, from dpkg-shlibdeps"
require_depends '^libqcustomplot[0-9.]*-qt6 \(>= ' "QCustomPlot, from dpkg-shlibdeps"
require_depends '^libsentencepiece0 \(>= ' "the plugin's sentencepiece, from dpkg-shlibdeps"
require_depends '^libsqlite3-0 \(>= ' "SQLite, from dpkg-shlibdeps"
require_depends '^libicu[0-9]+ \(>= ' "ICU, from dpkg-shlibdeps"
require_depends '^qt6-qpa-plugins' "the Qt platform plugins, invisible to dpkg-shlibdeps"
require_depends '^libqt6svg6' "the SVG plugins for the window icon"
require_depends '^libopenblas0-pthread' "OpenBLAS instead of the reference BLAS"
grep -q 'fonts-wqy-microhei' <<<"$(field Recommends)" || fail "Recommends lacks a CJK font"

# --- contents -------------------------------------------------------------------------------
listing=$(dpkg-deb -c "$deb")
contents=$(awk '{ print $6 }' <<<"$listing")
for path in \
    ./usr/bin/domaintune \
    ./usr/bin/domaintune-cli \
    ./usr/lib/domaintune/libdomaintune_spm.so \
    ./usr/share/applications/domaintune.desktop \
    ./usr/share/icons/hicolor/scalable/apps/domaintune.svg \
    ./usr/share/metainfo/io.github.domaintune.DomainTune.metainfo.xml \
    ./usr/share/man/man1/domaintune-cli.1.gz \
    ./usr/share/man/man1/domaintune.1.gz \
    ./usr/share/domaintune/starter/recipe.json \
    ./usr/share/domaintune/starter/model/model.safetensors; do
    grep -qxF "$path" <<<"$contents" || fail "the package lacks $path"
done
allowed='^\./usr/(bin|lib/domaintune|share/(applications|icons|metainfo|man|domaintune/starter))(/|$)'
parents='^\./(usr/|usr/lib/|usr/share/|usr/share/domaintune/)?$'
stray=$(grep -Ev "$allowed|$parents" <<<"$contents")
[ -z "$stray" ] || fail "unexpected files in the package (tests, headers, libraries?): $stray"
owners=$(awk '$2 != "root/root"' <<<"$listing")
[ -z "$owners" ] || fail "files not owned by root: $owners"

root="$tmp/root"
dpkg-deb -x "$deb" "$root" || die "dpkg-deb -x failed"
for binary in usr/bin/domaintune usr/bin/domaintune-cli usr/lib/domaintune/libdomaintune_spm.so; do
    description=$(file -b "$root/$binary")
    grep -q ', stripped' <<<"$description" || fail "$binary is not stripped: $description"
done
cmp -s "$root/usr/share/icons/hicolor/scalable/apps/domaintune.svg" \
    "$source/resources/icons/domaintune.svg" || fail "the installed icon differs from resources/"
ok "control fields and contents"

# --- desktop entry and AppStream metadata ---------------------------------------------------
desktop="$root/usr/share/applications/domaintune.desktop"
if [ -f "$desktop" ]; then
    # Hints count too: the file should validate silently.
    if ! report=$(desktop-file-validate "$desktop" 2>&1) || [ -n "$report" ]; then
        fail "desktop-file-validate: $report"
    fi
    for key in 'Name=' 'Name\[zh_CN\]=' 'Comment=' 'Comment\[zh_CN\]=' 'Categories=' \
        'Exec=domaintune$' 'Icon=domaintune$' 'Type=Application$'; do
        grep -q "^$key" "$desktop" || fail "domaintune.desktop lacks ${key//\\/}"
    done
fi

metainfo="$root/usr/share/metainfo/io.github.domaintune.DomainTune.metainfo.xml"
if [ -f "$metainfo" ]; then
    report=$(appstreamcli validate --no-net "$metainfo" 2>&1) ||
        fail "appstreamcli validate: $report"
    grep -q '<launchable type="desktop-id">domaintune.desktop</launchable>' "$metainfo" ||
        fail "the metainfo does not launch domaintune.desktop"
    grep -q '<content_rating type="oars-' "$metainfo" || fail "the metainfo has no content rating"
    newest=$(grep -o '<release version="[^"]*"' "$metainfo" | head -n 1 | cut -d'"' -f2)
    [ "$newest" = "$version" ] ||
        fail "the metainfo's newest release is '$newest', not $version: add a <release>"
    images=$(grep -o '<image>[^<]*</image>' "$metainfo" | sed 's/<[^>]*>//g')
    [ -n "$images" ] || fail "the metainfo has no screenshots"
    for image in $images; do
        [ -f "$source/docs/screenshots/$(basename "$image")" ] ||
            fail "the metainfo screenshot $image is not in docs/screenshots"
    done
fi
ok "desktop entry and AppStream metadata"

# --- man pages ------------------------------------------------------------------------------
cli="$root/usr/bin/domaintune-cli"
gui="$root/usr/bin/domaintune"
man1="$root/usr/share/man/man1"
plain() { gzip -dc "$1" | groff -man -Tascii -P-cbou 2>/dev/null; }
# mentions TEXT OPTION: whether the rendered page names OPTION (--text is not --text-column).
mentions() { grep -Eq -- "$2([^a-z0-9-]|\$)" <<<"$1"; }
for page in domaintune-cli domaintune; do
    gz="$man1/$page.1.gz"
    [ -f "$gz" ] || continue
    gzip -t "$gz" || fail "$page.1.gz is not valid gzip"
    gzip -dc "$gz" | grep -q "^\.TH .*\"DomainTune $version\"" ||
        fail "$page.1's .TH line does not name DomainTune $version"
    warnings=$(gzip -dc "$gz" | groff -man -ww -z 2>&1)
    [ -z "$warnings" ] || fail "groff warns about $page.1: $warnings"
    if command -v man >/dev/null; then
        warnings=$(MANWIDTH=80 man --warnings -l "$gz" 2>&1 >/dev/null)
        [ -z "$warnings" ] || fail "man warns about $page.1: $warnings"
    fi
done
# Every command, action and option that the programs' --help lists is in their man page.
if [ -f "$man1/domaintune-cli.1.gz" ]; then
    source_page=$(gzip -dc "$man1/domaintune-cli.1.gz")
    text=$(plain "$man1/domaintune-cli.1.gz")
    sections=$(grep '^\.SS' <<<"$source_page" | sed 's/\\f[BIRP]//g; s/\\-/-/g')
    commands=$("$cli" --help | sed -n '/^commands:/,/^$/p' | awk 'NF > 1 { print $1 }')
    [ -n "$commands" ] || fail "domaintune-cli --help lists no commands"
    for command in $commands; do
        help=$("$cli" "$command" --help)
        headings=$(
            echo "$command"
            grep -o "domaintune-cli $command [a-z][a-z-]*" <<<"$help" | cut -d' ' -f2- | sort -u
        )
        while IFS= read -r heading; do
            grep -Eq "^\.SS \"?$heading( |\"|$)" <<<"$sections" ||
                fail "domaintune-cli.1 has no section for '$heading' (COMMANDS)"
        done <<<"$headings"
        while IFS= read -r option; do
            mentions "$text" "$option" || fail "domaintune-cli.1 does not mention $command $option"
        done < <(grep -oE -- '--[a-z][a-z0-9-]*' <<<"$help" | sort -u)
    done
    for section in NAME SYNOPSIS DESCRIPTION COMMANDS EXAMPLES FILES ENVIRONMENT \
        'EXIT STATUS' 'SEE ALSO'; do
        grep -q "^\.SH \"\?$section" <<<"$source_page" || fail "domaintune-cli.1 has no $section"
    done
fi
if [ -f "$man1/domaintune.1.gz" ]; then
    text=$(plain "$man1/domaintune.1.gz")
    while IFS= read -r option; do
        mentions "$text" "$option" || fail "domaintune.1 does not mention $option"
    done < <("$gui" --help | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u && echo --version)
fi
ok "man pages"

# --- run the unpacked tree ------------------------------------------------------------------
unset DOMAINTUNE_PLUGIN_DIR
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config"
export XDG_DATA_HOME="$tmp/home/.local/share" XDG_RUNTIME_DIR="$tmp/runtime"
export DOMAINTUNE_HISTORY="$tmp/history.sqlite"
mkdir -p "$HOME" && mkdir -m 700 "$XDG_RUNTIME_DIR"

out=$("$cli" --version 2>&1)
[ "$out" = "domaintune-cli $version" ] || fail "domaintune-cli --version printed '$out'"
out=$("$gui" --version 2>&1)
[ "$out" = "domaintune $version" ] || fail "domaintune --version printed '$out'"
ok "the installed programs report version $version"

if ! QT_QPA_PLATFORM=offscreen timeout 120 "$gui" --screenshot "$tmp/window.png" \
    >"$tmp/gui.log" 2>&1 || ! file "$tmp/window.png" | grep -q 'PNG image data'; then
    cat "$tmp/gui.log" >&2
    fail "the installed workbench did not start offscreen and save a screenshot"
fi
ok "the installed workbench started offscreen and saved a screenshot"

# The sentencepiece plugin through the installed layout: train a small vocabulary (`pretrain`),
# tokenize with it and compare the ids with Debian's spm_encode. LD_DEBUG names the file the
# process really loaded. (The corpus has blank lines: pretrain reads a text file's paragraphs.)
awk 'BEGIN {
    srand(7); split("ka to ri men sa lo vi ter ne pu dor ach il zu bre fen gol hu ja qu", s, " ")
    for (w = 1; w <= 300; ++w) {
        word[w] = ""; n = 1 + int(rand() * 3)
        for (i = 0; i < n; ++i) word[w] = word[w] s[1 + int(rand() * 20)]
    }
    for (l = 1; l <= 300; ++l) {
        line = word[1 + int(rand() * 300)]
        for (i = 1; i < 14; ++i) line = line " " word[1 + int(rand() * 300)]
        print line "."; if (l % 5 == 0) print ""
    } }' >"$tmp/corpus.txt"
plugin="$root/usr/lib/domaintune/libdomaintune_spm.so"
if "$cli" pretrain "$tmp/corpus.txt" --output "$tmp/pretrain" --vocab-size 100 --layers 1 \
    --hidden 16 --heads 2 --max-length 32 --max-steps 2 --batch-size 4 --threads 1 \
    >"$tmp/pretrain.json" 2>"$tmp/pretrain.log" && [ -f "$tmp/pretrain/model/spiece.model" ]; then
    sample="kato rimen sa lovi terne"
    ids=$(LD_DEBUG=files LD_DEBUG_OUTPUT="$tmp/ld" "$cli" tokenize --model "$tmp/pretrain/model" \
        --text "$sample" --no-special-tokens 2>"$tmp/tokenize.log" | json_ids)
    reference=$(spm_encode --model "$tmp/pretrain/model/spiece.model" --output_format=id \
        <<<"$sample")
    if [ -z "$ids" ] || [ "$ids" != "$reference" ]; then
        cat "$tmp/tokenize.log" >&2
        fail "the installed CLI's sentencepiece ids '$ids' differ from spm_encode's '$reference'"
    fi
    loaded=$(cat "$tmp"/ld.* 2>/dev/null | grep -o 'file=[^ ]*libdomaintune_spm\.so' |
        head -n 1 | cut -d= -f2)
    if [ -z "$loaded" ] || [ "$(realpath "$loaded")" != "$(realpath "$plugin")" ]; then
        fail "the process loaded the plugin '$loaded', not the package's $plugin"
    fi
else
    cat "$tmp/pretrain.log" >&2
    fail "the installed CLI could not train a sentencepiece vocabulary (pretrain)"
fi
ok "the installed CLI trained and used a sentencepiece vocabulary through the package's plugin"

# The shipped starter model: installed beside the program, found from there, checked and
# copied by `starter build` (no pretraining), identical to the source tree's.
shipped="$root/usr/share/domaintune/starter"
if [ ! -f "$shipped/recipe.json" ] || ! cmp -s "$shipped/model/model.safetensors" \
    "$source/assets/starter/model/model.safetensors"; then
    fail "the package lacks the shipped starter model (usr/share/domaintune/starter)"
elif ! env -u DOMAINTUNE_SHIPPED_STARTER timeout 120 "$cli" starter build --dir "$tmp/starter" \
    >"$tmp/starter.json" 2>"$tmp/starter.log" ||
    ! grep -q "shipped with DomainTune ($shipped)" "$tmp/starter.log" ||
    ! cmp -s "$tmp/starter/model/model.safetensors" "$shipped/model/model.safetensors"; then
    cat "$tmp/starter.log" >&2
    fail "the installed CLI did not set up the starter from the package's shipped model"
else
    ok "the installed CLI set up the starter model from the package ($shipped)"
fi

# The shared tokenizers, when the shared folder is present.
if [ -n "$shared" ] && [ -d "$shared/tokenizers" ]; then
    models=$(find "$shared/tokenizers" -name '*.model' | sort)
    if [ -z "$models" ]; then
        echo "note: no SentencePiece *.model under $shared/tokenizers;" \
            "the plugin was checked with the vocabulary trained above"
    fi
    folders=$(find "$shared/tokenizers" -mindepth 1 -maxdepth 1 -type d | sort)
    text="Net income rose 12% in the third quarter. 净利润增长。"
    for tokenizer in $models $folders; do
        ids=$("$cli" tokenize --model "$tokenizer" --text "$text" 2>"$tmp/tokenize.log" | json_ids)
        [ -n "$ids" ] ||
            fail "the installed CLI cannot tokenize with $tokenizer: $(cat "$tmp/tokenize.log")"
    done
    ok "the installed CLI tokenized with the $(wc -w <<<"$models $folders") shared tokenizer(s)"
else
    echo "SKIP: the shared folder (${shared:-not given}) is absent;" \
        "the installed CLI was not run on its tokenizers"
fi

if [ "$failures" -gt 0 ]; then
    echo "$failures check(s) of the package failed" >&2
    exit 1
fi
echo "package: OK ($(basename "$deb"), $(stat -c %s "$deb") bytes)"
