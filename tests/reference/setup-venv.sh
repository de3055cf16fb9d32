#!/usr/bin/env bash
# The reference virtualenv for tests/reference/make_reference.py: Hugging Face transformers and
# tokenizers (sentencepiece and protobuf for the XLM-R conversion), peft and optuna (the LoRA and
# successive-halving references) on top of Debian's python3-torch (system site packages),
# pinned versions; setfit for the few-shot study.
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
# SetFit 1.0.3, the few-shot reference (bench/fewshot/setfit_reference.py), with the versions
# of its dependencies that still fit Debian's NumPy 1.24 and transformers 4.40 (a newer
# huggingface_hub lacks the DatasetFilter setfit imports; a newer pyarrow needs NumPy 2).
"$venv/bin/pip" install --quiet --disable-pip-version-check "setfit==1.0.3" \
    "sentence-transformers==2.7.0" "datasets==2.21.0" "pandas==2.2.3" "pyarrow==16.1.0" \
    "huggingface_hub==0.23.5" "numpy<2" "transformers==4.40.2"
"$venv/bin/python" -c 'import transformers, tokenizers, torch; print("reference venv:", transformers.__version__, tokenizers.__version__, torch.__version__)'
