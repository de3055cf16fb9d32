#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace domaintune {

/** The label of tokens that no loss or metric looks at (transformers' -100). */
constexpr std::int64_t kIgnoredLabel = -100;

/**
 * One model input built from an Example: token ids plus what the task learns from them.
 * Plain value type.
 */
struct Feature
{
    std::vector<std::int64_t> ids;
    std::vector<std::int64_t> typeIds;
    /** seq-cls: one class index; token-cls: one per token (kIgnoredLabel for sub-words and
     *  special tokens); language modelling: empty. */
    std::vector<std::int64_t> labels;
    std::vector<float> targets;        ///< multi-label: one 0/1 value per label.
    std::vector<std::int64_t> wordIds; ///< Language modelling: word of each token (-1 special).
    std::int64_t example = -1;         ///< Index of the Example it came from.
    /** QA: each token's byte span in the context (-1, -1 outside it); labels = {start, end}
     *  token positions of the answer, both 0 (the first token) when the window lacks it. */
    std::vector<std::int32_t> spanBegin, spanEnd;
};

/** QA: what scoring an example's best span needs. */
struct SpanExample
{
    std::string id;
    std::string context;
    std::vector<std::string> answers;
};

/** Features plus what building them found. */
struct FeatureSet
{
    std::vector<Feature> features;
    std::vector<std::string> labels;       ///< Class / tag names in id order (empty for LM tasks).
    std::vector<SpanExample> spanExamples; ///< QA: per example index.
    std::size_t truncatedExamples = 0;
    std::size_t realTokens = 0;
};

} // namespace domaintune
