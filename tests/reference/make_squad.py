#!/usr/bin/env python3
"""SQuAD exact-match and F1 computed by transformers' squad_metrics (adapted from the official
SQuAD v2.0 evaluation script), for testquestionanswering's metric parity.

    ~/.cache/domaintune/reference-venv/bin/python tests/reference/make_squad.py [OUT]

Writes tests/reference/squad/metric_cases.json: for each (prediction, gold answers) case the
exact match and F1 (0/1 and 0..1 per question, as compute_exact/compute_f1 with the v2 rule for
gold answers that normalise to nothing), plus the totals of squad_evaluate over all cases.
Hand-written cases cover articles, punctuation, case, Unicode letters next to articles, white
space, no-answer questions; seeded random strings cover the rest.
"""
import json
import os
import random
import sys

import transformers
from transformers.data.metrics import squad_metrics

HERE = os.path.dirname(os.path.abspath(__file__))

HAND = [
    ("the Cat.", ["dog", "cat"]),
    ("black cat", ["cat"]),
    ("the cat sat", ["cat sat on mat"]),
    ("up up up", ["up down"]),
    ("An apple a day", ["apple day"]),
    ("anthem", ["them"]),
    ("A-the", ["the a"]),
    ("théâtre the", ["théâtre"]),
    ("the€ value", ["€ value"]),
    ("a_the", ["a_the"]),
    ("ΣΑΣ", ["σας"]),
    ("İstanbul", ["i̇stanbul"]),
    ("", []),
    ("the", []),
    ("something", []),
    ("", ["the answer"]),
    ("", ["the"]),
    ("an", ["a"]),
    ("5 mg/kg", ["5 mgkg"]),
    ("5\u00a0mg", ["5 mg"]),
    ("剂量 每日 两次", ["剂量 每日"]),
    ("每日两次", ["每日两次。"]),
    ("Section 2(b)", ["section 2b", "Section 3"]),
    ("\u3000spaced\u3000out\u3000", ["spaced out"]),
    ("tab\tand\nnewline", ["tab and newline"]),
    ("The Court's ruling", ["courts ruling"]),
    ("a a a", ["a"]),
    ("ＴＨＥ answer", ["answer"]),
]

ALPHABET = list("the an a xyz,.;:!?'\"-()  \t\u00a0\u3000ÄäÉéΣσς日本の剂量_0123456789€$%")


def random_text(rng):
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 14)))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "squad", "metric_cases.json")
    rng = random.Random(20261206)
    cases = list(HAND)
    for _ in range(150):
        golds = [random_text(rng) for _ in range(rng.randint(0, 3))]
        prediction = rng.choice(golds + [random_text(rng)]) if golds and rng.random() < 0.3 \
            else random_text(rng)
        cases.append((prediction, golds))
    rows, examples, preds = [], [], {}
    for i, (prediction, golds) in enumerate(cases):
        kept = [g for g in golds if squad_metrics.normalize_answer(g)] or [""]
        rows.append({"prediction": prediction, "answers": golds,
                     "exact": max(squad_metrics.compute_exact(g, prediction) for g in kept),
                     "f1": max(squad_metrics.compute_f1(g, prediction) for g in kept)})
        qid = "q%d" % i
        examples.append(transformers.data.processors.squad.SquadExample(
            qas_id=qid, question_text="q", context_text="c", answer_text=None,
            start_position_character=None, title="t",
            answers=[{"text": g} for g in golds], is_impossible=not golds))
        preds[qid] = prediction
    totals = squad_metrics.squad_evaluate(examples, preds)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"generated_by": "tests/reference/make_squad.py",
                   "reference": "transformers.data.metrics.squad_metrics",
                   "versions": {"transformers": transformers.__version__},
                   "totals": {"exact": totals["exact"], "f1": totals["f1"]},
                   "cases": rows}, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
