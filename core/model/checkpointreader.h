#pragma once

#include "core/model/checkpoint.h"

#include <string>
#include <vector>

namespace domaintune {

/**
 * Reads the weights of a Hugging Face model folder: the first of model.safetensors,
 * model.safetensors.index.json, pytorch_model.bin, pytorch_model.bin.index.json that exists
 * (safetensors preferred: it is validated up front and needs no unpickling). @p path may also
 * name one of those files, or any `.safetensors` / `.bin` / `.pt` / `.index.json` file, directly.
 *
 * Throws domaintune::Error listing what was looked for when the folder holds none of them, and
 * the reader's own errors otherwise. Thread-safe: calls share nothing.
 */
Checkpoint readCheckpoint(const std::string& path);

/**
 * Reads one checkpoint file, choosing the reader by name: `*.index.json` -> sharded,
 * `*.safetensors` -> SafetensorsFile, anything else -> PyTorchCheckpoint. Thread-safe.
 */
Checkpoint readCheckpointFile(const std::string& file);

/** Returns the weight file names readCheckpoint() looks for, in order of preference. */
const std::vector<std::string>& checkpointFileNames();

} // namespace domaintune
