#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace domaintune {

/** One answer span of an extractive question-answering example (SQuAD style). */
struct Answer
{
    std::string text;
    std::int64_t start = -1; ///< Byte offset of the answer in Example::textPair (the context).
};

/**
 * One training example, whatever file it came from. A plain value, safe to copy across threads.
 *
 * - Classification: text (+ textPair for pairs), labels (one, or several for multi-label).
 * - Token classification (CoNLL): tokens and tags of one sentence; text is the tokens joined
 *   by spaces.
 * - Question answering (SQuAD): text is the question, textPair the context, answers the spans.
 * - Language modelling (plain text, Markdown): text only.
 */
struct Example
{
    std::string text;
    std::string textPair;
    std::vector<std::string> labels;
    std::vector<std::string> tokens;
    std::vector<std::string> tags;
    std::vector<Answer> answers;
    std::string id;
    std::string split;     ///< "train", "validation", "test", or empty (not yet split).
    std::string source;    ///< The file the example came from.
    std::int64_t line = 0; ///< 1-based line where it starts in source, 0 when not line-based.
};

} // namespace domaintune
