#pragma once

#include "core/model/rawtensor.h"

#include <map>
#include <string>
#include <vector>

namespace domaintune {

/**
 * Writes @p tensors (contiguous; names unique) as a safetensors file at @p path, atomically:
 * the bytes go to a temporary file beside it that is renamed over @p path only when complete.
 * @p metadata becomes "__metadata__" (transformers requires {"format": "pt"}). Throws
 * domaintune::Error naming the path on I/O failure or a non-contiguous tensor. Any thread.
 */
void writeSafetensors(const std::string& path, const std::vector<RawTensor>& tensors,
                      const std::map<std::string, std::string>& metadata = {{"format", "pt"}});

} // namespace domaintune
