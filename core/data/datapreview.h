#pragma once

#include "core/data/answerstatistics.h"
#include "core/data/corpusstatistics.h"
#include "core/data/importoptions.h"
#include "core/data/importreport.h"
#include "core/data/leakagechecker.h"
#include "core/data/sourceinfo.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace domaintune {

/** What previewData() reads and measures. A plain value. */
struct DataPreviewRequest
{
    std::string path;                ///< A file or folder.
    ImportOptions options;           ///< Format, encoding and column overrides (defaults detect).
    std::string tokenizerPath;       ///< Empty: no token statistics.
    std::size_t maxLength = 128;     ///< The truncation line of the length histogram.
    std::size_t maxExamples = 20000; ///< Read at most this many examples.
    std::uint64_t maxBytes = 64ull << 20; ///< ... and at most this much of them (heldBytes()).
    std::size_t sampleRows = 100;         ///< Examples kept for the preview table.
};

/** One pair of duplicates found in the preview, with both texts and where they are. */
struct DuplicateExample
{
    DuplicatePair pair; ///< Kind, similarity, whether across splits (indices into the file).
    Example first, second;
};

/** What a user sees before choosing the data of a run. A plain value. */
struct DataPreview
{
    SourceInfo source; ///< Format, encoding, columns and mapping as detected (or given).
    ImportReport report;
    std::vector<Example> sample; ///< The first sampleRows examples.
    std::size_t examplesRead = 0;
    bool partial = false; ///< A limit was reached: statistics cover a prefix.
    CorpusStatistics statistics;
    LeakageReport leakage;
    /** The example pairs leakage.pairs names, with their texts (up to keptPairs per kind). */
    std::vector<DuplicateExample> duplicates;
    /** Question-answering data (SQuAD, or an answer column): its questions and answers. */
    bool questionAnswering = false;
    AnswerStatistics answers;
    std::string tokenizerError; ///< Why token statistics are missing, when a tokenizer failed.

    /** Returns the count of the most frequent label over the least frequent (0 without
     * labels). */
    double imbalanceRatio() const;
    /** Returns the least frequent label (empty without labels). */
    std::string rarestLabel() const;
};

/**
 * Imports the first examples of @p request.path (up to maxExamples and maxBytes: bounded
 * memory whatever the file's size) and measures them: label and length statistics (token
 * lengths with the tokenizer at tokenizerPath), duplicates within and across splits, and the
 * import's problems. Throws domaintune::Error when the file cannot be read at all; a
 * tokenizer that fails to load only leaves tokenizerError set. Honours options.cancel. Runs
 * on the calling thread (a worker thread in the GUI).
 */
DataPreview previewData(const DataPreviewRequest& request);

} // namespace domaintune
