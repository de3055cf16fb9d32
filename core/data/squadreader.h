#pragma once

#include "core/data/importcontext.h"
#include "core/data/sourceinfo.h"

#include <string>

namespace domaintune {

/**
 * Reads SQuAD-style question answering JSON ({"data": [{"title", "paragraphs": [{"context",
 * "qas": [{"id", "question", "answers": [{"text", "answer_start"}], "is_impossible"}]}]}]}),
 * also with "paragraphs" as a single object (cpgQA's variant).
 * Each question becomes an Example: text = question, textPair = context, answers with byte
 * offsets into the context (SQuAD counts characters; they are converted), id = the qa id.
 * An answer whose text is not at its offset is reported and the question skipped. Parses the
 * whole file. Not thread-safe: one reader per import.
 */
class SquadReader
{
public:
    explicit SquadReader(ImportContext& context);

    /** Reads @p path, handing each question to @p visit. */
    SourceInfo read(const std::string& path, const ExampleVisitor& visit);

private:
    bool readQuestion(const std::string& path, const void* qa, const std::string& context,
                      Example& example);

    ImportContext& m_context;
};

/** Returns true when @p document has SQuAD's data[].paragraphs[].qas shape. Thread-safe. */
bool looksLikeSquad(const std::string& jsonText);

} // namespace domaintune
