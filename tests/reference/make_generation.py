#!/usr/bin/env python3
"""Greedy continuations computed by transformers' generate() on the committed tiny GPT-2
reference model (tests/reference/models/gpt2-clm), for testgeneration.

    ~/.cache/domaintune/reference-venv/bin/python tests/reference/make_generation.py [OUT]

Writes tests/reference/generation.json: for each prompt (token ids), the new token ids of
generate(do_sample=False, max_new_tokens=N) with and without a repetition penalty, stopping at
eos_token_id as generate() does.
"""
import json
import os
import sys

import torch
import transformers
from transformers import AutoModelForCausalLM

HERE = os.path.dirname(os.path.abspath(__file__))
PROMPTS = [[5, 12, 30], [1], [7, 7, 7, 7], [20, 21, 22, 23, 24, 25, 26, 27], [40, 3, 44, 9, 11]]
SETTINGS = [{"max_new_tokens": 16}, {"max_new_tokens": 16, "repetition_penalty": 1.3},
            {"max_new_tokens": 30}]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "generation.json")
    folder = os.path.join(HERE, "models", "gpt2-clm")
    model = AutoModelForCausalLM.from_pretrained(folder).eval()
    cases = []
    for prompt in PROMPTS:
        for settings in SETTINGS:
            ids = torch.tensor([prompt])
            with torch.no_grad():
                result = model.generate(ids, attention_mask=torch.ones_like(ids),
                                        do_sample=False, pad_token_id=0, **settings)
            cases.append({"prompt": prompt, "settings": settings,
                          "new_ids": result[0, len(prompt):].tolist()})
    with open(out, "w") as f:
        json.dump({"generated_by": "tests/reference/make_generation.py",
                   "model": "tests/reference/models/gpt2-clm",
                   "versions": {"transformers": transformers.__version__,
                                "torch": torch.__version__},
                   "cases": cases}, f, indent=0)
        f.write("\n")
    print("wrote", out)


if __name__ == "__main__":
    main()
