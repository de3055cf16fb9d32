#pragma once

#include "core/data/columnmapping.h"
#include "core/data/corpusformat.h"
#include "core/data/example.h"

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace domaintune {

/**
 * Receives each example as it is read; the example may be moved from. Returns false to stop
 * the import early. Runs on the importing thread.
 */
using ExampleVisitor = std::function<bool(Example& example)>;

/** What one input file (or folder) turned out to be. A plain value. */
struct SourceInfo
{
    std::string path;
    std::string split; ///< The split the caller assigned to the whole source, or empty.
    CorpusFormat format = CorpusFormat::Auto;
    std::string encoding;             ///< IANA/ICU name (the first file's, for folders).
    std::vector<std::string> columns; ///< CSV/JSON columns; CoNLL: "token", ..., "tag".
    char delimiter = 0;               ///< CSV/TSV.
    bool hasHeader = false;           ///< CSV/TSV.
    ColumnMapping mapping;            ///< The mapping used (given + guessed).
    std::string tagScheme;            ///< CoNLL: "BIO", "BIOES", "IO" or "none".
    std::map<std::string, std::size_t> entityTypes; ///< CoNLL: entity spans per type.
    std::size_t documents = 0; ///< CoNLL -DOCSTART- count; files for text folders.
    std::size_t examples = 0;  ///< Examples delivered (rows / sentences / docs).

    /** Returns an info for @p path read as @p format in @p encoding. */
    static SourceInfo make(std::string path, CorpusFormat format, std::string encoding = {})
    {
        SourceInfo info;
        info.path = std::move(path);
        info.format = format;
        info.encoding = std::move(encoding);
        return info;
    }
};

} // namespace domaintune
