#pragma once

#include "core/data/columnmapping.h"
#include "core/data/corpusformat.h"
#include "core/data/importissue.h"
#include "core/data/textnormalizer.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

namespace domaintune {

/**
 * Called with the bytes read so far and the total bytes of every source, at most once per
 * mebibyte read. Runs on the importing thread.
 */
using ImportProgress = std::function<void(std::int64_t bytesDone, std::int64_t bytesTotal)>;

/** How plain text and Markdown are cut into examples. */
enum class TextUnit
{
    File,  ///< One example per file.
    Block, ///< One example per blank-line separated block.
};

/** Everything an import can be told. A plain value; defaults detect everything. */
struct ImportOptions
{
    CorpusFormat format = CorpusFormat::Auto;
    std::string encoding;     ///< Empty: detect per file. Otherwise an IANA/ICU name.
    char delimiter = 0;       ///< CSV/TSV: 0 sniffs among , ; TAB |.
    int hasHeader = -1;       ///< CSV/TSV: -1 guesses, 0 no header, 1 header.
    ColumnMapping mapping;    ///< Empty fields are guessed (see guessColumnMapping()).
    std::string labelMapFile; ///< A file naming label ids, one name per line (class.txt).
    int conllTagColumn = -1;  ///< CoNLL: column holding the tag; negative counts from the end.
    TextUnit textUnit = TextUnit::File;
    NormalizationOptions normalization;
    BadInputPolicy policy = BadInputPolicy::SkipAndReport;
    ImportProgress progress;                  ///< Optional.
    const std::atomic_bool* cancel = nullptr; ///< Optional; polled once per mebibyte read.
};

/**
 * Reads a delimiter as users write it: "" (detect: 0), "tab" or "\\t", or one character.
 * Throws domaintune::Error for anything longer.
 */
char parseDelimiterName(const std::string& text);

} // namespace domaintune
