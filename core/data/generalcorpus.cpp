#include "core/data/generalcorpus.h"

#include "core/common/error.h"
#include "core/data/dpkgdatabase.h"
#include "core/data/gzipfile.h"
#include "core/data/proseextractors.h"
#include "core/data/prosetext.h"
#include "core/store/sha256.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <set>
#include <unordered_set>

namespace domaintune {
namespace {

namespace fs = std::filesystem;

enum class Format
{
    WordNet,
    Fortune,
    Html,
    GzipTroff
};

/** Where a source's files lie among its packages' files, and how they are written. */
struct SourceFiles
{
    std::string prefix; ///< Directory (with trailing slash) or file-name prefix.
    std::string suffix; ///< Required ending ("" for any).
    bool subfolders;    ///< Whether files below further folders count.
    Format format;
};

struct SourceRecipe
{
    GeneralCorpusSource source;
    SourceFiles files;
};

SourceRecipe entry(const char* name, const char* language, std::vector<std::string> packages,
                   const char* license, SourceFiles files)
{
    SourceRecipe recipe;
    recipe.source.name = name;
    recipe.source.language = language;
    recipe.source.packages = std::move(packages);
    recipe.source.license = license;
    recipe.files = std::move(files);
    return recipe;
}

const std::vector<SourceRecipe>& recipe()
{
    static const std::vector<SourceRecipe> all = {
        entry("wordnet", "en", {"wordnet-base"}, "WordNet-3.0",
              {"/usr/share/wordnet/data.", "", false, Format::WordNet}),
        entry("fortunes", "en", {"fortunes-min", "fortunes"}, "BSD-3-Clause",
              {"/usr/share/games/fortunes/", "", false, Format::Fortune}),
        entry("debian-reference-en", "en", {"debian-reference-en"}, "GPL-2+",
              {"/usr/share/debian-reference/", ".en.html", false, Format::Html}),
        entry("debian-faq", "en", {"debian-faq"}, "Debian-FAQ (permissive notice)",
              {"/usr/share/doc/debian/FAQ/", ".en.html", false, Format::Html}),
        entry("fortunes-zh", "zh", {"fortunes-zh"}, "GPL-3+",
              {"/usr/share/games/fortunes/", "", false, Format::Fortune}),
        entry("manpages-zh", "zh", {"manpages-zh"}, "GFDL-1.2+ (a few pages GPL-2+)",
              {"/usr/share/man/zh_CN/", ".gz", true, Format::GzipTroff}),
        entry("debian-reference-zh-cn", "zh", {"debian-reference-zh-cn"}, "GPL-2+",
              {"/usr/share/debian-reference/", ".zh-cn.html", false, Format::Html}),
        entry("debian-faq-zh-cn", "zh", {"debian-faq-zh-cn"}, "Debian-FAQ (permissive notice)",
              {"/usr/share/doc/debian/FAQ/zh-cn/", ".html", false, Format::Html}),
    };
    return all;
}

bool endsWith(const std::string& text, const std::string& end)
{
    return text.size() >= end.size() &&
           text.compare(text.size() - end.size(), end.size(), end) == 0;
}

/** The regular files (not links) of @p recipe's packages that hold its text, sorted. */
std::vector<std::string> filesOf(const SourceRecipe& recipe, const DpkgDatabase& dpkg)
{
    std::set<std::string> files;
    for (const auto& package : recipe.source.packages)
        for (const auto& path : dpkg.packageFiles(package)) {
            if (path.rfind(recipe.files.prefix, 0) != 0 || !endsWith(path, recipe.files.suffix) ||
                endsWith(path, ".dat") || endsWith(path, ".u8"))
                continue;
            const std::string below =
                path.substr(path.find_last_of('/', recipe.files.prefix.size()) + 1);
            if (!recipe.files.subfolders && below.find('/') != std::string::npos)
                continue;
            std::error_code error;
            if (fs::is_regular_file(fs::symlink_status(dpkg.onDisk(path), error)))
                files.insert(path);
        }
    return {files.begin(), files.end()};
}

std::string readWhole(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path, 0, "cannot read the file", "Check its permissions.");
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> paragraphsOf(const std::string& path, Format format)
{
    switch (format) {
    case Format::WordNet:
        return wordnetGlosses(readWhole(path));
    case Format::Fortune:
        return fortuneTexts(readWhole(path));
    case Format::Html:
        return htmlParagraphs(readWhole(path));
    case Format::GzipTroff:
        return troffParagraphs(readGzipFile(path));
    }
    return {};
}

bool isProse(const std::string& paragraph, const std::string& language)
{
    const ProseProfile profile = profileOf(paragraph);
    if (!profile.validUtf8 || profile.characters == 0)
        return false;
    if (language == "zh")
        return profile.cjk >= 8 && profile.cjk * 3 >= profile.characters;
    return profile.words >= 5 && paragraph.size() >= 24 &&
           profile.letters * 10 >= profile.characters * 6;
}

/** Equal shares of @p cap; what a small source leaves over goes to the larger ones. */
std::vector<std::uint64_t> fairShares(const std::vector<std::uint64_t>& wanted, std::uint64_t cap)
{
    std::vector<std::size_t> order(wanted.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return wanted[a] < wanted[b]; });
    std::vector<std::uint64_t> shares(wanted.size(), 0);
    std::uint64_t left = cap;
    for (std::size_t k = 0; k < order.size(); ++k) {
        const std::uint64_t share = left / (order.size() - k);
        shares[order[k]] = std::min(wanted[order[k]], share);
        left -= shares[order[k]];
    }
    return shares;
}

/** The prose paragraphs of one source's files, new to @p seen (which they are added to). */
std::vector<std::string> readSource(const SourceRecipe& item, const std::vector<std::string>& files,
                                    const DpkgDatabase& dpkg, const GeneralCorpusOptions& options,
                                    std::unordered_set<std::string>& seen)
{
    const std::string& language = item.source.language;
    std::vector<std::string> kept;
    for (const auto& file : files)
        for (const auto& paragraph : paragraphsOf(dpkg.onDisk(file), item.files.format))
            for (auto& piece : splitLongParagraph(
                     language == "zh" ? withoutSpacesBetweenCjk(paragraph) : paragraph,
                     options.maxParagraphBytes))
                if (isProse(piece, language) && seen.insert(piece).second)
                    kept.push_back(std::move(piece));
    return kept;
}

Error nothingInstalled(const DpkgDatabase& dpkg)
{
    std::string packages;
    for (const auto& item : recipe())
        for (const auto& package : item.source.packages)
            packages += (packages.empty() ? "" : " ") + package;
    return Error(dpkg.onDisk("/var/lib/dpkg/status"), 0,
                 "none of the Debian packages that provide the general corpus is installed",
                 "Install them with: sudo apt-get install " + packages +
                     " (sudo scripts/install-deps does).");
}

/**
 * Moves @p paragraphs (of @p wanted bytes) into @p out up to @p share bytes. Over its share, a
 * source keeps an evenly spread selection, so that a cut keeps something of every file
 * (WordNet's verbs as well as its adjectives).
 */
void keepShare(std::vector<std::string>& paragraphs, std::uint64_t wanted, std::uint64_t share,
               GeneralCorpusSource& source, std::vector<std::string>& out)
{
    const double keep = wanted == 0 ? 1.0 : double(share) / double(wanted);
    double credit = 0;
    for (auto& paragraph : paragraphs) {
        credit += keep * double(paragraph.size());
        if (credit < double(paragraph.size()) || source.bytes + paragraph.size() > share)
            continue;
        credit -= double(paragraph.size());
        source.bytes += paragraph.size();
        ++source.paragraphs;
        out.push_back(std::move(paragraph));
    }
}

} // namespace

std::vector<GeneralCorpusSource> generalCorpusSources()
{
    std::vector<GeneralCorpusSource> sources;
    for (const auto& item : recipe())
        sources.push_back(item.source);
    return sources;
}

GeneralCorpus readGeneralCorpus(const GeneralCorpusOptions& options)
{
    const DpkgDatabase dpkg(options.root);
    const auto versions = dpkg.installedVersions();
    GeneralCorpus corpus;
    std::vector<std::vector<std::string>> perSource;
    std::unordered_set<std::string> seen;
    for (const auto& item : recipe()) {
        const auto files = filesOf(item, dpkg);
        if (files.empty())
            continue;
        GeneralCorpusSource source = item.source;
        for (const auto& package : source.packages)
            if (const auto it = versions.find(package); it != versions.end())
                source.versions[package] = it->second;
        if (options.progress)
            options.progress("reading " + source.name + " (" + std::to_string(files.size()) +
                             " files)");
        perSource.push_back(readSource(item, files, dpkg, options, seen));
        source.files = files.size();
        source.available = perSource.back().size();
        corpus.sources.push_back(std::move(source));
    }
    if (corpus.sources.empty())
        throw nothingInstalled(dpkg);
    std::vector<std::uint64_t> wanted;
    for (const auto& kept : perSource)
        wanted.push_back(std::accumulate(
            kept.begin(), kept.end(), std::uint64_t(0),
            [](std::uint64_t sum, const std::string& text) { return sum + text.size(); }));
    const auto shares = fairShares(wanted, options.maxBytes);
    for (std::size_t s = 0; s < perSource.size(); ++s) {
        keepShare(perSource[s], wanted[s], shares[s], corpus.sources[s], corpus.paragraphs);
        corpus.bytes += corpus.sources[s].bytes;
    }
    return corpus;
}

std::string writeGeneralCorpus(const GeneralCorpus& corpus, const std::string& path)
{
    const std::string partial = path + ".partial";
    Sha256 hash;
    {
        std::ofstream out(partial, std::ios::binary);
        for (const auto& paragraph : corpus.paragraphs) {
            const std::string line = paragraph + "\n\n";
            out << line;
            hash.update(line);
        }
        if (!out.flush())
            throw Error(path, 0, "cannot write the corpus", "Check the free disk space.");
    }
    if (std::rename(partial.c_str(), path.c_str()) != 0)
        throw Error(path, 0, "cannot replace the file", "Check the folder's permissions.");
    return hash.hexDigest();
}

nlohmann::ordered_json generalCorpusJson(const GeneralCorpus& corpus)
{
    nlohmann::ordered_json sources = nlohmann::ordered_json::array();
    std::map<std::string, std::set<std::string>> licenses;
    for (const auto& source : corpus.sources) {
        sources.push_back({{"name", source.name},
                           {"language", source.language},
                           {"license", source.license},
                           {"packages", source.versions},
                           {"files", source.files},
                           {"available", source.available},
                           {"paragraphs", source.paragraphs},
                           {"bytes", source.bytes}});
        for (const auto& [package, version] : source.versions)
            licenses[source.license].insert(package);
    }
    nlohmann::ordered_json licenseJson = nlohmann::ordered_json::object();
    for (const auto& [license, packages] : licenses)
        licenseJson[license] = std::vector<std::string>(packages.begin(), packages.end());
    return {{"sources", std::move(sources)},
            {"lines", corpus.paragraphs.size()},
            {"bytes", corpus.bytes},
            {"licenses", std::move(licenseJson)}};
}

} // namespace domaintune
