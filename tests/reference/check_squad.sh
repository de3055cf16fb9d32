#!/usr/bin/env bash
# The exact match and F1 that `domaintune-cli eval --task qa` reports equal those of
# transformers' squad_metrics (the official SQuAD v2 script's rules) on the predictions eval
# writes (--predictions), for a tiny BERT QA model trained for a few steps on SQuAD v1 and v2
# data (questions without an answer included). Skips (exit 77) without the reference virtualenv.
# Usage: check_squad.sh SOURCE_DIR DOMAINTUNE_CLI [VENV_DIR]
set -euo pipefail
source_dir=${1:?usage: check_squad.sh SOURCE_DIR DOMAINTUNE_CLI [VENV_DIR]}
cli=${2:?usage: check_squad.sh SOURCE_DIR DOMAINTUNE_CLI [VENV_DIR]}
venv=${3:-${XDG_CACHE_HOME:-$HOME/.cache}/domaintune/reference-venv}
python="$venv/bin/python"
if [ ! -x "$python" ] || ! "$python" -c 'import transformers' 2>/dev/null; then
    echo "SKIP: no reference virtualenv at $venv (tests/reference/setup-venv.sh)"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$source_dir/tests/reference/tinymodel.sh"
tiny_model "$source_dir" bert-qa "$work/base" what did why
# Contexts of the tiny vocabulary's words; some questions have no answer (SQuAD v2).
"$python" - "$work" <<'PY'
import json, random, sys
work = sys.argv[1]
rng = random.Random(7)
words = ["the", "bank", "cut", "rates", "shares", "fell", "down", "good", "bad", "loss"] + \
    ["w%d" % i for i in range(21, 40)]
for name, version, count in (("v1", 1, 40), ("v2", 2, 40)):
    paragraphs = []
    for p in range(count):
        before = " ".join(rng.choice(words) for _ in range(rng.randint(3, 30)))
        after = " ".join(rng.choice(words) for _ in range(rng.randint(3, 30)))
        answer = rng.choice(["profit rose up", "loss fell", "rates cut"])
        context = before + " " + answer + " " + after
        qas = []
        for q in range(2):
            qid = "%s-%d-%d" % (name, p, q)
            if version == 2 and q == 1:
                qas.append({"id": qid, "question": "why did w40", "answers": [],
                            "is_impossible": True})
            else:
                qas.append({"id": qid, "question": "what did " + answer.split()[0],
                            "answers": [{"text": answer, "answer_start": len(before) + 1}]})
        paragraphs.append({"context": context, "qas": qas})
    json.dump({"version": name, "data": [{"title": name, "paragraphs": paragraphs}]},
              open("%s/%s.json" % (work, name), "w"))
PY
for version in v1 v2; do
    "$cli" train --model "$work/base" --task qa --train "$work/$version.json" \
        --output "$work/run-$version" --max-steps 150 --batch-size 8 --max-length 32 \
        --learning-rate 0.01 --threads 1 --no-history >/dev/null 2>"$work/train.log" ||
        { cat "$work/train.log"; exit 1; }
    "$cli" eval --model "$work/run-$version/model" --task qa --data "$work/$version.json" \
        --max-length 32 --predictions "$work/$version-predictions.jsonl" >"$work/$version-eval.json"
done
"$python" - "$work" <<'PY'
import json, sys
from transformers.data.metrics import squad_metrics
from transformers.data.processors.squad import SquadExample
work = sys.argv[1]
for version in ("v1", "v2"):
    data = json.load(open("%s/%s.json" % (work, version)))
    examples = [SquadExample(qa["id"], qa["question"], p["context"], None, None, "t",
                             answers=qa["answers"], is_impossible=not qa["answers"])
                for p in data["data"][0]["paragraphs"] for qa in p["qas"]]
    rows = [json.loads(line) for line in open("%s/%s-predictions.jsonl" % (work, version))]
    assert len(rows) == len(examples), "one prediction per question"
    contexts = {qa["id"]: p["context"] for p in data["data"][0]["paragraphs"] for qa in p["qas"]}
    for row in rows:  # start/end are character offsets of the text in the context
        if row["start"] >= 0:
            assert contexts[row["id"]][row["start"]:row["end"]] == row["prediction_text"], row
        assert 0 <= row["score"] <= 1, row
    theirs = squad_metrics.squad_evaluate(examples, {r["id"]: r["prediction_text"] for r in rows})
    ours = json.load(open("%s/%s-eval.json" % (work, version)))["metrics"]
    for ours_name, their_name in (("exact_match", "exact"), ("f1", "f1")):
        assert abs(ours[ours_name] - theirs[their_name]) < 1e-9, \
            "%s %s: ours %r, squad_metrics %r" % (version, ours_name, ours[ours_name],
                                                  theirs[their_name])
    empty = sum(1 for r in rows if r["prediction_text"] == "")
    print("squad %s: EM %.2f F1 %.2f equal squad_metrics (%d questions, %d answered nothing)"
          % (version, ours["exact_match"], ours["f1"], len(rows), empty))
PY
