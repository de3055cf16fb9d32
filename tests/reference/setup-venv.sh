#!/usr/bin/env bash
# The reference virtualenv for tests/reference/make_reference.py: Hugging Face transformers and
# tokenizers (sentencepiece and protobuf for the XLM-R conversion), peft and optuna (the LoRA and
# successive-halving references) on top of Debian's python3-torch (system site packages),
# pinned versions.
# Usage: tests/reference/setup-venv.sh [VENV_DIR]  (default ~/.cache/domaintune/reference-venv)
set -euo pipefail
venv=${1:-${XDG_CACHE_HOME:-$HOME/.cache}/domaintune/reference-venv}
[ -x "$venv/bin/python" ] || /usr/bin/python3 -m venv --system-site-packages "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check \
    "transformers==4.40.2" "tokenizers==0.19.1" "sentencepiece==0.2.3" "protobuf==7.36.2" \
    "accelerate==0.28.0" psutil pyyaml "optuna==3.6.1"
# peft asks for torch>=1.13.0, which Debian's 1.13.0a0 does not satisfy for pip: without
# --no-deps pip would pull a 2 GB PyTorch 2 into the virtualenv and change every reference.
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps "peft==0.10.0"
"$venv/bin/python" -c 'import transformers, tokenizers, torch; print("reference venv:", transformers.__version__, tokenizers.__version__, torch.__version__)'
