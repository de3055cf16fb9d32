#!/usr/bin/env bash
# Turns a starter built on this machine into the one DomainTune ships (assets/starter), which
# `domaintune-cli starter build` then copies instead of pretraining (docs/starter-model.md).
#
#   scripts/ship-starter.sh ROOT      ROOT: a finished `starter build --from-scratch --dir ROOT`
#
# Writes assets/starter/model (the model as float16 safetensors, verified against ROOT's
# float32 weights by `domaintune-cli export`, plus its tokenizer files) and
# assets/starter/recipe.json: ROOT's recipe without the machine's sample task, with the shipped
# weights' size and SHA-256 and the float32 original's SHA-256.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=${1:?usage: scripts/ship-starter.sh ROOT}
cli=${DOMAINTUNE_CLI:-$here/build/bin/domaintune-cli}
target="$here/assets/starter"

[ -f "$root/recipe.json" ] && [ -f "$root/model/model.safetensors" ] ||
    { echo "ship-starter: $root holds no finished starter build (recipe.json, model/)" >&2; exit 1; }
rm -rf "$target.partial"
mkdir -p "$target.partial"
"$cli" export --model "$root/model" --output "$target.partial/model" --dtype f16 --format hf \
    >"$target.partial/export.json"
/usr/bin/python3 - "$root" "$target.partial" <<'PY'
import hashlib, json, os, sys
root, target = sys.argv[1:]
recipe = json.load(open(os.path.join(root, "recipe.json")))
export = json.load(open(os.path.join(target, "export.json")))
os.remove(os.path.join(target, "export.json"))
weights = os.path.join(target, "model", "model.safetensors")
digest = hashlib.sha256(open(weights, "rb").read()).hexdigest()
model = recipe["model"]
model["built_sha256"] = model.pop("sha256")
model["built_bytes"] = model.pop("bytes")
model.update({"dtype": "f16", "bytes": os.path.getsize(weights), "sha256": digest,
              "export_verification": export.get("verification", export)})
recipe.pop("sample", None)
recipe["ship_command"] = "scripts/ship-starter.sh ROOT"
json.dump(recipe, open(os.path.join(target, "recipe.json"), "w"), indent=2, ensure_ascii=False)
open(os.path.join(target, "recipe.json"), "a").write("\n")
# The export wrote a fine-tuning card; this model was pretrained from nothing.
settings, corpus = recipe["inputs"], recipe.get("corpus", {})
sources = ", ".join(f"{s['name']} ({s['license']})" for s in corpus.get("sources", []))
card = f"""---
pipeline_tag: fill-mask
language:
- en
- zh
tags:
- domaintune
---

# DomainTune starter model

A small bilingual (English and Chinese) BERT-style encoder that DomainTune pretrained from
random weights with masked language modelling, on {corpus.get('bytes', 0):,} bytes of general
prose from Debian packages: {sources}. It is the model the workbench opens with, for learning
the workflow; it is far too small and too briefly trained to replace a real pretrained model
(see docs/transfer-study.md in DomainTune).

| | |
| --- | --- |
| architecture | BertForMaskedLM, {settings['model']['layers']} layers, hidden size {settings['model']['hidden']}, {settings['model']['heads']} heads, {model['parameters']:,} parameters, weights in float16 |
| vocabulary | SentencePiece unigram, {settings['model']['vocab_size']:,} pieces (spiece.model) |
| pretraining | {model['steps']:,} steps of batch {settings['training']['batch_size']} x {settings['model']['max_length']} tokens, AdamW lr {settings['training']['learning_rate']}, seed {settings['training']['seed']} |
| held-out masked-LM loss | {model['heldout_metrics']['loss']:.3f} (perplexity {model['heldout_metrics']['perplexity']:.0f}) |
| recipe | recipe.json beside this folder: packages and versions, settings, SHA-256 of the corpus and the weights |

Rebuild it with `domaintune-cli starter build --from-scratch`.
"""
open(os.path.join(target, "model", "README.md"), "w").write(card)
PY
rm -rf "$target"
mv "$target.partial" "$target"
ls -l "$target" "$target/model"
