#!/usr/bin/env bash
# Fetches the LibTorch inside a PyTorch 2.x wheel from PyPI, for a second build of DomainTune
# against it (cmake -DDOMAINTUNE_TORCH_DIR=…; Debian's LibTorch 1.13 stays the default):
#
#   scripts/fetch-libtorch.sh [DIR]     (default: ~/.cache/domaintune/libtorch-$version)
#
# Prints the path to pass as DOMAINTUNE_TORCH_DIR (DIR/torch/share/cmake/Torch). Nothing is
# installed into any Python: the wheels are downloaded (sha256 checked against PyPI's index),
# and only LibTorch's headers and libraries are extracted, with the two CUDA runtime libraries
# its CPU library links (libcudart, libcupti: loaded, never used without a GPU) where its RPATH
# looks for them (DIR/nvidia/cu13/lib). About 1 GB downloaded, 0.9 GB kept. Reuses DIR when it
# is complete. Versions: TORCH_VERSION (default below) and the CUDA wheels it requires.
set -euo pipefail
version=${TORCH_VERSION:-2.15.0}
cuda_version=${CUDA_WHEEL_VERSION:-13.2.86} # torch 2.15.0's cuda-toolkit 13.2.2 pins these
dir=${1:-$HOME/.cache/domaintune/libtorch-$version}
py=/usr/bin/python3
[ -x "$py" ] || py=python3

if [ -f "$dir/.complete" ]; then
    echo "$dir/torch/share/cmake/Torch"
    exit 0
fi
mkdir -p "$dir"
work=$(mktemp -d "$dir/.download.XXXXXX")
trap 'rm -rf "$work"' EXIT

# fetch PROJECT VERSION: the project's manylinux x86-64 wheel (any CPython tag: the LibTorch in
# each is the same), checked against the sha256 PyPI lists for it; prints its path.
fetch() {
    local project=$1 want=$2 url sha file index
    # The project's whole index (the per-version one is not served by every mirror).
    index="https://pypi.org/pypi/$project/json"
    curl -fsSL --retry 3 "$index" -o "$work/$project.json" || {
        echo "fetch-libtorch: could not read PyPI's index for $project $want" >&2
        return 1
    }
    read -r url sha < <("$py" - "$work/$project.json" "$want" "$index" <<'PY'
import json, sys, urllib.parse
files = json.load(open(sys.argv[1]))["releases"].get(sys.argv[2], [])
wheels = [f for f in files if f["filename"].endswith(".whl") and "x86_64" in f["filename"]
          and "manylinux" in f["filename"]]
if not wheels:
    sys.exit(f"fetch-libtorch: PyPI lists no manylinux x86-64 wheel of version {sys.argv[2]}")
best = sorted(wheels, key=lambda f: ("cp311" not in f["filename"], f["filename"]))[0]
# A mirror may list addresses relative to the index.
print(urllib.parse.urljoin(sys.argv[3], best["url"]), best["digests"]["sha256"])
PY
)
    file="$work/$(basename "$url")"
    echo "fetch-libtorch: downloading $(basename "$url")" >&2
    curl -fsSL --retry 3 "$url" -o "$file"
    echo "$sha  $file" | sha256sum --check --quiet - >&2 || {
        echo "fetch-libtorch: $(basename "$url") does not match PyPI's sha256" >&2
        return 1
    }
    echo "$file"
}

# extract WHEEL PREFIX...: the members under the prefixes, into DIR.
extract() {
    "$py" - "$dir" "$@" <<'PY'
import os, sys, zipfile
target, wheel, prefixes = sys.argv[1], sys.argv[2], tuple(sys.argv[3:])
with zipfile.ZipFile(wheel) as z:
    for member in z.infolist():
        if member.filename.startswith(prefixes) and not member.is_dir():
            z.extract(member, target)
            mode = member.external_attr >> 16
            if mode:
                os.chmod(os.path.join(target, member.filename), mode & 0o777)
PY
}

torch_wheel=$(fetch torch "$version")
echo "fetch-libtorch: extracting LibTorch" >&2
rm -rf "$dir/torch" "$dir/nvidia"
extract "$torch_wheel" torch/include/ torch/share/cmake/ torch/lib/libtorch_cpu.so \
    torch/lib/libc10.so torch/lib/libgomp.so.1 torch/lib/libtorch_cuda.so \
    torch/lib/libc10_cuda.so torch/lib/libtorch.so torch/lib/libtorch_cuda_linalg.so
for project in nvidia-cuda-runtime nvidia-cuda-cupti; do
    extract "$(fetch "$project" "$cuda_version")" nvidia/
done
touch "$dir/.complete"
echo "$dir/torch/share/cmake/Torch"
