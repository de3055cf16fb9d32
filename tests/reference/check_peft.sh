#!/usr/bin/env bash
# A LoRA adapter trained by domaintune-cli loads in PEFT (PeftModel.from_pretrained) and gives
# the outputs domaintune-cli forward gives, with the adapter and merged (merge_and_unload), on
# the committed tiny BERT. Skips (exit 77) without the reference virtualenv or without peft.
# Usage: check_peft.sh SOURCE_DIR DOMAINTUNE_CLI [VENV_DIR]
set -euo pipefail
source_dir=${1:?usage: check_peft.sh SOURCE_DIR DOMAINTUNE_CLI [VENV_DIR]}
cli=${2:?usage: check_peft.sh SOURCE_DIR DOMAINTUNE_CLI [VENV_DIR]}
venv=${3:-${XDG_CACHE_HOME:-$HOME/.cache}/domaintune/reference-venv}
python="$venv/bin/python"
if [ ! -x "$python" ] || ! "$python" -c 'import transformers, peft' 2>/dev/null; then
    echo "SKIP: no reference virtualenv with peft at $venv (tests/reference/setup-venv.sh)"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The tiny BERT with a 48-token vocabulary, and a small sentiment task.
source "$source_dir/tests/reference/tinymodel.sh"
tiny_model "$source_dir" bert-seq-cls "$work/base"
tiny_sentiment_csv "$work/train.csv" 12
"$cli" train --model "$work/base" --task seq-cls --train "$work/train.csv" --output "$work/run" \
    --max-steps 20 --batch-size 8 --max-length 16 --learning-rate 0.01 --lora-r 4 \
    --lora-alpha 8 --threads 1 --no-history >/dev/null 2>"$work/train.log" ||
    { cat "$work/train.log"; exit 1; }
printf '{"input_ids": [[2, 5, 7, 16, 3], [2, 12, 13, 3, 0]], "attention_mask": [[1, 1, 1, 1, 1], [1, 1, 1, 1, 0]]}' \
    >"$work/inputs.json"
"$cli" forward --model "$work/run/model" --inputs "$work/inputs.json" >"$work/ours.json"
"$cli" export --model "$work/run/model" --format hf --output "$work/merged" >/dev/null
"$cli" forward --model "$work/merged" --inputs "$work/inputs.json" >"$work/ours-merged.json"
"$python" - "$work" <<'PY'
import json, sys, torch
from peft import PeftModel
from transformers import AutoModelForSequenceClassification
work = sys.argv[1]
config = json.load(open(work + "/run/model/config.json"))
base = AutoModelForSequenceClassification.from_pretrained(
    work + "/base", num_labels=len(config["id2label"]))
inputs = json.load(open(work + "/inputs.json"))
args = {k: torch.tensor(v) for k, v in inputs.items()}
with torch.no_grad():
    plain = base.eval()(**args).logits.clone()
model = PeftModel.from_pretrained(base, work + "/run/model").eval()
with torch.no_grad():
    theirs = model(**args).logits
    merged = model.merge_and_unload()(**args).logits
ours = torch.tensor(json.load(open(work + "/ours.json"))["logits"])
ours_merged = torch.tensor(json.load(open(work + "/ours-merged.json"))["logits"])
adapted_diff = float((theirs - ours).abs().max())
merged_diff = float((merged - ours_merged).abs().max())
assert adapted_diff <= 1e-5, "PEFT's outputs differ by %g" % adapted_diff
assert merged_diff <= 1e-5, "merged outputs differ by %g" % merged_diff
assert float((theirs - plain).abs().max()) > 1e-3, "the adapter changed nothing"
print("peft: DomainTune's adapter loads in PEFT; outputs within %.1e (adapted), %.1e (merged)"
      % (adapted_diff, merged_diff))
PY
