#pragma once

#include "core/data/importcontext.h"
#include "core/data/sourceinfo.h"

#include <string>

namespace domaintune {

/**
 * Reads CSV/TSV files into Examples: CsvReader for the records (quoting, sniffing, header),
 * then the column mapping (given, else guessed from the first 1,000 records). Streaming.
 * Not thread-safe: one reader per import.
 */
class DelimitedReader
{
public:
    explicit DelimitedReader(ImportContext& context);

    /** Reads @p path, handing each mapped record to @p visit. */
    SourceInfo read(const std::string& path, const ExampleVisitor& visit);

private:
    ImportContext& m_context;
};

} // namespace domaintune
