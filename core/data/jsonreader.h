#pragma once

#include "core/data/importcontext.h"
#include "core/data/sourceinfo.h"

#include <string>

namespace domaintune {

/**
 * Reads records from JSONL (one JSON object per line; streaming) or a JSON file (an array of
 * objects, or an object whose "data"/"records"/"examples" member is one; parsed whole, so use
 * JSONL for files larger than memory). Nested objects flatten to dotted paths ("meta.text"),
 * arrays of scalars become lists (multi-label columns), other arrays their JSON text. Columns
 * are the paths seen in the first 1,000 records; the mapping is guessed from them unless
 * given. Bad lines are reported with their line number.
 *
 * Not thread-safe: one reader per import.
 */
class JsonReader
{
public:
    explicit JsonReader(ImportContext& context);

    /** Reads @p path as @p format (Json or Jsonl), handing each example to @p visit. */
    SourceInfo read(const std::string& path, CorpusFormat format, const ExampleVisitor& visit);

private:
    ImportContext& m_context;
};

} // namespace domaintune
