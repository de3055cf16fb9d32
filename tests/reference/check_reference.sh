#!/usr/bin/env bash
# Regenerates tests/reference/ with transformers and tokenizers (the reference virtualenv) into
# a temporary folder and compares it with the committed files: the same inputs, and outputs
# within 1e-6. Skips (exit 77) without the virtualenv or without the default model.
# Usage: check_reference.sh SOURCE_DIR [VENV_DIR]
set -euo pipefail
source_dir=${1:?usage: check_reference.sh SOURCE_DIR [VENV_DIR]}
venv=${2:-${XDG_CACHE_HOME:-$HOME/.cache}/domaintune/reference-venv}
python="$venv/bin/python"
if [ ! -x "$python" ] || ! "$python" -c 'import transformers, tokenizers' 2>/dev/null; then
    echo "SKIP: no reference virtualenv at $venv (make it with tests/reference/setup-venv.sh)"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
here="$source_dir/tests/reference"
"$python" "$here/make_families.py" --out "$work/models" >/dev/null 2>"$work/families.log" ||
    { cat "$work/families.log"; exit 1; }
minilm=1
HF_HUB_OFFLINE=1 "$python" "$here/make_reference.py" "$work/all-minilm-l6-v2.json" \
    >/dev/null 2>"$work/minilm.log" || minilm=0
tokenizers=1
"$python" -c 'import sentencepiece, google.protobuf' 2>/dev/null || tokenizers=0
[ "$tokenizers" = 0 ] || "$python" "$here/make_tokenizers.py" --out "$work/tokenizers" \
    >/dev/null 2>"$work/tokenizers.log" || { cat "$work/tokenizers.log"; exit 1; }
"$python" "$here/make_generation.py" "$work/generation.json" >/dev/null 2>"$work/generation.log" ||
    { cat "$work/generation.log"; exit 1; }
"$python" "$here/make_squad.py" "$work/squad/metric_cases.json" >/dev/null 2>"$work/squad.log" ||
    { cat "$work/squad.log"; exit 1; }
asha=1
"$python" -c 'import optuna' 2>/dev/null || asha=0
[ "$asha" = 0 ] || "$python" "$here/make_asha.py" "$work/asha/decisions.json" >/dev/null \
    2>"$work/asha.log" || { cat "$work/asha.log"; exit 1; }
lora=1
"$python" -c 'import peft' 2>/dev/null || lora=0
[ "$lora" = 0 ] || "$python" "$here/make_lora.py" --out "$work/lora" >/dev/null \
    2>"$work/lora.log" || { cat "$work/lora.log"; exit 1; }
"$python" - "$here" "$work" "$minilm" "$tokenizers" "$lora" "$asha" <<'PY'
import json, os, sys
committed, fresh, minilm = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
tokenizers = sys.argv[4] == "1"
lora = sys.argv[5] == "1"
asha = sys.argv[6] == "1"

def close(a, b, path):
    if isinstance(a, dict):
        assert isinstance(b, dict) and a.keys() == b.keys(), path + ": keys differ"
        for k in a:
            if k not in ("reference", "versions"):
                close(a[k], b[k], path + "." + k)
    elif isinstance(a, list):
        assert isinstance(b, list) and len(a) == len(b), path + ": lengths differ"
        for i, (x, y) in enumerate(zip(a, b)):
            close(x, y, "%s[%d]" % (path, i))
    elif isinstance(a, float) or isinstance(b, float):
        assert abs(a - b) <= 1e-6, "%s: %r vs %r" % (path, a, b)
    else:
        assert a == b, "%s: %r vs %r" % (path, a, b)

names = sorted(os.listdir(os.path.join(committed, "models")))
assert names == sorted(os.listdir(os.path.join(fresh, "models"))), "the model folders differ"
for name in names:
    close(json.load(open(os.path.join(committed, "models", name, "expected.json"))),
          json.load(open(os.path.join(fresh, "models", name, "expected.json"))), name)
print("reference: %d family/head folders regenerate identically" % len(names))
if minilm:
    close(json.load(open(os.path.join(committed, "all-minilm-l6-v2.json"))),
          json.load(open(os.path.join(fresh, "all-minilm-l6-v2.json"))), "all-minilm-l6-v2")
    print("reference: all-MiniLM-L6-v2 tokenizer cases and outputs regenerate identically")
else:
    print("reference: all-MiniLM-L6-v2 is not in the Hugging Face cache; its file was not checked")
if tokenizers:
    for name in ("roberta", "xlmr"):
        close(json.load(open(os.path.join(committed, "tokenizers", name, "expected.json"))),
              json.load(open(os.path.join(fresh, "tokenizers", name, "expected.json"))), name)
    print("reference: the RoBERTa and XLM-R tokenizer cases regenerate identically")
else:
    print("reference: no sentencepiece in the virtualenv; the tokenizer cases were not checked")
close(json.load(open(os.path.join(committed, "generation.json"))),
      json.load(open(os.path.join(fresh, "generation.json"))), "generation")
print("reference: the greedy generation cases regenerate identically")
close(json.load(open(os.path.join(committed, "squad", "metric_cases.json"))),
      json.load(open(os.path.join(fresh, "squad", "metric_cases.json"))), "squad")
print("reference: the SQuAD metric cases regenerate identically")
if asha:
    close(json.load(open(os.path.join(committed, "asha", "decisions.json"))),
          json.load(open(os.path.join(fresh, "asha", "decisions.json"))), "asha")
    print("reference: the successive-halving decisions regenerate identically")
else:
    print("reference: no optuna in the virtualenv; the successive-halving cases were not checked")
if lora:
    names = sorted(os.listdir(os.path.join(committed, "lora")))
    assert names == sorted(os.listdir(os.path.join(fresh, "lora"))), "the adapter folders differ"
    for name in names:
        close(json.load(open(os.path.join(committed, "lora", name, "expected.json"))),
              json.load(open(os.path.join(fresh, "lora", name, "expected.json"))), "lora " + name)
    print("reference: %d PEFT adapter cases regenerate identically" % len(names))
else:
    print("reference: no peft in the virtualenv; the LoRA cases were not checked")
PY
