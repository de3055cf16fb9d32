#!/usr/bin/env python3
"""sentence-transformers' own sentence embeddings of the real default model, for testrealmodel:
the input of the few-shot (sentence-cls) head must be what SetFit's encoder gives.

    ~/.cache/domaintune/reference-venv/bin/python tests/reference/make_sentence_embeddings.py

Reads the texts of tests/reference/all-minilm-l6-v2.json (make_reference.py) and writes
tests/reference/all-minilm-l6-v2-sentences.json: the model's modules (pooling, normalisation)
and SentenceTransformer.encode() of all texts in one padded batch (float32), with the versions.
"""
import json
import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import sentence_transformers  # noqa: E402
import torch  # noqa: E402
from huggingface_hub import snapshot_download  # noqa: E402
from sentence_transformers import SentenceTransformer  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL = "sentence-transformers/all-MiniLM-L6-v2"


def main():
    with open(os.path.join(HERE, "all-minilm-l6-v2.json"), encoding="utf-8") as handle:
        texts = [case["text"] for case in json.load(handle)["tokenizer_cases"]]
    folder = snapshot_download(MODEL, local_files_only=True)
    model = SentenceTransformer(folder, device="cpu")
    model.eval()
    with torch.no_grad():
        embeddings = model.encode(texts, batch_size=len(texts), convert_to_numpy=True)
    out = {"model": MODEL, "generated_by": "tests/reference/make_sentence_embeddings.py",
           "versions": {"sentence-transformers": sentence_transformers.__version__,
                        "torch": torch.__version__},
           "modules": [type(module).__name__ for module in model],
           "max_seq_length": model.max_seq_length,
           "tolerance": 2e-5,
           "texts": texts,
           "embeddings": [[round(float(v), 7) for v in row] for row in embeddings]}
    with open(os.path.join(HERE, "all-minilm-l6-v2-sentences.json"), "w",
              encoding="utf-8") as handle:
        json.dump(out, handle, ensure_ascii=False)
        handle.write("\n")


if __name__ == "__main__":
    main()
