#!/usr/bin/env python3
"""Writes tests/reference/models/FAMILY-HEAD/: a tiny random model of every family and head
DomainTune loads, saved by Hugging Face transformers itself (config.json + model.safetensors),
and expected.json with the outputs transformers computes for fixed inputs (eval mode, float32).
testpretrainedmodel and testforwardcli compare DomainTune against them.

    tests/reference/setup-venv.sh
    ~/.cache/domaintune/reference-venv/bin/python tests/reference/make_families.py [--out DIR]

Every parameter, LayerNorm included, is perturbed with seeded noise so that a wrong detail
shows; configs are tiny (hidden 16, 2 layers) so the folders stay small. The inputs have a
padded second row, so attention masking is checked too.
"""
import json
import os
import shutil
import sys

import torch
import transformers
from transformers import (BertConfig, CamembertConfig, DistilBertConfig, GPT2Config,
                          RobertaConfig, XLMRobertaConfig)

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "models")
LABELS = ["negative", "neutral", "positive"]

ENCODER = dict(vocab_size=48, hidden_size=16, num_hidden_layers=2, num_attention_heads=2,
               intermediate_size=32, max_position_embeddings=40, hidden_act="gelu")
FAMILIES = {
    "bert": (BertConfig, dict(ENCODER, type_vocab_size=2, pad_token_id=0), "Bert"),
    "roberta": (RobertaConfig, dict(ENCODER, type_vocab_size=1, pad_token_id=1,
                                    bos_token_id=0, eos_token_id=2), "Roberta"),
    "xlm-roberta": (XLMRobertaConfig, dict(ENCODER, type_vocab_size=1, pad_token_id=1,
                                           bos_token_id=0, eos_token_id=2), "XLMRoberta"),
    "camembert": (CamembertConfig, dict(ENCODER, type_vocab_size=1, pad_token_id=1,
                                        bos_token_id=5, eos_token_id=6), "Camembert"),
    "distilbert": (DistilBertConfig, dict(vocab_size=48, dim=16, n_layers=2, n_heads=2,
                                          hidden_dim=32, max_position_embeddings=40,
                                          pad_token_id=0), "DistilBert"),
    "gpt2": (GPT2Config, dict(vocab_size=48, n_embd=16, n_layer=2, n_head=2, n_positions=40,
                              pad_token_id=0, bos_token_id=47, eos_token_id=47), "GPT2"),
}
HEADS = {  # head name -> class suffix (None: the base model)
    "base": "Model",
    "seq-cls": "ForSequenceClassification",
    "multi-label": "ForSequenceClassification",
    "token-cls": "ForTokenClassification",
    "qa": "ForQuestionAnswering",
    "mlm": "ForMaskedLM",
    "clm": "LMHeadModel",
    "pretraining": "ForPreTraining",
}
SUPPORTED = {
    "bert": ["base", "seq-cls", "multi-label", "token-cls", "qa", "mlm", "pretraining"],
    "roberta": ["base", "seq-cls", "multi-label", "token-cls", "qa", "mlm"],
    "xlm-roberta": ["base", "seq-cls", "multi-label", "token-cls", "qa", "mlm"],
    "camembert": ["base", "seq-cls", "multi-label", "token-cls", "qa", "mlm"],
    "distilbert": ["base", "seq-cls", "multi-label", "token-cls", "qa", "mlm"],
    "gpt2": ["base", "seq-cls", "multi-label", "token-cls", "qa", "clm"],
}


def inputs_for(family, pad):
    first = [7, 12, 30, 9, 22, 41, 17]
    second = [8, 25, 33, 11, pad, pad, pad]
    mask = [[1] * 7, [1, 1, 1, 1, 0, 0, 0]]
    inputs = {"input_ids": [first, second], "attention_mask": mask}
    if family == "bert":
        inputs["token_type_ids"] = [[0, 0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 0, 0, 0]]
    return inputs


def perturb(model, seed):
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            parameter.add_(torch.randn(parameter.shape, generator=generator) * 0.05)


def outputs_of(head, model, tensors):
    with torch.no_grad():
        if head == "pretraining":  # DomainTune's --head base on a pre-training checkpoint
            result = model.bert(**tensors)
            return {"last_hidden_state": result.last_hidden_state.tolist(),
                    "pooler_output": result.pooler_output.tolist()}
        result = model(**tensors)
    if head == "base":
        out = {"last_hidden_state": result.last_hidden_state.tolist()}
        if getattr(result, "pooler_output", None) is not None:
            out["pooler_output"] = result.pooler_output.tolist()
        return out
    if head == "qa":
        return {"start_logits": result.start_logits.tolist(),
                "end_logits": result.end_logits.tolist()}
    return {"logits": result.logits.tolist()}


def build(family, head, seed):
    config_class, fields, prefix = FAMILIES[family]
    config = config_class(**fields)
    if head in ("seq-cls", "multi-label", "token-cls"):
        config.num_labels = len(LABELS)
        config.id2label = dict(enumerate(LABELS))
        config.label2id = {label: i for i, label in enumerate(LABELS)}
    if head == "multi-label":
        config.problem_type = "multi_label_classification"
    name = prefix + ("LMHeadModel" if head == "clm" else HEADS[head])
    model = getattr(transformers, name)(config)
    model.eval()
    perturb(model, seed)
    if hasattr(model, "tie_weights"):
        model.tie_weights()
    return model, name


def main():
    args = sys.argv[1:]
    out = OUT
    if args[:1] == ["--out"]:
        out, args = args[1], args[2:]
    only = set(args)
    torch.manual_seed(0)
    seed = 1000
    for family, heads in SUPPORTED.items():
        for head in heads:
            seed += 1
            folder_name = "%s-%s" % (family, head)
            if only and folder_name not in only:
                continue
            model, architecture = build(family, head, seed)
            folder = os.path.join(out, folder_name)
            shutil.rmtree(folder, ignore_errors=True)
            model.save_pretrained(folder, safe_serialization=True)
            pad = FAMILIES[family][1]["pad_token_id"]
            inputs = inputs_for(family, pad)
            tensors = {k: torch.tensor(v) for k, v in inputs.items()}
            expected = {
                "reference": "transformers %s %s (torch %s), eval mode, float32" % (
                    transformers.__version__, architecture, torch.__version__),
                "generated_by": "tests/reference/make_families.py",
                "tolerance": 1e-4,
                "head": "base" if head == "pretraining" else head,
                "inputs": inputs,
                "outputs": outputs_of(head, model, tensors),
            }
            with open(os.path.join(folder, "expected.json"), "w") as f:
                json.dump(expected, f)
                f.write("\n")
            print("wrote", folder)


if __name__ == "__main__":
    main()
