#pragma once

#include "core/data/record.h"

#include <string>
#include <vector>

namespace domaintune {

/**
 * Which columns (CSV headers, or JSON field paths such as "meta.text") feed which part of an
 * Example. Empty names are "not set": guessColumnMapping() fills them, and an unset label
 * means an unlabelled corpus. A plain value.
 */
struct ColumnMapping
{
    std::string text;
    std::string textPair;       ///< Second text of a pair (optional).
    std::string label;          ///< Label column (optional).
    std::string labelSeparator; ///< Non-empty: the label column holds several labels.
    std::string id;             ///< Example ids (optional).
    std::string split;          ///< Split names such as train/validation/test (optional).
    /** Question answering: the answer text(s) (a JSON list for several), and where each
     *  starts in the context, in characters (optional: found in the context when unset). */
    std::string answer;
    std::string answerStart;
};

/**
 * Returns @p given with its empty fields guessed from the column names and @p sample records:
 * text from names such as text/content/sentence/question/ask/title, else the column with the
 * longest average value; a pair from sentence2/hypothesis/text_b/context next to their
 * partners; label from label/class/category/sentiment/department..., else the shortest-valued
 * column without blanks with few distinct values (at most 100, at most half the sample); id and
 * split from their usual names. Question/context columns make it a question-answering file:
 * text = question, pair = context, answer and answerStart from answer/answers(.text) and
 * answer_start/answers.answer_start (Hugging Face's SQuAD JSON lines), and no label guessed.
 * Pure function; thread-safe.
 */
ColumnMapping guessColumnMapping(const std::vector<std::string>& columns,
                                 const std::vector<Record>& sample, const ColumnMapping& given);

} // namespace domaintune
