"""The anchor of the time-to-accuracy benchmark: Hugging Face's Trainer fine-tuning the same
model on the same splits with the same settings as DomainTune's run (bench/tta/run.sh).

    hf_trainer.py --model DIR --train F.jsonl --validation F.jsonl --out F.json
                  [--max-length 128] [--batch 32] [--epochs 3] [--lr 1e-4] [--warmup 0.1]
                  [--weight-decay 0.01] [--seed 42] [--threads 2] [--eval-steps N]
                  [--launched EPOCH_SECONDS] [--group-by-length]

Runs under any interpreter with torch and transformers (bench/tta/venv.sh makes one with
PyTorch 2.x; Debian's python3 with the reference virtualenv gives PyTorch 1.13). Writes
{"torch", "transformers", "evaluations": [{"step", "seconds", "f1_macro", "accuracy"}], ...}
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
import torch
import transformers
from transformers import (AutoModelForSequenceClassification, AutoTokenizer,
                          DataCollatorWithPadding, Trainer, TrainerCallback,
                          TrainingArguments)

torch.set_num_threads(args.threads)
transformers.logging.set_verbosity_error()


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


train_rows = read_jsonl(args.train)
validation_rows = read_jsonl(args.validation)
labels = sorted({row["label"] for row in train_rows})
label_id = {label: i for i, label in enumerate(labels)}
tokenizer = AutoTokenizer.from_pretrained(args.model)


class Rows(torch.utils.data.Dataset):
    def __init__(self, rows):
        texts = [row["text"] for row in rows]
        self.encodings = tokenizer(texts, truncation=True, max_length=args.max_length)
        self.labels = [label_id[row["label"]] for row in rows]

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        item = {key: values[i] for key, values in self.encodings.items()}
        item["labels"] = self.labels[i]
        return item


model = AutoModelForSequenceClassification.from_pretrained(
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
    return {"f1_macro": float(np.mean(f1s)), "accuracy": float(np.mean(predicted == truth))}


evaluations = []


class Record(TrainerCallback):
    def on_evaluate(self, arguments, state, control, metrics=None, **kwargs):
        evaluations.append({"step": state.global_step,
                            "seconds": time.time() - args.launched,
                            "f1_macro": metrics["eval_f1_macro"],
                            "accuracy": metrics["eval_accuracy"]})
        print(f"step {state.global_step}: macro-F1 {metrics['eval_f1_macro']:.4f} "
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
                  eval_dataset=Rows(validation_rows), data_collator=DataCollatorWithPadding(tokenizer),
                  compute_metrics=macro_f1, callbacks=[Record()])
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
