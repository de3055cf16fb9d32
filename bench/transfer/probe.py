#!/usr/bin/env python3
"""Why does head-only fine-tuning of all-MiniLM-L6-v2 score so low? A frozen-feature probe.

Encodes the transfer study's prepared splits with the real model (transformers, eval mode,
max length 128) and fits the same logistic regression on three frozen features: the [CLS]
hidden state, BERT's pooler output (dense + tanh over [CLS], what a sequence-classification
head reads), and the mean of the token states (how sentence-transformers trained this model).

    ~/.cache/domaintune/reference-venv/bin/python bench/transfer/probe.py build/transfer-minilm/data/finance

Prints macro-F1 on the test split for each feature. Needs the reference virtualenv
(tests/reference/setup-venv.sh) and the model in the Hugging Face cache.
"""
import json
import os
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import f1_score  # noqa: E402
from transformers import AutoModel, AutoTokenizer  # noqa: E402

MODEL = "sentence-transformers/all-MiniLM-L6-v2"


def read(path):
    texts, labels = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            texts.append(row["text"])
            labels.append(row["label"])
    return texts, labels


def encode(model, tokenizer, texts):
    cls, pooled, mean = [], [], []
    with torch.no_grad():
        for start in range(0, len(texts), 64):
            batch = tokenizer(texts[start:start + 64], padding=True, truncation=True,
                              max_length=128, return_tensors="pt")
            out = model(**batch)
            mask = batch["attention_mask"].unsqueeze(-1).float()
            cls.append(out.last_hidden_state[:, 0].numpy())
            pooled.append(out.pooler_output.numpy())
            mean.append(((out.last_hidden_state * mask).sum(1) / mask.sum(1)).numpy())
    return {"[CLS] state": np.concatenate(cls), "pooler output": np.concatenate(pooled),
            "mean of token states": np.concatenate(mean)}


def main():
    data = sys.argv[1]
    torch.set_num_threads(2)
    tokenizer = AutoTokenizer.from_pretrained(MODEL)
    model = AutoModel.from_pretrained(MODEL).eval()
    train_texts, train_labels = read(os.path.join(data, "train.jsonl"))
    test_texts, test_labels = read(os.path.join(data, "test.jsonl"))
    train, test = encode(model, tokenizer, train_texts), encode(model, tokenizer, test_texts)
    for name in train:
        probe = LogisticRegression(max_iter=2000, C=1.0).fit(train[name], train_labels)
        score = f1_score(test_labels, probe.predict(test[name]), average="macro")
        print("%-22s macro-F1 %.3f" % (name, score))


if __name__ == "__main__":
    main()
