#!/usr/bin/python3
"""Why DomainTune's attention makes the heads contiguous (core/model/modules.h, splitHeads):
the batched product of attention scores for the usual transposed head views against the same
product on contiguous heads, in Debian's PyTorch (the same ATen kernels LibTorch runs).

    /usr/bin/python3 bench/attention_layout.py [THREADS=2] [BATCH=32] [LENGTH=128]

Prints milliseconds per product (best of 5 rounds of 10) for bert-mini's 4 heads of 64."""
import sys
import time

import torch


def best_ms(function, rounds=5, repeats=10):
    function()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(repeats):
            function()
        times.append((time.perf_counter() - start) / repeats * 1000)
    return min(times)


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    batch = int(sys.argv[2]) if len(sys.argv) > 2 else 32
    length = int(sys.argv[3]) if len(sys.argv) > 3 else 128
    heads, size = 4, 64
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    q = torch.randn(batch, length, heads, size).transpose(1, 2)  # transformers' layout
    k = torch.randn(batch, length, heads, size).transpose(1, 2)
    qc, kc = q.contiguous(), k.contiguous()
    views = best_ms(lambda: torch.matmul(q, k.transpose(-1, -2)))
    contiguous = best_ms(lambda: torch.matmul(qc, kc.transpose(-1, -2)))
    copies = best_ms(lambda: (q.contiguous(), k.contiguous()))
    print(f"torch {torch.__version__}, {threads} threads, {batch} x {heads} heads of "
          f"{length} x {size}")
    print(f"scores from transposed views:   {views:7.2f} ms")
    print(f"scores from contiguous heads:   {contiguous:7.2f} ms "
          f"(+ {copies:.2f} ms for the two copies)")
    print(f"speed-up: {views / (contiguous + copies):.1f}x")


if __name__ == "__main__":
    main()
