#pragma once

#include "core/data/example.h"

#include <cstddef>
#include <vector>

namespace domaintune {

class Tokenizer;

/**
 * What a question-answering corpus holds and how its answers fit the model's windows (the
 * question whole, the context in windows of the maximum length, as training reads it). The
 * token counts are measured only with a tokenizer. A plain value.
 */
struct AnswerStatistics
{
    std::size_t questions = 0;
    std::size_t unanswerable = 0; ///< No answer in the context (SQuAD v2).
    bool tokenized = false;
    /** The answer ends after the first window: later windows find it, the first trains "no
     *  answer" there. */
    std::size_t beyondFirstWindow = 0;
    /** The answer is longer than a window's room for the context: no window holds it whole,
     *  so the question trains as "no answer". */
    std::size_t longerThanWindow = 0;
    /** The answer is longer than the longest answer predicted (30 tokens): never predicted
     *  whole. */
    std::size_t longerThanMaxAnswer = 0;
};

/**
 * Measures @p examples (question = text, context = textPair, answers) for windows of
 * @p maxLength tokens of @p tokenizer (may be null: counts only). Pure apart from the
 * tokenizer's caches; thread-safe for distinct inputs.
 */
AnswerStatistics computeAnswerStatistics(const std::vector<Example>& examples,
                                         const Tokenizer* tokenizer, std::size_t maxLength);

} // namespace domaintune
