#!/usr/bin/env python3
"""LoRA adapters made by PEFT on the committed tiny reference models, with the outputs PEFT
computes for them, for testlora.

    tests/reference/setup-venv.sh          # once (transformers, peft on Debian's torch)
    ~/.cache/domaintune/reference-venv/bin/python tests/reference/make_lora.py [--out DIR]

For each case: get_peft_model() with the family's PEFT default targets (or those given), the
adapters' B matrices and the saved head (modules_to_save) set to seeded random values so the
adapter changes the outputs, save_pretrained() into DIR/NAME (adapter_config.json,
adapter_model.safetensors; base_model_name_or_path rewritten to the model's folder relative to
the repository), and DIR/NAME/expected.json with the logits with the adapter and after
merge_and_unload(), on the inputs of the base model's expected.json.
"""
import argparse
import json
import os
import shutil
import sys

import peft
import torch
import transformers
from peft import LoraConfig, TaskType, get_peft_model
from transformers import (AutoModelForCausalLM, AutoModelForSequenceClassification,
                          AutoModelForTokenClassification)

HERE = os.path.dirname(os.path.abspath(__file__))

CASES = [
    # name, base model folder, task type, loader, extra LoraConfig arguments
    ("bert-seq-cls", "bert-seq-cls", TaskType.SEQ_CLS, AutoModelForSequenceClassification,
     {"r": 4, "lora_alpha": 8}),
    ("roberta-seq-cls-rslora", "roberta-seq-cls", TaskType.SEQ_CLS,
     AutoModelForSequenceClassification, {"r": 4, "lora_alpha": 8, "use_rslora": True,
                                          "target_modules": ["query", "key", "value", "output.dense"]}),
    ("distilbert-token-cls", "distilbert-token-cls", TaskType.TOKEN_CLS,
     AutoModelForTokenClassification, {"r": 2, "lora_alpha": 4,
                                       "target_modules": ["q_lin", "v_lin"]}),
    ("gpt2-clm", "gpt2-clm", TaskType.CAUSAL_LM, AutoModelForCausalLM,
     {"r": 4, "lora_alpha": 16, "fan_in_fan_out": True, "target_modules": ["c_attn"]}),
]


def logits(model, inputs):
    with torch.no_grad():
        args = {k: torch.tensor(v) for k, v in inputs.items()
                if k in ("input_ids", "attention_mask", "token_type_ids")}
        return model(**args).logits


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=os.path.join(HERE, "lora"))
    args = parser.parse_args()
    for name, base_name, task, loader, extra in CASES:
        base_dir = os.path.join(HERE, "models", base_name)
        expected_base = json.load(open(os.path.join(base_dir, "expected.json")))
        inputs = dict(expected_base["inputs"])
        if base_name.startswith("distilbert") or base_name.startswith("gpt2"):
            inputs.pop("token_type_ids", None)
        torch.manual_seed(7)
        base = loader.from_pretrained(base_dir).eval()
        model = get_peft_model(base, LoraConfig(task_type=task, lora_dropout=0.0, **extra))
        generator = torch.Generator().manual_seed(11)
        with torch.no_grad():
            for key, parameter in model.named_parameters():
                if "lora_B" in key or "modules_to_save" in key:
                    parameter.copy_(torch.randn(parameter.shape, generator=generator) * 0.2)
        model.eval()
        adapted = logits(model, inputs)
        target = os.path.join(args.out, name)
        shutil.rmtree(target, ignore_errors=True)
        model.save_pretrained(target)
        for stray in ("README.md",):
            if os.path.exists(os.path.join(target, stray)):
                os.remove(os.path.join(target, stray))
        config_path = os.path.join(target, "adapter_config.json")
        config = json.load(open(config_path))
        config["base_model_name_or_path"] = "tests/reference/models/" + base_name
        with open(config_path, "w") as f:
            json.dump(config, f, indent=2, sort_keys=True)
            f.write("\n")
        merged = logits(model.merge_and_unload(), inputs)
        with open(os.path.join(target, "expected.json"), "w") as f:
            json.dump({
                "generated_by": "tests/reference/make_lora.py",
                "versions": {"peft": peft.__version__, "transformers": transformers.__version__,
                             "torch": torch.__version__},
                "base": base_name,
                "inputs": inputs,
                "adapted_logits": [[round(float(x), 6) for x in row]
                                   for row in adapted.reshape(adapted.shape[0], -1).tolist()],
                "merged_logits": [[round(float(x), 6) for x in row]
                                  for row in merged.reshape(merged.shape[0], -1).tolist()],
                "shape": list(adapted.shape),
                "tolerance": 1e-5,
            }, f, indent=0)
            f.write("\n")
        print("wrote", target, "max |adapted - merged| =",
              float((adapted - merged).abs().max()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
