#!/usr/bin/python3
"""The classical baseline of the transfer study (Debian's python3-sklearn).

    baseline.py DATASET_DIR [--seed 42]

DATASET_DIR is one folder written by prepare.py. Classification: TF-IDF features (English:
word 1-2-grams; Chinese: character 1-3-grams) and a multinomial logistic regression.
NER: a per-token logistic regression over word features (the word, its lower case, prefix
and suffixes, shape, and the same for the neighbouring words), scored with entity-level F1
using seqeval's default (conlleval) chunking, as DomainTune's entityReport() does.
The regularisation strength C is chosen on the validation split; the test split is used
once, at the end. Prints one JSON line (the result) on stdout.
"""
import argparse
import json
import os
import sys
import time

from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score

from conll import read_conll

C_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)
SPLITS = ("train", "validation", "test")


def read_jsonl(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


# --- seqeval's default chunking, as core/train/metrics.cpp implements it ------------------
def split_tag(tag):
    if not tag:
        return "O", "_"
    rest = tag[1:]
    kind = rest.split("-", 1)[1] if "-" in rest else rest
    return tag[0], kind or "_"


def end_of_chunk(prev, tag, prev_type, kind):
    if prev in "ES":
        return True
    if prev in "BI" and tag in "BSO":
        return True
    return prev not in "O." and prev_type != kind


def start_of_chunk(prev, tag, prev_type, kind):
    if tag in "BS":
        return True
    if prev in "ESO" and tag in "EI":
        return True
    return tag not in "O." and prev_type != kind


def entities(sentences):
    tags = []
    for sentence in sentences:
        tags.extend(sentence)
        tags.append("O")
    tags.append("O")
    found, prev, prev_type, begin = [], "O", "", 0
    for i, raw in enumerate(tags):
        tag, kind = split_tag(raw)
        if end_of_chunk(prev, tag, prev_type, kind):
            found.append((prev_type, begin, i - 1))
        if start_of_chunk(prev, tag, prev_type, kind):
            begin = i
        prev, prev_type = tag, kind
    return set(found)


def entity_f1(truth, predicted):
    gold, guessed = entities(truth), entities(predicted)
    hits = len(gold & guessed)
    precision = hits / len(guessed) if guessed else 0.0
    recall = hits / len(gold) if gold else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


# --- features -------------------------------------------------------------------------------
def shape(word):
    out = []
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def word_features(tokens, i):
    word = tokens[i]
    lower = word.lower()
    features = {"bias": 1.0, "w=" + lower: 1.0, "shape=" + shape(word): 1.0,
                "p3=" + lower[:3]: 1.0, "s2=" + lower[-2:]: 1.0, "s3=" + lower[-3:]: 1.0,
                "s4=" + lower[-4:]: 1.0, "upper": float(word.isupper()),
                "title": float(word.istitle()), "digit": float(any(c.isdigit() for c in word)),
                "hyphen": float("-" in word)}
    for offset in (-2, -1, 1, 2):
        j = i + offset
        name = "BOS" if j < 0 else "EOS" if j >= len(tokens) else tokens[j].lower()
        features[f"w{offset:+d}={name}"] = 1.0
        if 0 <= j < len(tokens):
            features[f"s3{offset:+d}={tokens[j].lower()[-3:]}"] = 1.0
    return features


def token_rows(sentences):
    rows, tags = [], []
    for tokens, sentence_tags in sentences:
        rows.extend(word_features(tokens, i) for i in range(len(tokens)))
        tags.extend(sentence_tags)
    return rows, tags


def regroup(flat, sentences):
    out, start = [], 0
    for tokens, _ in sentences:
        out.append(list(flat[start:start + len(tokens)]))
        start += len(tokens)
    return out


def fit(c, x, y, seed):
    return LogisticRegression(C=c, solver="liblinear", max_iter=1000, random_state=seed).fit(x, y)


# --- the two tasks --------------------------------------------------------------------------
def classify(folder, meta, seed):
    train, validation, test = (read_jsonl(meta["files"][s]) for s in SPLITS)
    labels = sorted({e["label"] for e in train})
    chinese = meta.get("language") == "zh"
    start, cpu = time.perf_counter(), time.process_time()
    vectorizer = (TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True)
                  if chinese else
                  TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, lowercase=True))
    x_train = vectorizer.fit_transform(e["text"] for e in train)
    y_train = [e["label"] for e in train]
    x_validation = vectorizer.transform(e["text"] for e in validation)
    best = None
    for c in C_GRID:
        model = fit(c, x_train, y_train, seed)
        score = f1_score([e["label"] for e in validation], model.predict(x_validation),
                         labels=labels, average="macro", zero_division=0)
        if best is None or score > best[0]:
            best = (score, c, model)
    train_seconds = time.perf_counter() - start
    train_cpu_seconds = time.process_time() - cpu
    start = time.perf_counter()
    predicted = best[2].predict(vectorizer.transform(e["text"] for e in test))
    eval_seconds = time.perf_counter() - start
    truth = [e["label"] for e in test]
    return {"metric": "macro_f1",
            "value": f1_score(truth, predicted, labels=labels, average="macro", zero_division=0),
            "accuracy": accuracy_score(truth, predicted),
            "validation_value": best[0], "train_seconds": train_seconds,
            "train_cpu_seconds": train_cpu_seconds,
            "eval_seconds": eval_seconds,
            "settings": {"features": "tf-idf char 1-3-grams" if chinese
                         else "tf-idf word 1-2-grams, lower-cased", "sublinear_tf": True,
                         "classifier": "LogisticRegression (liblinear, one-vs-rest)",
                         "C": best[1], "C_grid": list(C_GRID), "vocabulary":
                         len(vectorizer.vocabulary_)}}


def tag(folder, meta, seed):
    train, validation, test = (read_conll(meta["files"][s]) for s in SPLITS)
    start, cpu = time.perf_counter(), time.process_time()
    vectorizer = DictVectorizer()
    rows, y_train = token_rows(train)
    x_train = vectorizer.fit_transform(rows)
    validation_rows, _ = token_rows(validation)
    x_validation = vectorizer.transform(validation_rows)
    best = None
    for c in C_GRID:
        model = fit(c, x_train, y_train, seed)
        score = entity_f1([t for _, t in validation],
                          regroup(model.predict(x_validation), validation))
        if best is None or score > best[0]:
            best = (score, c, model)
    train_seconds = time.perf_counter() - start
    train_cpu_seconds = time.process_time() - cpu
    start = time.perf_counter()
    test_rows, _ = token_rows(test)
    predicted = regroup(best[2].predict(vectorizer.transform(test_rows)), test)
    eval_seconds = time.perf_counter() - start
    truth = [t for _, t in test]
    flat_truth = [t for s in truth for t in s]
    flat_guess = [t for s in predicted for t in s]
    return {"metric": "entity_f1", "value": entity_f1(truth, predicted),
            "token_accuracy": accuracy_score(flat_truth, flat_guess),
            "validation_value": best[0], "train_seconds": train_seconds,
            "train_cpu_seconds": train_cpu_seconds,
            "eval_seconds": eval_seconds,
            "settings": {"features": "per-token: word, lower case, prefix 3, suffixes 2-4, "
                         "shape, capitalisation, digits, hyphen; words and suffixes at -2..+2",
                         "classifier": "LogisticRegression per token (liblinear, one-vs-rest), "
                         "tags predicted independently", "C": best[1], "C_grid": list(C_GRID),
                         "scoring": "entity F1, seqeval default chunking, micro over types",
                         "features_total": len(vectorizer.vocabulary_)}}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dataset_dir")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    with open(os.path.join(args.dataset_dir, "meta.json"), encoding="utf-8") as handle:
        meta = json.load(handle)
    run = tag if meta["task"] == "token-cls" else classify
    result = {"dataset": meta["dataset"], "task": meta["task"], "method": "tfidf-lr"}
    result.update(run(args.dataset_dir, meta, args.seed))
    result["examples"] = meta["counts"]
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())
