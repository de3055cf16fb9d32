#!/usr/bin/env bash
# The virtualenv of the time-to-accuracy anchor: transformers' Trainer on PyTorch 2.x from PyPI
# (the x86-64 wheel is the CUDA build, about 4 GB with its CUDA libraries; it runs on the CPU).
# Only benchmarks use it; the product never needs Python.
#
#   bench/tta/venv.sh [DIR]      (default: ~/.cache/domaintune/torch2-venv)
set -euo pipefail
dir=${1:-${DOMAINTUNE_TORCH2_VENV:-$HOME/.cache/domaintune/torch2-venv}}
if [ ! -x "$dir/bin/python" ]; then
    /usr/bin/python3 -m venv "$dir"
fi
# The versions the README's table was measured with.
"$dir/bin/pip" install --no-cache-dir torch==2.15.0 transformers==5.25.0 accelerate==1.16.0 >&2
"$dir/bin/python" -c 'import torch, transformers; print(torch.__version__, transformers.__version__)'
