#pragma once

#include <string>

namespace domaintune {

/**
 * Returns the model folder that @p reference names, as a user types it after --model: an
 * existing folder (or file) as given; else a Hugging Face Hub id, "ORG/NAME" or
 * "ORG/NAME@REVISION", found in the Hugging Face cache at @p cacheRoot (its snapshot folder).
 * Throws domaintune::Error saying which it tried and how to get the model when it is neither.
 * Touches only the file system; any thread.
 */
std::string resolveModelReference(const std::string& reference, const std::string& cacheRoot);

} // namespace domaintune
