#pragma once

#include "core/data/example.h"
#include "core/data/textnormalizer.h"

#include <string>
#include <vector>

namespace domaintune {

/**
 * Returns the dataset fingerprint stored with each run: the SHA-256 (64 hex digits) of a
 * versioned, length-prefixed serialisation of the normalisation applied and, per example in
 * order, its split, text, text pair, labels, tokens, tags and answers. Any change to the
 * normalised, split data changes it; ids, source files and line numbers do not take part.
 * Pure function; thread-safe.
 */
std::string datasetFingerprint(const std::vector<Example>& examples,
                               const NormalizationOptions& normalization);

} // namespace domaintune
