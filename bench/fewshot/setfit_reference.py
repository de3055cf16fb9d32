#!/usr/bin/env python3
"""The reference: SetFit itself (the setfit package from PyPI) on one few-shot split.

    ~/.cache/domaintune/reference-venv/bin/python setfit_reference.py SPLIT_DIR --model DIR
        [--seed 1] [--iterations 20] [--epochs 1] [--batch-size 16] [--max-length 64]
        [--learning-rate 2e-5] [--threads N]

SPLIT_DIR is a folder written by sample.py; --model a sentence-transformers folder (the same
all-MiniLM-L6-v2 snapshot DomainTune trains). SetFit's defaults otherwise: cosine-similarity
loss, logistic-regression head, 10 % warm-up. Prints one JSON line: macro F1 and accuracy on
the split's test file, and the training time.
"""
import argparse
import json
import os
import time


def read_jsonl(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("split")
    parser.add_argument("--model", required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--iterations", type=int, default=20)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--max-length", type=int, default=64)
    parser.add_argument("--learning-rate", type=float, default=2e-5)
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args()

    import torch
    if args.threads:
        torch.set_num_threads(args.threads)
    from datasets import Dataset
    from setfit import SetFitModel, Trainer, TrainingArguments
    from sklearn.metrics import accuracy_score, f1_score

    with open(os.path.join(args.split, "meta.json"), encoding="utf-8") as handle:
        meta = json.load(handle)
    labels = meta["labels"]
    train = read_jsonl(meta["files"]["train"])
    test = read_jsonl(meta["files"]["test"])
    ids = {label: i for i, label in enumerate(labels)}
    dataset = Dataset.from_dict({"text": [e["text"] for e in train],
                                 "label": [ids[e["label"]] for e in train]})
    start = time.perf_counter()
    model = SetFitModel.from_pretrained(args.model)
    training = TrainingArguments(batch_size=args.batch_size, num_epochs=args.epochs,
                                 num_iterations=args.iterations, seed=args.seed,
                                 body_learning_rate=args.learning_rate,
                                 max_length=args.max_length, show_progress_bar=False,
                                 report_to="none")
    trainer = Trainer(model=model, args=training, train_dataset=dataset)
    trainer.train()
    train_seconds = time.perf_counter() - start
    predicted = [int(p) for p in model.predict([e["text"] for e in test])]
    truth = [ids[e["label"]] for e in test]
    print(json.dumps({"dataset": meta["dataset"], "method": "setfit-python",
                      "per_class": meta["per_class"], "seed": meta["seed"],
                      "metric": "macro_f1",
                      "value": f1_score(truth, predicted, average="macro", zero_division=0),
                      "accuracy": accuracy_score(truth, predicted),
                      "train_seconds": train_seconds,
                      "settings": {"iterations": args.iterations, "epochs": args.epochs,
                                   "batch_size": args.batch_size, "max_length": args.max_length,
                                   "learning_rate": args.learning_rate}}))


if __name__ == "__main__":
    main()
