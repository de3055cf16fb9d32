#!/usr/bin/python3
"""Turns one DomainTune run of the transfer study into its results.jsonl line.

    record.py --dataset-dir D --method M [--settings RUN_JSON] [--train-json F]
              [--train-seconds S --train-cpu-seconds S] [--eval-json F --eval-seconds S]
              [--dapt-json F --dapt-seconds S --dapt-cpu-seconds S] [--error TEXT]

Reads the JSON that `domaintune-cli train` and `eval` printed and prints one line: dataset,
task, method, metric (macro_f1 or entity_f1), value (on the held-out test split),
train_seconds and train_cpu_seconds (wall clock and user + system time of `train`, plus the
masked-LM pretraining for DAPT),
eval_seconds, examples and settings. A failed step gives "value": null and "error".
"""
import argparse
import json
import math
import os


def load(path):
    if not path or not os.path.exists(path) or os.path.getsize(path) == 0:
        return None
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dataset-dir", required=True)
    parser.add_argument("--method", required=True)
    parser.add_argument("--settings")
    parser.add_argument("--train-json")
    parser.add_argument("--train-seconds", type=float, default=0.0)
    parser.add_argument("--train-cpu-seconds", type=float, default=0.0)
    parser.add_argument("--eval-json")
    parser.add_argument("--eval-seconds", type=float, default=0.0)
    parser.add_argument("--dapt-json")
    parser.add_argument("--dapt-seconds", type=float, default=0.0)
    parser.add_argument("--dapt-cpu-seconds", type=float, default=0.0)
    parser.add_argument("--error")
    args = parser.parse_args()
    meta = load(os.path.join(args.dataset_dir, "meta.json"))
    settings = load(args.settings) or {}
    line = {"dataset": meta["dataset"], "task": meta["task"], "method": args.method,
            "metric": meta["metric"], "value": None,
            "train_seconds": args.train_seconds + args.dapt_seconds,
            "train_cpu_seconds": args.train_cpu_seconds + args.dapt_cpu_seconds,
            "eval_seconds": args.eval_seconds, "examples": meta["counts"],
            "settings": settings}
    trained, evaluated, dapt = load(args.train_json), load(args.eval_json), load(args.dapt_json)
    if trained:
        line["steps"] = trained.get("steps")
        line["validation_metrics"] = trained.get("best_metrics")
    if dapt:
        line["dapt"] = {"seconds": args.dapt_seconds, "cpu_seconds": args.dapt_cpu_seconds,
                        "steps": dapt.get("steps"),
                        "validation_metrics": dapt.get("best_metrics")}
    error = args.error
    if evaluated and not error:
        metrics = evaluated.get("metrics", {})
        key = "f1" if meta["task"] == "token-cls" else "f1_macro"
        value = metrics.get(key)
        if isinstance(value, (int, float)) and math.isfinite(value):
            line["value"] = value
            line["accuracy" if key == "f1_macro" else "token_accuracy"] = metrics.get(
                "accuracy" if key == "f1_macro" else "token_accuracy")
            line["test_examples_scored"] = evaluated.get("examples")
        else:
            error = f"eval printed no finite {key}"
    elif not error:
        error = "no evaluation"
    if error:
        line["error"] = error
    print(json.dumps(line, ensure_ascii=False))


if __name__ == "__main__":
    main()
