#pragma once

#include "core/model/checkpoint.h"

#include <functional>
#include <string>

namespace domaintune {

/**
 * Reads a sharded checkpoint through its index (`model.safetensors.index.json` or
 * `pytorch_model.bin.index.json`, whose "weight_map" maps tensor name -> shard file name).
 *
 * Every shard is read once, with SafetensorsFile for `*.safetensors` and PyTorchCheckpoint
 * otherwise. Missing shard files are all listed in one error; every tensor the index names must
 * be found in the shard it names; a tensor in two shards is an error. Tensors a shard holds
 * but the index does not name are kept, with a note. The index's "metadata" (e.g.
 * total_size) lands in Checkpoint::metadata as text.
 *
 * Throws domaintune::Error naming the index, the shard and the tensor. Thread-safe: calls share
 * nothing.
 */
Checkpoint readShardedCheckpoint(const std::string& indexPath);

} // namespace domaintune
