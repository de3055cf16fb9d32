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
PY
rm -rf "$target"
mv "$target.partial" "$target"
ls -l "$target" "$target/model"
