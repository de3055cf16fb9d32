#pragma once

#include "core/data/example.h"

#include <map>
#include <string>
#include <vector>

namespace domaintune {

/**
 * Returns @p example as one JSON line (no newline): {"text", "text_pair"?, "labels"?,
 * "tokens"?, "tags"?, "answers"?, "id"?} with only the fields it uses — the JSONL that
 * JsonReader reads back. Invalid UTF-8 is replaced. Thread-safe.
 */
std::string exampleToJsonLine(const Example& example);

/**
 * Writes the examples of each split to FOLDER/SPLIT.jsonl ("unsplit.jsonl" for examples
 * without one), creating @p folder. Each file is written to a temporary name and renamed, so
 * readers never see half a file. Returns split -> path. Throws domaintune::Error when a file
 * cannot be written. Not thread-safe for the same folder.
 */
std::map<std::string, std::string> writeSplitsJsonl(const std::vector<Example>& examples,
                                                    const std::string& folder);

} // namespace domaintune
