#!/usr/bin/env python3
"""Loads DomainTune TorchScript exports with Python's torch.jit.load (as a user would) and checks
that each reproduces the outputs DomainTune's C++ model wrote for the same inputs, that padding
does not change what a row's real tokens produce, and that the labels and torchscript.json travel
inside the archive.

usage: torchscriptcheck.py CASES.json
CASES.json: [{"model": "model.pt", "input_ids": [[...]], "attention_mask": [[...]],
              "expected": {"logits": {"shape": [...], "values": [...]}}, "tolerance": 1e-5,
              "labels": [...], "parameter": "bert.embeddings.word_embeddings.weight"}, ...]
Prints one JSON line per case; the exit status is 1 when any case fails.
"""
import json
import sys

import torch


def outputs_of(model, ids, mask):
    with torch.no_grad():
        out = model(ids, mask)
    return out if isinstance(out, tuple) else (out,)


def check(case):
    extra = {"torchscript.json": ""}
    model = torch.jit.load(case["model"], map_location="cpu", _extra_files=extra)
    model.eval()
    metadata = json.loads(extra["torchscript.json"])
    names = [output["name"] for output in metadata["outputs"]]
    ids = torch.tensor(case["input_ids"], dtype=torch.long)
    mask = torch.tensor(case["attention_mask"], dtype=torch.long)
    outputs = outputs_of(model, ids, mask)

    difference, largest = 0.0, 1.0
    for name, actual in zip(names, outputs):
        want = case["expected"][name]
        expected = torch.tensor(want["values"], dtype=torch.float32).reshape(want["shape"])
        if tuple(actual.shape) != tuple(expected.shape):
            return {"passed": False, "reason": f"{name} has shape {tuple(actual.shape)}"}
        difference = max(difference, (actual.float() - expected).abs().max().item())
        largest = max(largest, expected.abs().max().item())

    # The most padded row alone, cut to its real tokens, must give what it gave in the batch.
    row = int(mask.sum(1).argmin())
    real = int(mask[row].sum())
    alone = outputs_of(model, ids[row:row + 1, :real], mask[row:row + 1, :real])
    padding = 0.0
    for batched, single in zip(outputs, alone):
        part = batched[row:row + 1]
        if part.dim() >= 2 and single.dim() >= 2 and part.shape[1] != single.shape[1]:
            part = part[:, :real]
        padding = max(padding, (part.float() - single.float()).abs().max().item())

    labels = list(model.labels) == case["labels"]
    parameter = case["parameter"] in dict(model.named_parameters())
    passed = (difference <= case["tolerance"] and padding <= 1e-4 * largest and labels
              and parameter and metadata["format"] == "torchscript")
    return {"passed": passed, "max_abs_difference": difference, "padding_difference": padding,
            "labels": labels, "parameter": parameter}


def main():
    with open(sys.argv[1], encoding="utf-8") as file:
        cases = json.load(file)
    failed = False
    for case in cases:
        try:
            result = check(case)
        except Exception as error:  # a failure to load or run is a failed case, with its reason
            result = {"passed": False, "reason": f"{type(error).__name__}: {error}"}
        result["model"] = case["model"]
        failed = failed or not result["passed"]
        print(json.dumps(result))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
