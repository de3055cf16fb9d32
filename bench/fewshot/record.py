#!/usr/bin/python3
"""One line of the few-shot study's results.jsonl, from what a method printed (stdin).

    record.py --method M --split SPLIT_DIR --seconds S < OUTPUT

OUTPUT is the method's JSON: baseline.py's or setfit_reference.py's result line, or
`domaintune-cli eval`'s metrics (f1_macro, accuracy), or {"error": ...}. The line names the
dataset, size and seed of the split, macro F1 and accuracy on its test file, and the wall time
of training plus evaluation.
"""
import argparse
import json
import os
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--method", required=True)
    parser.add_argument("--split", required=True)
    parser.add_argument("--seconds", type=float, required=True)
    args = parser.parse_args()
    with open(os.path.join(args.split, "meta.json"), encoding="utf-8") as handle:
        meta = json.load(handle)
    line = {"dataset": meta["dataset"], "per_class": meta["per_class"], "seed": meta["seed"],
            "method": args.method, "seconds": round(args.seconds, 1),
            "test_examples": meta["counts"]["test"]}
    text = sys.stdin.read()
    try:  # domaintune-cli prints indented JSON; the Python scripts one line after their logs
        output = json.loads(text)
    except json.JSONDecodeError:
        try:
            output = json.loads(text.strip().splitlines()[-1])
        except (json.JSONDecodeError, IndexError) as error:
            output = {"error": f"unreadable output: {error}"}
    if "error" in output:
        line["error"] = output["error"]
    elif "metrics" in output:  # domaintune-cli eval
        line["macro_f1"] = output["metrics"]["f1_macro"]
        line["accuracy"] = output["metrics"]["accuracy"]
    else:
        line["macro_f1"] = output["value"]
        line["accuracy"] = output["accuracy"]
    print(json.dumps(line))


if __name__ == "__main__":
    main()
