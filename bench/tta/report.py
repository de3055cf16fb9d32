#!/usr/bin/python3
"""The time-to-accuracy table from bench/tta/run.sh's results.jsonl.

    report.py RESULTS.jsonl --target 0.80 [--dataset finance|medical] [--settings TEXT]

Per system: seconds until the validation macro-F1 first reached the target (the median over
the rounds, and every round's), the final and the best macro-F1 (medians), total seconds, and
the ratio of its time to the Trainer's on PyTorch 2.x measured in the same rounds (with its
defaults, or with length grouping when only that ran).
"""
import argparse
import json
import statistics

NAMES = {"domaintune": "DomainTune (LibTorch 1.13, Debian)",
         "domaintune-t2": "DomainTune (LibTorch 2.x wheel)",
         "domaintune-bf16": "DomainTune (LibTorch 1.13), bf16",
         "domaintune-t2-bf16": "DomainTune (LibTorch 2.x), bf16",
         "domaintune-pack": "DomainTune (LibTorch 1.13), packing",
         "domaintune-t2-pack": "DomainTune (LibTorch 2.x), packing",
         "trainer-t2": "HF Trainer, PyTorch 2.x",
         "trainer-t2-grouped": "HF Trainer, PyTorch 2.x, length grouping on",
         "trainer-t113": "HF Trainer, PyTorch 1.13 (Debian)"}

parser = argparse.ArgumentParser()
parser.add_argument("results")
parser.add_argument("--target", type=float, required=True)
parser.add_argument("--settings", default="")
parser.add_argument("--dataset", choices=("finance", "medical"), default="finance")
args = parser.parse_args()

runs = [json.loads(line) for line in open(args.results) if line.strip()]
by_system = {}
for run in runs:
    # "score" (macro-F1 or entity F1); results written before NER was added say "f1_macro".
    scores = [e.get("score", e.get("f1_macro")) for e in run["evaluations"]]
    reached = [e["seconds"] for e, f1 in zip(run["evaluations"], scores) if f1 >= args.target]
    f1s = scores
    by_system.setdefault(run["system"], []).append({
        "reached": reached[0] if reached else None, "final": f1s[-1] if f1s else float("nan"),
        "best": max(f1s) if f1s else float("nan"), "seconds": run["seconds"],
        "versions": run.get("torch", "")})


def median_reached(entries):
    times = [e["reached"] for e in entries]
    return None if any(t is None for t in times) else statistics.median(times)


# The anchor: the Trainer on PyTorch 2.x with its defaults, else with its length grouping.
anchor_system = next((s for s in ("trainer-t2", "trainer-t2-grouped") if s in by_system), None)
anchor = median_reached(by_system[anchor_system]) if anchor_system else None
what = {"finance": "macro-F1 >= {:.2f}, Financial PhraseBank",
        "medical": "entity F1 >= {:.2f}, NCBI-disease (NER)"}[args.dataset]
print(f"Time to validation {what.format(args.target)}, all-MiniLM-L6-v2")
if args.settings:
    print(f"({args.settings})")
print()
print(f"| system | time to target (s) | rounds | vs {NAMES.get(anchor_system, 'anchor')} | "
      "final F1 | best F1 | total (s) |")
print("|---|---:|---|---:|---:|---:|---:|")
for system, entries in by_system.items():
    reached = median_reached(entries)
    rounds = ", ".join("never" if e["reached"] is None else f"{e['reached']:.0f}" for e in entries)
    ratio = f"{reached / anchor:.2f}x" if reached is not None and anchor else "-"
    print(f"| {NAMES.get(system, system)} | {'never' if reached is None else f'{reached:.0f}'} | "
          f"{rounds} | {ratio} | {statistics.median(e['final'] for e in entries):.3f} | "
          f"{statistics.median(e['best'] for e in entries):.3f} | "
          f"{statistics.median(e['seconds'] for e in entries):.0f} |")
