#!/usr/bin/python3
"""The few-shot study's table: macro F1 on the test split, mean ± sample standard deviation
over the seeds, per dataset, examples per class and method (Markdown on stdout).

    report.py RESULTS.jsonl [MORE.jsonl ...]
"""
import collections
import json
import statistics
import sys

ORDER = ["setfit", "setfit-python", "fine-tune", "tfidf-lr"]
TITLES = {"setfit": "DomainTune few-shot (SetFit)", "setfit-python": "setfit 1.0.3 (Python)",
          "fine-tune": "DomainTune standard fine-tuning", "tfidf-lr": "TF-IDF + LR"}


def cell(values):
    if not values:
        return "—"
    if len(values) == 1:
        return f"{values[0]:.3f}"
    return f"{statistics.mean(values):.3f} ± {statistics.stdev(values):.3f}"


def main():
    rows = [json.loads(line) for path in sys.argv[1:]
            for line in open(path, encoding="utf-8") if line.strip()]
    scores = collections.defaultdict(list)
    seconds = collections.defaultdict(list)
    errors = []
    for row in rows:
        key = (row["dataset"], row["per_class"], row["method"])
        if "error" in row:
            errors.append(f"{key}: {row['error']}")
            continue
        scores[key].append(row["macro_f1"])
        seconds[key].append(row["seconds"])
    datasets = sorted({r["dataset"] for r in rows})
    sizes = sorted({r["per_class"] for r in rows})
    methods = [m for m in ORDER if any(r["method"] == m for r in rows)]
    seeds = sorted({r["seed"] for r in rows})
    print(f"Macro F1 on the test split, mean ± sd over seeds {', '.join(map(str, seeds))}.\n")
    for dataset in datasets:
        print(f"**{dataset}**\n")
        print("| method | " + " | ".join(f"{k} per class" for k in sizes) +
              " | seconds, at its largest size |")
        print("|---|" + "---|" * (len(sizes) + 1))
        for method in methods:
            values = [cell(scores[(dataset, k, method)]) for k in sizes]
            ran = [k for k in sizes if seconds[(dataset, k, method)]]
            time = (f"{statistics.mean(seconds[(dataset, ran[-1], method)]):.0f} ({ran[-1]})"
                    if ran else "—")
            print(f"| {TITLES.get(method, method)} | " + " | ".join(values) + f" | {time} |")
        print()
    for error in errors:
        print(f"- failed: {error}")


if __name__ == "__main__":
    main()
