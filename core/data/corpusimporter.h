#pragma once

#include "core/data/corpus.h"
#include "core/data/importoptions.h"
#include "core/data/sourceinfo.h"

#include <string>
#include <vector>

namespace domaintune {

/** One input of an import: a file or folder, and the split all its examples belong to. */
struct CorpusSource
{
    std::string path;
    std::string split; ///< Empty: from the records' split column or the file name, else none.
};

/** What a streaming import saw. A plain value. */
struct ImportSummary
{
    std::vector<SourceInfo> sources;
    ImportReport report;
    std::size_t examples = 0;
};

/**
 * Returns the canonical split name for a file name or split name: train/training ->
 * "train", dev/devel/valid/val/validation -> "validation", test/testing -> "test", else "".
 * "FIN5.txt" is not recognised: name its split in CorpusSource. Thread-safe.
 */
std::string canonicalSplitName(const std::string& nameOrPath);

/** Returns canonicalSplitName(@p name), or @p name itself when that is empty. Thread-safe. */
std::string splitName(const std::string& name);

/**
 * Imports @p sources one by one, handing every example to @p visit without keeping them:
 * the memory-bounded API for files larger than RAM. Detects each source's format (unless
 * options say), encoding and column mapping; applies the options' normalisation to text,
 * textPair and CoNLL tokens; sets each example's split from its source, its split column or
 * its file name (canonicalSplitName()). Problems go to the summary's report or, under
 * BadInputPolicy::StopAtFirst, throw domaintune::Error (file, line, what, what to do).
 * Cancellation (options.cancel) stops early with report().cancelled() set.
 *
 * Runs on the calling thread; call from a worker thread in a GUI.
 */
ImportSummary streamCorpus(const std::vector<CorpusSource>& sources, const ImportOptions& options,
                           const ExampleVisitor& visit);

/** Imports @p sources into a Corpus (see streamCorpus()). */
Corpus importCorpus(const std::vector<CorpusSource>& sources, const ImportOptions& options = {});

/** Imports one file or folder into a Corpus (see streamCorpus()). */
Corpus importCorpus(const std::string& path, const ImportOptions& options = {});

} // namespace domaintune
