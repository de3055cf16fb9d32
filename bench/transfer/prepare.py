#!/usr/bin/python3
"""Turns the shared corpora into the fixed splits every method of the transfer study uses.

    prepare.py --shared ../shared/data --out build/transfer/data [--train 2000]
               [--validation 500] [--test 1000] [--dapt 2000] [--seed 42] [--datasets a,b]

For each dataset it writes OUT/NAME/train, validation and test (JSONL {"text","label"} for
classification, CoNLL "token<TAB>tag" for NER), dapt-train.jsonl (texts of the training
pool, labels dropped, at most --dapt of them: the unlabelled in-domain text for
domain-adaptive masked-LM pretraining; a superset of the labelled training sample, never a
validation or test text), dapt-validation.jsonl (the validation texts) and meta.json (task,
metric, sources, counts, labels). The test split is
disjoint from training and validation (the datasets' own test files, or a seeded
stratified / per-contract hold-out), and identical for every method. Nothing is copied into
the repository: OUT is a build folder.

Exit status 2 names the missing file when the shared data is absent.
"""
import argparse
import ast
import collections
import csv
import json
import os
import random
import sys

from conll import read_conll

DATASETS = ("finance", "medical", "legal", "zh")

# CUAD categories whose "clauses" are names, titles or dates rather than contract clauses.
CUAD_NOT_CLAUSES = {"Document Name", "Parties"}
CUAD_MIN_PER_CATEGORY = 100


class Missing(Exception):
    pass


def need(path):
    if not os.path.exists(path):
        raise Missing(path)
    return path


def stratified_partition(items, label_of, fractions, rng):
    """Splits items per label into consecutive parts of the given fractions (test first)."""
    by_label = collections.defaultdict(list)
    for item in items:
        by_label[label_of(item)].append(item)
    parts = [[] for _ in fractions]
    for label in sorted(by_label):
        group = by_label[label]
        rng.shuffle(group)
        start = 0
        for index, fraction in enumerate(fractions):
            last = index == len(fractions) - 1
            end = len(group) if last else start + round(len(group) * fraction)
            parts[index].extend(group[start:end])
            start = end
    for part in parts:
        rng.shuffle(part)
    return parts


def unique(items):
    """Keeps the first example of each text (a repeated sentence must not sit on both sides
    of a split)."""
    seen, out = set(), []
    for item in items:
        if item["text"] not in seen:
            seen.add(item["text"])
            out.append(item)
    return out


def cap(items, limit, rng):
    items = list(items)
    rng.shuffle(items)
    return items[:limit] if limit > 0 else items


def with_dapt(made, limit, rng):
    """Adds made["dapt"]: the labelled training sample plus more texts of the training pool,
    up to limit in all (the sample first, so DAPT sees every text the classifier sees)."""
    pool = made.pop("pool")
    chosen = list(made["splits"]["train"])
    taken = {id(item) for item in chosen}
    rest = [item for item in pool if id(item) not in taken]
    extra = limit - len(chosen)
    made["dapt"] = chosen + (cap(rest, extra, rng) if extra > 0 else [])
    return made


def finance(shared, sizes, rng):
    path = need(os.path.join(shared, "finance", "financial-phrasebank.csv"))
    with open(path, encoding="latin-1", newline="") as handle:  # shared/README.md: latin-1
        rows = unique([{"text": r["content"].strip(), "label": r["label"].strip()}
                       for r in csv.DictReader(handle)])
    test, validation, train = stratified_partition(rows, lambda r: r["label"], (0.2, 0.1, 0.7),
                                                   rng)
    return {"task": "seq-cls", "metric": "macro_f1", "language": "en",
            "sources": [path], "split_rule": "exact duplicate sentences dropped; stratified "
            "by label: 20 % test, 10 % validation, 70 % training pool (seeded), then capped",
            "splits": {"train": cap(train, sizes["train"], rng),
                       "validation": cap(validation, sizes["validation"], rng),
                       "test": cap(test, sizes["test"], rng)},
            "pool": train}


def medical(shared, sizes, rng):
    base = os.path.join(shared, "medical", "ncbi-disease")
    paths = {split: need(os.path.join(base, name)) for split, name in
             (("train", "train.tsv"), ("validation", "devel.tsv"), ("test", "test.tsv"))}
    pools = {split: [{"tokens": tokens, "tags": tags} for tokens, tags in read_conll(path)]
             for split, path in paths.items()}
    splits = {split: cap(pool, sizes[split], rng) for split, pool in pools.items()}
    return {"task": "token-cls", "metric": "entity_f1", "language": "en",
            "sources": list(paths.values()),
            "split_rule": "the corpus's own train/devel/test files, sentences sampled (seeded)",
            "splits": splits, "pool": pools["train"]}


def cuad_clauses(path):
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    columns = [i for i, name in enumerate(header)
               if i > 0 and not name.replace(" ", "").endswith("-Answer")
               and name not in CUAD_NOT_CLAUSES]
    categories_of = collections.defaultdict(set)
    contract_of = {}
    for row in rows[1:]:
        for i in columns:
            cell = row[i].strip()
            if not cell or cell == "[]":
                continue
            for text in ast.literal_eval(cell):
                text = " ".join(text.split())
                if text:
                    categories_of[text].add(header[i])
                    contract_of.setdefault(text, row[0])
    # A snippet filed under two categories has no single right answer: leave it out.
    clauses = [{"text": t, "label": next(iter(c)), "contract": contract_of[t]}
               for t, c in categories_of.items() if len(c) == 1]
    counts = collections.Counter(c["label"] for c in clauses)
    return [c for c in clauses if counts[c["label"]] >= CUAD_MIN_PER_CATEGORY]


def legal(shared, sizes, rng):
    path = need(os.path.join(shared, "legal", "cuad-master-clauses.csv"))
    clauses = cuad_clauses(path)
    contracts = sorted({c["contract"] for c in clauses})
    rng.shuffle(contracts)
    n = len(contracts)
    part_of = {name: ("test" if i < n * 0.2 else "validation" if i < n * 0.3 else "train")
               for i, name in enumerate(contracts)}
    splits = {split: [] for split in ("train", "validation", "test")}
    for clause in sorted(clauses, key=lambda c: (c["contract"], c["text"])):
        splits[part_of[clause["contract"]]].append({"text": clause["text"],
                                                    "label": clause["label"]})
    pool = splits["train"]
    splits = {split: cap(items, sizes[split], rng) for split, items in splits.items()}
    known = {e["label"] for e in splits["train"]}
    for split in ("validation", "test"):  # a class the model never saw cannot be scored
        splits[split] = [e for e in splits[split] if e["label"] in known]
    return {"task": "seq-cls", "metric": "macro_f1", "language": "en", "sources": [path],
            "split_rule": "clause snippets of the master-clauses CSV labelled by category "
            "(snippets under two categories dropped; Document Name and Parties dropped; "
            f"categories with >= {CUAD_MIN_PER_CATEGORY} snippets); split by contract: 20 % "
            "of contracts test, 10 % validation, 70 % training pool (seeded), then capped",
            "splits": splits, "pool": pool}


def zh(shared, sizes, rng):
    base = os.path.join(shared, "zh", "thucnews-titles")
    with open(need(os.path.join(base, "class.txt")), encoding="utf-8") as handle:
        names = [line.strip() for line in handle if line.strip()]

    def read(name):
        out = []
        with open(need(os.path.join(base, name)), encoding="utf-8") as handle:
            for line in handle:
                text, _, label = line.rstrip("\n").rpartition("\t")
                if text:
                    out.append({"text": text.strip(), "label": names[int(label)]})
        return out

    pool = unique(read("dev.txt"))
    seen = {e["text"] for e in pool}
    test = [e for e in unique(read("test.txt")) if e["text"] not in seen]
    validation, train = stratified_partition(pool, lambda r: r["label"], (0.1, 0.9), rng)
    return {"task": "seq-cls", "metric": "macro_f1", "language": "zh",
            "sources": [os.path.join(base, n) for n in ("dev.txt", "test.txt", "class.txt")],
            "split_rule": "training pool and validation (10 %, stratified) from dev.txt; "
            "test from test.txt; duplicate titles dropped; seeded samples",
            "splits": {"train": cap(train, sizes["train"], rng),
                       "validation": cap(validation, sizes["validation"], rng),
                       "test": cap(test, sizes["test"], rng)},
            "pool": train}


def write_split(folder, split, task, items):
    if task == "token-cls":
        path = os.path.join(folder, split + ".conll")
        with open(path, "w", encoding="utf-8") as out:
            for sentence in items:
                for token, tag in zip(sentence["tokens"], sentence["tags"]):
                    out.write(f"{token}\t{tag}\n")
                out.write("\n")
        return path
    path = os.path.join(folder, split + ".jsonl")
    with open(path, "w", encoding="utf-8") as out:
        for item in items:
            out.write(json.dumps({"text": item["text"], "label": item["label"]},
                                 ensure_ascii=False) + "\n")
    return path


def write_dapt(folder, split, task, items):
    path = os.path.join(folder, f"dapt-{split}.jsonl")
    with open(path, "w", encoding="utf-8") as out:
        for item in items:
            text = " ".join(item["tokens"]) if task == "token-cls" else item["text"]
            out.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", required=True, help="the shared data folder (../shared/data)")
    parser.add_argument("--out", required=True)
    parser.add_argument("--train", type=int, default=2000)
    parser.add_argument("--validation", type=int, default=500)
    parser.add_argument("--test", type=int, default=1000)
    parser.add_argument("--dapt", type=int, default=2000,
                        help="unlabelled training-pool texts for domain-adaptive pretraining")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--datasets", default=",".join(DATASETS))
    args = parser.parse_args()
    sizes = {"train": args.train, "validation": args.validation, "test": args.test,
             "dapt": args.dapt}
    makers = {"finance": finance, "medical": medical, "legal": legal, "zh": zh}
    for name in args.datasets.split(","):
        if name not in makers:
            sys.exit(f"prepare.py: unknown dataset {name!r}; choose from {', '.join(DATASETS)}")
        try:
            rng = random.Random(args.seed)
            made = with_dapt(makers[name](args.shared, sizes, rng), sizes["dapt"], rng)
        except Missing as missing:
            print(f"prepare.py: the shared data file {missing} is missing; the study reads "
                  "the corpora from ../shared/data (see shared/README.md)", file=sys.stderr)
            sys.exit(2)
        folder = os.path.join(args.out, name)
        os.makedirs(folder, exist_ok=True)
        files = {split: write_split(folder, split, made["task"], items)
                 for split, items in made["splits"].items()}
        files["dapt-train"] = write_dapt(folder, "train", made["task"], made["dapt"])
        files["dapt-validation"] = write_dapt(folder, "validation", made["task"],
                                              made["splits"]["validation"])
        items = made["splits"]
        source = items["train"] if made["task"] != "token-cls" else []
        meta = {key: made[key] for key in ("task", "metric", "language", "sources", "split_rule")}
        meta["dataset"] = name
        meta["seed"] = args.seed
        meta["files"] = files
        meta["counts"] = {split: len(v) for split, v in items.items()}
        meta["counts"]["dapt"] = len(made["dapt"])
        meta["labels"] = dict(sorted(collections.Counter(e["label"] for e in source).items()))
        if made["task"] == "token-cls":
            meta["tags"] = dict(sorted(collections.Counter(
                t for e in items["train"] for t in e["tags"]).items()))
        with open(os.path.join(folder, "meta.json"), "w", encoding="utf-8") as out:
            json.dump(meta, out, ensure_ascii=False, indent=1)
        print(f"{name}: {meta['counts']}", file=sys.stderr)


if __name__ == "__main__":
    main()
