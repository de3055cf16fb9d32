#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace domaintune {

/** One kind of general text, from one or more Debian packages under one licence. */
struct GeneralCorpusSource
{
    std::string name;                  ///< "wordnet", "fortunes", "manpages-zh", ...
    std::string language;              ///< "en" or "zh"
    std::vector<std::string> packages; ///< The Debian packages that provide it.
    std::string license;               ///< As the packages' copyright files state it.

    // Filled in by readGeneralCorpus():
    std::map<std::string, std::string> versions; ///< Installed package -> version.
    std::size_t files = 0;                       ///< Files read.
    std::size_t available = 0;                   ///< Paragraphs that passed the filters.
    std::size_t paragraphs = 0;                  ///< Paragraphs kept under the size cap.
    std::uint64_t bytes = 0;                     ///< UTF-8 bytes of the kept paragraphs.
};

/** How to read the general corpus. Plain value type. */
struct GeneralCorpusOptions
{
    std::string root = "/";               ///< Where /usr/share and /var/lib/dpkg live.
    std::uint64_t maxBytes = 12ull << 20; ///< Cap on the paragraphs' bytes, shared fairly.
    std::size_t maxParagraphBytes = 1000; ///< Longer paragraphs are cut at sentence ends.
    std::function<void(const std::string&)> progress; ///< Optional; one message per source.
};

/** Clean paragraphs of general English and Chinese prose, with where each came from. */
struct GeneralCorpus
{
    std::vector<GeneralCorpusSource> sources; ///< The installed sources, in recipe order.
    std::vector<std::string> paragraphs;      ///< Grouped by source, in that order.
    std::uint64_t bytes = 0;                  ///< Sum of the paragraphs' bytes.
};

/**
 * Returns the recipe: every source the general corpus knows (installed or not), in the fixed
 * order they are read — WordNet glosses, fortunes, Debian Reference and FAQ in English; Chinese
 * fortunes and Tang/Song poems, manpages-zh, Debian Reference and FAQ in Simplified Chinese.
 */
std::vector<GeneralCorpusSource> generalCorpusSources();

/**
 * Reads the general corpus from the installed packages: for each source, the files its
 * packages installed (per dpkg's file lists), turned into paragraphs by the reader for their
 * format (proseextractors.h), cut to at most maxParagraphBytes, filtered (valid UTF-8; English:
 * five words or more, mostly letters; Chinese: eight ideographs or more, a third of the text
 * or more; spaces between ideographs removed), deduplicated across all sources, and capped at
 * maxBytes (each source gets an equal share, a small source's unused share goes to the
 * others; a source over its share keeps an evenly spread selection, in file order). Files
 * are read in name order, so the result depends only on what is installed. Throws domaintune::Error
 * naming the packages to install when none is. Runs on the caller's thread; reads files only.
 */
GeneralCorpus readGeneralCorpus(const GeneralCorpusOptions& options = {});

/**
 * Writes @p corpus to @p path: one paragraph per line, with an empty line between paragraphs
 * so that readers of blank-line separated blocks (the pretrainer) see one document per
 * paragraph. Writes PATH.partial and renames it. Returns the file's SHA-256 (hex). Throws
 * domaintune::Error on a write failure.
 */
std::string writeGeneralCorpus(const GeneralCorpus& corpus, const std::string& path);

/**
 * Returns {"sources": [{name, language, license, packages: {name: version}, files, available,
 * paragraphs, bytes}], "lines", "bytes", "licenses": {license: [packages]}}.
 */
nlohmann::ordered_json generalCorpusJson(const GeneralCorpus& corpus);

} // namespace domaintune
