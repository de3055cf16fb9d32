#!/usr/bin/python3
"""Draws one few-shot split from a transfer-study dataset folder (bench/transfer/prepare.py).

    sample.py --data DATA/finance --out OUT/finance-8-1 --per-class 8 --seed 1 [--classes N]

Training and validation: --per-class examples of each class, drawn with --seed from the
folder's training and validation splits (a few-shot user has few labels for both; all of a
class where the validation split has fewer). Test: every
test example of those classes, the same for every size and seed. --classes N keeps the N most
frequent classes of the training split (CUAD has 21 clause types, some with fewer than 64
examples). Writes train.jsonl, validation.jsonl, test.jsonl and meta.json in the form
bench/transfer/baseline.py reads.
"""
import argparse
import collections
import json
import os
import random


def read_jsonl(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def per_class(examples, labels, k, rng, at_most=False):
    chosen = []
    for label in labels:
        pool = [e for e in examples if e["label"] == label]
        if len(pool) < k and not at_most:
            raise SystemExit(f"only {len(pool)} examples of {label!r}; --per-class {k} needs more")
        chosen += rng.sample(pool, min(k, len(pool)))
    rng.shuffle(chosen)
    return chosen


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--per-class", type=int, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--classes", type=int, default=0)
    args = parser.parse_args()
    with open(os.path.join(args.data, "meta.json"), encoding="utf-8") as handle:
        meta = json.load(handle)
    train = read_jsonl(os.path.join(args.data, "train.jsonl"))
    counts = collections.Counter(e["label"] for e in train)
    labels = sorted(label for label, _ in counts.most_common(args.classes or None))
    rng = random.Random(args.seed)
    splits = {"train": per_class(train, labels, args.per_class, rng),
              # all of a class where the validation split has fewer (PhraseBank: 60 negative)
              "validation": per_class(read_jsonl(os.path.join(args.data, "validation.jsonl")),
                                      labels, args.per_class, rng, at_most=True),
              "test": [e for e in read_jsonl(os.path.join(args.data, "test.jsonl"))
                       if e["label"] in labels]}
    os.makedirs(args.out, exist_ok=True)
    files = {}
    for name, examples in splits.items():
        files[name] = os.path.join(os.path.abspath(args.out), name + ".jsonl")
        with open(files[name], "w", encoding="utf-8") as handle:
            for example in examples:
                handle.write(json.dumps({"text": example["text"], "label": example["label"]},
                                        ensure_ascii=False) + "\n")
    out = {"dataset": meta["dataset"], "task": "seq-cls", "metric": "macro_f1",
           "language": meta.get("language", "en"), "per_class": args.per_class,
           "seed": args.seed, "labels": labels, "files": files,
           "counts": {name: len(examples) for name, examples in splits.items()},
           "source": os.path.abspath(args.data)}
    with open(os.path.join(args.out, "meta.json"), "w", encoding="utf-8") as handle:
        json.dump(out, handle, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
