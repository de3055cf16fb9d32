#pragma once

#include "core/data/importcontext.h"
#include "core/data/sourceinfo.h"

#include <string>

namespace domaintune {

/**
 * Reads CoNLL-style token-per-line files (CoNLL-2003, NCBI-disease's TSV, SEC filings):
 * columns split by TAB when the line has one, else by spaces; the token in column 0 and the
 * tag in ImportOptions::conllTagColumn (negative counts from the end; -1 = last);
 * sentences end at blank lines; -DOCSTART- lines count documents. A line with another column
 * count than the file's first token line is reported and its sentence skipped. Each sentence
 * becomes an Example with tokens, tags and text (tokens joined by spaces). Streaming.
 *
 * Not thread-safe: one reader per import.
 */
class ConllReader
{
public:
    explicit ConllReader(ImportContext& context);

    /** Reads @p path, handing each sentence to @p visit. */
    SourceInfo read(const std::string& path, const ExampleVisitor& visit);

private:
    ImportContext& m_context;
};

} // namespace domaintune
