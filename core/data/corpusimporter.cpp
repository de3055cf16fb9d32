#include "core/data/corpusimporter.h"

#include "core/data/conllreader.h"
#include "core/data/delimitedreader.h"
#include "core/data/folderreader.h"
#include "core/data/importcontext.h"
#include "core/data/jsonreader.h"
#include "core/data/squadreader.h"
#include "core/data/textfilereader.h"

#include <algorithm>
#include <filesystem>

namespace domaintune {
namespace {

std::int64_t sizeOf(const std::string& path)
{
    namespace fs = std::filesystem;
    if (!fs::is_directory(path))
        return fs::exists(path) ? static_cast<std::int64_t>(fs::file_size(path)) : 0;
    std::int64_t total = 0;
    for (const auto& entry : fs::recursive_directory_iterator(path))
        if (entry.is_regular_file())
            total += static_cast<std::int64_t>(entry.file_size());
    return total;
}

SourceInfo readSource(const std::string& path, CorpusFormat format, ImportContext& context,
                      const ExampleVisitor& visit)
{
    switch (format) {
    case CorpusFormat::Csv:
        return DelimitedReader(context).read(path, visit);
    case CorpusFormat::Json:
    case CorpusFormat::Jsonl:
        return JsonReader(context).read(path, format, visit);
    case CorpusFormat::Squad:
        return SquadReader(context).read(path, visit);
    case CorpusFormat::Conll:
        return ConllReader(context).read(path, visit);
    case CorpusFormat::FolderPerLabel:
        return FolderReader(context).read(path, visit);
    case CorpusFormat::PlainText:
    case CorpusFormat::Auto:
        break;
    }
    return TextFileReader(context).read(path, visit);
}

// The occurrence of @p needle in @p haystack that starts nearest @p near, or npos.
std::size_t nearestOccurrence(const std::string& haystack, const std::string& needle,
                              std::size_t near)
{
    std::size_t best = std::string::npos;
    for (std::size_t at = haystack.find(needle); at != std::string::npos;
         at = haystack.find(needle, at + 1)) {
        const auto distance = [&](std::size_t where) {
            return where > near ? where - near : near - where;
        };
        if (best == std::string::npos || distance(at) < distance(best))
            best = at;
        if (at > near)
            break;
    }
    return best;
}

/**
 * Normalises the example's texts. A question-answering answer moves with its context: its text
 * is normalised too and found again where the normalised text before it ends. Returns false,
 * with @p lost naming the answer, when the normalised answer is no longer in the context.
 */
bool normalizeExample(const TextNormalizer& normalizer, Example& example, std::string& lost)
{
    if (!normalizer.options().any())
        return true;
    example.text = normalizer.normalize(example.text);
    const std::string context = example.textPair;
    example.textPair = normalizer.normalize(example.textPair);
    for (Answer& answer : example.answers) {
        const std::size_t near =
            normalizer
                .normalize(context.substr(0, std::size_t(std::max<std::int64_t>(0, answer.start))))
                .size();
        std::string text = normalizer.normalize(answer.text);
        const std::size_t at =
            text.empty() ? std::string::npos : nearestOccurrence(example.textPair, text, near);
        if (at == std::string::npos) {
            lost = answer.text;
            return false;
        }
        answer.text = std::move(text);
        answer.start = static_cast<std::int64_t>(at);
    }
    if (example.tokens.empty())
        return true;
    example.text.clear();
    for (std::string& token : example.tokens) {
        token = normalizer.normalize(token);
        example.text += (example.text.empty() ? "" : " ") + token;
    }
    return true;
}

} // namespace

std::string splitName(const std::string& name)
{
    const std::string canonical = canonicalSplitName(name);
    return canonical.empty() ? name : canonical;
}

std::string canonicalSplitName(const std::string& nameOrPath)
{
    std::string name = std::filesystem::path(nameOrPath).stem().string();
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (name == "train" || name == "training")
        return "train";
    if (name == "dev" || name == "devel" || name == "valid" || name == "val" ||
        name == "validation")
        return "validation";
    if (name == "test" || name == "testing")
        return "test";
    return {};
}

ImportSummary streamCorpus(const std::vector<CorpusSource>& sources, const ImportOptions& options,
                           const ExampleVisitor& visit)
{
    ImportSummary summary;
    summary.report = ImportReport(options.policy);
    std::int64_t total = 0;
    for (const CorpusSource& source : sources)
        total += sizeOf(source.path);
    ImportContext context(options, summary.report, total);
    const TextNormalizer normalizer(options.normalization);
    bool more = true;
    for (const CorpusSource& source : sources) {
        if (!more || context.cancelled())
            break;
        CorpusFormat format =
            options.format != CorpusFormat::Auto ? options.format : detectCorpusFormat(source.path);
        // A delimiter was chosen: a .txt file of "sentence@label" lines is delimited text.
        if (options.format == CorpusFormat::Auto && options.delimiter != 0 &&
            format == CorpusFormat::PlainText)
            format = CorpusFormat::Csv;
        const std::string split =
            source.split.empty() ? canonicalSplitName(source.path) : splitName(source.split);
        SourceInfo info = readSource(source.path, format, context, [&](Example& example) {
            std::string lost;
            if (!normalizeExample(normalizer, example, lost)) {
                context.report().skipRecord(
                    {example.source, example.line,
                     "the answer \"" + lost + "\" is not in its context once normalised",
                     "Import this question-answering file without text normalisation."});
                return !context.cancelled();
            }
            example.split = example.split.empty() ? split : splitName(example.split);
            ++summary.examples;
            more = visit(example);
            return more;
        });
        info.split = split;
        summary.sources.push_back(std::move(info));
    }
    return summary;
}

Corpus importCorpus(const std::vector<CorpusSource>& sources, const ImportOptions& options)
{
    Corpus corpus;
    ImportSummary summary = streamCorpus(sources, options, [&](Example& example) {
        corpus.examples().push_back(std::move(example));
        return true;
    });
    corpus.sources() = std::move(summary.sources);
    corpus.report() = std::move(summary.report);
    corpus.setNormalization(options.normalization);
    return corpus;
}

Corpus importCorpus(const std::string& path, const ImportOptions& options)
{
    return importCorpus(std::vector<CorpusSource>{{path, {}}}, options);
}

} // namespace domaintune
