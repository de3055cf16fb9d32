#!/usr/bin/python3
"""Writes an untrained copy of a BERT model folder: same config.json and tokenizer files,
fresh weights drawn as transformers' BertPreTrainedModel._init_weights draws them.

    randominit.py SOURCE_MODEL_DIR OUTPUT_DIR [--seed 42]

Every tensor of SOURCE/model.safetensors is replaced, with the same name and shape, in float32
(a float16 or bfloat16 source, such as the shipped starter, gets float32 random weights):
LayerNorm weights 1 and biases 0, every other bias 0, every other weight (Linear and
Embedding) N(0, initializer_range) with the padding row of the word embeddings zeroed. This
is the "same architecture from random init" arm of the transfer study: only the weights
differ from the pretrained starter, not the vocabulary or the shapes.
"""
import argparse
import json
import os
import shutil
import struct

import numpy as np


def read_header(path):
    with open(path, "rb") as handle:
        size = struct.unpack("<Q", handle.read(8))[0]
        return json.loads(handle.read(size))


def fresh(name, shape, config, rng):
    if "LayerNorm" in name or name.endswith((".gamma", ".beta")):
        value = 1.0 if name.endswith((".weight", ".gamma")) else 0.0
        return np.full(shape, value, dtype=np.float32)
    if name.endswith(".bias"):
        return np.zeros(shape, dtype=np.float32)
    array = rng.normal(0.0, config.get("initializer_range", 0.02), size=shape).astype(np.float32)
    if name.endswith("word_embeddings.weight"):
        pad = config.get("pad_token_id", 0)
        if pad is not None and 0 <= pad < shape[0]:
            array[pad] = 0.0
    return array


def write_safetensors(path, tensors):
    header, offset, blobs = {"__metadata__": {"format": "pt"}}, 0, []
    for name, array in tensors.items():
        data = array.tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape),
                        "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    encoded = json.dumps(header, separators=(",", ":")).encode()
    encoded += b" " * (-len(encoded) % 8)  # the format pads the header to 8 bytes
    with open(path + ".partial", "wb") as out:
        out.write(struct.pack("<Q", len(encoded)))
        out.write(encoded)
        for blob in blobs:
            out.write(blob)
    os.replace(path + ".partial", path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source")
    parser.add_argument("output")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    weights = os.path.join(args.source, "model.safetensors")
    with open(os.path.join(args.source, "config.json"), encoding="utf-8") as handle:
        config = json.load(handle)
    if config.get("model_type") != "bert":
        raise SystemExit(f"randominit.py: {args.source} is a {config.get('model_type')} "
                         "model; this script follows BERT's initialisation only")
    os.makedirs(args.output, exist_ok=True)
    for name in os.listdir(args.source):
        if name != "model.safetensors" and os.path.isfile(os.path.join(args.source, name)):
            shutil.copy2(os.path.join(args.source, name), os.path.join(args.output, name))
    if "torch_dtype" in config:  # the fresh weights are float32 whatever the source's were
        config["torch_dtype"] = "float32"
        with open(os.path.join(args.output, "config.json"), "w", encoding="utf-8") as handle:
            json.dump(config, handle, indent=2)
    rng = np.random.default_rng(args.seed)
    tensors = {}
    for name, info in read_header(weights).items():
        if name == "__metadata__":
            continue
        if info["dtype"] not in ("F32", "F16", "BF16"):
            raise SystemExit(f"randominit.py: {name} is {info['dtype']}; expected a float")
        tensors[name] = fresh(name, info["shape"], config, rng)
    write_safetensors(os.path.join(args.output, "model.safetensors"), tensors)


if __name__ == "__main__":
    main()
