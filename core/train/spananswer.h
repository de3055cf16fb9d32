#pragma once

#include "core/train/feature.h"

#include <cstdint>
#include <string>
#include <vector>

namespace domaintune {

/** One window's start and end logits, one per token of @p feature. */
struct SpanWindowLogits
{
    const Feature* feature = nullptr;
    std::vector<float> start, end;
};

/** How pickSpanAnswer() chooses. Defaults are transformers' run_qa.py's. A plain value. */
struct SpanAnswerOptions
{
    std::size_t nBest = 20;            ///< Starts and ends considered per window.
    std::int64_t maxAnswerTokens = 30; ///< Longest answer, in tokens.
    /** SQuAD v2: the question may have no answer in the context. */
    bool allowNoAnswer = false;
    /** SQuAD v2: answer "" when the null score beats the best span's by more than this. */
    double nullThreshold = 0.0;
};

/** The answer chosen for one question. A plain value. */
struct SpanAnswer
{
    std::string text;        ///< "" when there is no answer.
    std::int64_t begin = -1; ///< Byte offsets of text in the context; -1 without an answer.
    std::int64_t end = -1;
    /** The same offsets in Unicode code points (SQuAD's answer_start counts these). */
    std::int64_t characterBegin = -1, characterEnd = -1;
    double probability = 0; ///< Softmax over the n-best candidates (run_qa.py's "probability").
    double score = 0;       ///< Start + end logit of the answer (the null score without one).
    bool noAnswer = false;
};

/** A question's id and the answer chosen for it. A plain value. */
struct QuestionAnswer
{
    std::string id;
    SpanAnswer answer;
};

/**
 * run_qa.py's post-processing of one question: over all its windows, the best start/end pair
 * among each window's nBest starts and ends, both inside the context, end not before start, at
 * most maxAnswerTokens; with allowNoAnswer, "" when the smallest CLS score (start[0] + end[0])
 * beats that pair by more than nullThreshold. Spans of no text are passed over when choosing,
 * as run_qa.py passes over "" in v2. One deliberate difference: where no span qualifies,
 * run_qa.py answers the literal word "empty"; this answers "" (noAnswer false without
 * allowNoAnswer). Pure function; thread-safe.
 */
SpanAnswer pickSpanAnswer(const std::string& context, const std::vector<SpanWindowLogits>& windows,
                          const SpanAnswerOptions& options);

} // namespace domaintune
