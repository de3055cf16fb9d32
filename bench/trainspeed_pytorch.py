#!/usr/bin/env python3
"""The PyTorch side of bench/trainspeed.sh: the same BERT classifier (post-LN encoder, exact
GELU, pooler, 3-label head), AdamW, batch 32 x 128 tokens, all layers trainable and head-only,
timed like build/bench/bench_trainspeed (2 warm-up steps, min and median). Needs Debian's
python3-torch; run it with /usr/bin/python3. Prints one JSON object.

    trainspeed_pytorch.py [THREADS=2] [STEPS=8] [DEVICE=cpu]

DEVICE cuda (scripts/device-check.sh) times the same steps on the GPU, each ended by a device
synchronisation."""
import json
import math
import sys
import time

import torch
from torch import nn


class Layer(nn.Module):
    def __init__(self, hidden, heads):
        super().__init__()
        self.heads = heads
        self.query, self.key, self.value = (nn.Linear(hidden, hidden) for _ in range(3))
        self.attention_output = nn.Linear(hidden, hidden)
        self.attention_norm = nn.LayerNorm(hidden, eps=1e-12)
        self.intermediate = nn.Linear(hidden, 4 * hidden)
        self.output = nn.Linear(4 * hidden, hidden)
        self.output_norm = nn.LayerNorm(hidden, eps=1e-12)
        self.dropout = nn.Dropout(0.1)

    def forward(self, x, mask):
        b, t, h = x.shape
        split = lambda y: y.view(b, t, self.heads, h // self.heads).transpose(1, 2)
        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(h // self.heads) + mask
        context = (self.dropout(scores.softmax(-1)) @ v).transpose(1, 2).reshape(b, t, h)
        x = self.attention_norm(self.dropout(self.attention_output(context)) + x)
        inner = nn.functional.gelu(self.intermediate(x))
        return self.output_norm(self.dropout(self.output(inner)) + x)


class Bert(nn.Module):
    def __init__(self, layers, hidden):
        super().__init__()
        self.word = nn.Embedding(30522, hidden, padding_idx=0)
        self.position = nn.Embedding(512, hidden)
        self.token_type = nn.Embedding(2, hidden)
        self.norm = nn.LayerNorm(hidden, eps=1e-12)
        self.dropout = nn.Dropout(0.1)
        self.layers = nn.ModuleList(Layer(hidden, hidden // 64) for _ in range(layers))
        self.pooler = nn.Linear(hidden, hidden)
        self.classifier = nn.Linear(hidden, 3)

    def forward(self, ids, attention):
        positions = torch.arange(ids.shape[1], device=ids.device).unsqueeze(0)
        x = self.word(ids) + self.position(positions) + self.token_type(torch.zeros_like(ids))
        x = self.dropout(self.norm(x))
        mask = (1.0 - attention[:, None, None, :].float()) * torch.finfo(torch.float32).min
        for layer in self.layers:
            x = layer(x, mask)
        return self.classifier(self.dropout(torch.tanh(self.pooler(x[:, 0]))))


def time_steps(model, optimizer, ids, attention, labels, steps):
    seconds = []
    sync = torch.cuda.synchronize if ids.is_cuda else (lambda: None)
    for i in range(steps + 2):
        sync()
        start = time.perf_counter()
        loss = nn.functional.cross_entropy(model(ids, attention), labels)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)  # the default from PyTorch 2.0 on
        sync()
        if i >= 2:
            seconds.append(time.perf_counter() - start)
    seconds.sort()
    median = seconds[len(seconds) // 2]
    return {"step_s_min": seconds[0], "step_s_median": median,
            "samples_per_s": ids.shape[0] / median}


def bench_model(layers, hidden, steps, device):
    out = {}
    for head_only in (False, True):
        torch.manual_seed(0)
        model = Bert(layers, hidden).train().to(device)
        trainable = []
        for name, parameter in model.named_parameters():
            train = not head_only or name.startswith("classifier")
            parameter.requires_grad_(train)
            if train:
                trainable.append(parameter)
        optimizer = torch.optim.AdamW(trainable, lr=2e-5)
        ids = torch.randint(1000, 30000, (32, 128)).to(device)
        attention = torch.ones(32, 128, dtype=torch.long).to(device)
        labels = torch.randint(0, 3, (32,)).to(device)
        out["head_only" if head_only else "all_layers"] = time_steps(
            model, optimizer, ids, attention, labels, steps)
    return out


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    device = sys.argv[3] if len(sys.argv) > 3 else "cpu"
    torch.set_num_threads(threads)
    print(json.dumps({"threads": threads, "steps": steps, "torch": torch.__version__,
                      "device": device,
                      "bert-mini": bench_model(4, 256, steps, device),
                      "bert-small": bench_model(4, 512, steps, device)}, indent=2))


if __name__ == "__main__":
    main()
