"""The anchor of the time-to-accuracy benchmark: Hugging Face's Trainer fine-tuning the same
model on the same splits with the same settings as DomainTune's run (bench/tta/run.sh).

    hf_trainer.py --model DIR --train F.jsonl --validation F.jsonl --out F.json [--task seq-cls]
                  [--max-length 128] [--batch 32] [--epochs 3] [--lr 1e-4] [--warmup 0.1]
                  [--weight-decay 0.01] [--seed 42] [--threads 2] [--eval-steps N]
                  [--launched EPOCH_SECONDS] [--group-by-length]

Runs under any interpreter with torch and transformers (bench/tta/venv.sh makes one with
PyTorch 2.x; Debian's python3 with the reference virtualenv gives PyTorch 1.13). Writes
{"torch", "transformers", "evaluations": [{"step", "seconds", "score", ...}], ...}: the score is
the macro-F1 for seq-cls (JSONL text/label) and the entity-level F1 (exact BIO spans, micro,
as seqeval and DomainTune count it) for token-cls (CoNLL token<TAB>tag, blank line between
sentences; labels on each word's first sub-token, as DomainTune does)
where seconds count from --launched (the shell's clock when it started this process), so the
interpreter's start-up, imports and model loading count as they do for DomainTune.
"""
import argparse
import json
import os
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument("--model", required=True)
parser.add_argument("--train", required=True)
parser.add_argument("--validation", required=True)
parser.add_argument("--out", required=True)
parser.add_argument("--task", choices=("seq-cls", "token-cls"), default="seq-cls")
parser.add_argument("--max-length", type=int, default=128)
parser.add_argument("--batch", type=int, default=32)
parser.add_argument("--epochs", type=int, default=3)
parser.add_argument("--lr", type=float, default=1e-4)
parser.add_argument("--warmup", type=float, default=0.1)
parser.add_argument("--weight-decay", type=float, default=0.01)
parser.add_argument("--seed", type=int, default=42)
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--eval-steps", type=int, default=0)
parser.add_argument("--launched", type=float, default=time.time())
parser.add_argument("--group-by-length", action="store_true",
                    help="the Trainer's group_by_length (off by default there, on in DomainTune)")
args = parser.parse_args()

import numpy as np

# The transfer study's CoNLL reader (the splits come from its prepare.py).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "transfer"))
from conll import read_conll  # noqa: E402
import torch
import transformers
from transformers import (AutoModelForSequenceClassification, AutoModelForTokenClassification,
                          AutoTokenizer, DataCollatorForTokenClassification,
                          DataCollatorWithPadding, Trainer, TrainerCallback, TrainingArguments)

torch.set_num_threads(args.threads)
transformers.logging.set_verbosity_error()


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


tokenizer = AutoTokenizer.from_pretrained(args.model)
if args.task == "seq-cls":
    train_rows, validation_rows = read_jsonl(args.train), read_jsonl(args.validation)
    labels = sorted({row["label"] for row in train_rows})
else:
    train_rows, validation_rows = ([{"words": words, "tags": tags} for words, tags in
                                    read_conll(path)] for path in (args.train, args.validation))
    labels = sorted({tag for row in train_rows for tag in row["tags"]})
label_id = {label: i for i, label in enumerate(labels)}


class Rows(torch.utils.data.Dataset):
    def __init__(self, rows):
        if args.task == "seq-cls":
            self.encodings = tokenizer([row["text"] for row in rows], truncation=True,
                                       max_length=args.max_length)
            self.labels = [label_id[row["label"]] for row in rows]
            return
        self.encodings = tokenizer([row["words"] for row in rows], is_split_into_words=True,
                                   truncation=True, max_length=args.max_length)
        self.labels = []
        for i, row in enumerate(rows):
            previous, tags = None, []
            for word in self.encodings.word_ids(i):
                first = word is not None and word != previous
                tags.append(label_id[row["tags"][word]] if first else -100)
                previous = word
            self.labels.append(tags)

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        item = {key: values[i] for key, values in self.encodings.items()}
        item["labels"] = self.labels[i]
        return item


model_class = (AutoModelForSequenceClassification if args.task == "seq-cls"
               else AutoModelForTokenClassification)
model = model_class.from_pretrained(
    args.model, num_labels=len(labels), id2label=dict(enumerate(labels)), label2id=label_id)


def macro_f1(prediction):
    predicted = np.argmax(prediction.predictions, axis=-1)
    truth = prediction.label_ids
    f1s = []
    for c in range(len(labels)):
        tp = np.sum((predicted == c) & (truth == c))
        fp = np.sum((predicted == c) & (truth != c))
        fn = np.sum((predicted != c) & (truth == c))
        f1s.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return {"score": float(np.mean(f1s))}


def spans(tags):
    """Entity spans (type, start, end) of a BIO sequence, as seqeval's default mode reads them
    (an I- without a B- of its type starts an entity)."""
    found, start, kind = set(), None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        inside = tag.startswith("I-") and kind == tag[2:]
        if start is not None and not inside:
            found.add((kind, start, i))
            start, kind = None, None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, kind = i, tag[2:]
    return found


def entity_f1(prediction):
    predicted = np.argmax(prediction.predictions, axis=-1)
    tp = fp = fn = 0
    for row_predicted, row_truth in zip(predicted, prediction.label_ids):
        keep = row_truth != -100
        gold = spans([labels[t] for t in row_truth[keep]])
        guess = spans([labels[t] for t in row_predicted[keep]])
        tp, fp, fn = tp + len(gold & guess), fp + len(guess - gold), fn + len(gold - guess)
    return {"score": 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)}


evaluations = []


class Record(TrainerCallback):
    def on_evaluate(self, arguments, state, control, metrics=None, **kwargs):
        evaluations.append({"step": state.global_step,
                            "seconds": time.time() - args.launched,
                            "score": metrics["eval_score"]})
        print(f"step {state.global_step}: {args.task} score {metrics['eval_score']:.4f} "
              f"at {evaluations[-1]['seconds']:.1f} s", file=sys.stderr, flush=True)


# The settings DomainTune's spec names, spelled the way this transformers version wants them
# (evaluation_strategy became eval_strategy, use_cpu replaced no_cuda).
settings = dict(output_dir=os.path.join(os.path.dirname(os.path.abspath(args.out)), "hf-output"),
                per_device_train_batch_size=args.batch, per_device_eval_batch_size=args.batch,
                num_train_epochs=args.epochs, learning_rate=args.lr,
                weight_decay=args.weight_decay, lr_scheduler_type="linear", max_grad_norm=1.0,
                seed=args.seed, save_strategy="no", report_to=[], logging_strategy="no",
                dataloader_num_workers=0, disable_tqdm=True)
fields = TrainingArguments.__dataclass_fields__
strategy = "steps" if args.eval_steps > 0 else "epoch"
settings["eval_strategy" if "eval_strategy" in fields else "evaluation_strategy"] = strategy
if args.eval_steps > 0:
    settings["eval_steps"] = args.eval_steps
settings["use_cpu" if "use_cpu" in fields else "no_cuda"] = True
# Length grouping: group_by_length before transformers 5, train_sampling_strategy since.
if args.group_by_length:
    if "group_by_length" in fields:
        settings["group_by_length"] = True
    else:
        settings["train_sampling_strategy"] = "group_by_length"
# A warm-up ratio: warmup_ratio before transformers 5, a float warmup_steps since.
settings["warmup_ratio" if "warmup_ratio" in fields else "warmup_steps"] = args.warmup
trainer = Trainer(model=model, args=TrainingArguments(**settings), train_dataset=Rows(train_rows),
                  eval_dataset=Rows(validation_rows),
                  data_collator=(DataCollatorWithPadding(tokenizer) if args.task == "seq-cls"
                                 else DataCollatorForTokenClassification(tokenizer)),
                  compute_metrics=macro_f1 if args.task == "seq-cls" else entity_f1,
                  callbacks=[Record()])
started = time.time()
trainer.train()
# Per-epoch evaluation with a step cadence: the end of training is evaluated too, as
# DomainTune always does.
if not evaluations or evaluations[-1]["step"] != trainer.state.global_step:
    trainer.evaluate()
json.dump({"torch": torch.__version__, "transformers": transformers.__version__,
           "threads": torch.get_num_threads(), "startup_seconds": started - args.launched,
           "steps": trainer.state.global_step, "seconds": time.time() - args.launched,
           "evaluations": evaluations}, open(args.out, "w"), indent=1)
