#pragma once

#include "core/text/jsontokenizer.h"
#include "core/text/normalizedtext.h"

#include <vector>

/**
 * The normalizer and pre-tokenizer steps of a tokenizer.json pipeline, on NormalizedText so
 * that offsets survive every change. Pure functions; thread-safe.
 */
namespace domaintune::pipeline {

/** Applies one normalizer to @p text. */
NormalizedText normalize(const NormalizedText& text, const NormalizerStep& step);

/**
 * Applies one pre-tokenizer: refines @p words (spans of @p text); ByteLevel (prefix space) and
 * Metaspace also rewrite @p text and move the spans with it.
 */
void preTokenize(NormalizedText& text, std::vector<ByteSpan>& words, const PreTokenizerStep& step);

} // namespace domaintune::pipeline
