#include "commands.h"
#include "core/common/error.h"
#include "core/data/corpusimporter.h"
#include "core/data/corpusstatistics.h"
#include "core/data/datasetfingerprint.h"
#include "core/data/heldexamples.h"
#include "core/data/leakagechecker.h"
#include "core/data/splitter.h"
#include "core/data/splitwriter.h"
#include "core/text/tokenizerfactory.h"

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

namespace domaintune::cli {
namespace {

using Json = nlohmann::ordered_json;

const std::vector<std::string> kValueFlags = {"encoding",
                                              "format",
                                              "delimiter",
                                              "text-column",
                                              "text-pair-column",
                                              "label-column",
                                              "label-separator",
                                              "id-column",
                                              "split-column",
                                              "label-names",
                                              "tag-column",
                                              "model",
                                              "max-length",
                                              "output",
                                              "seed",
                                              "validation",
                                              "test",
                                              "near-threshold",
                                              "max-held-mb",
                                              "header"};
const std::vector<std::string> kSwitches = {"blocks",
                                            "nfkc",
                                            "halfwidth",
                                            "collapse-whitespace",
                                            "stop-at-first",
                                            "drop-duplicates",
                                            "no-near-duplicates",
                                            "no-stratify",
                                            "resplit"};

ImportOptions importOptions(const CommandLine& line)
{
    ImportOptions options;
    options.encoding = line.value("encoding");
    options.format = parseCorpusFormat(line.value("format", "auto"));
    options.delimiter = parseDelimiterName(line.value("delimiter"));
    if (line.has("header"))
        options.hasHeader = line.value("header") == "yes"  ? 1
                            : line.value("header") == "no" ? 0
                                                           : -1;
    options.mapping.text = line.value("text-column");
    options.mapping.textPair = line.value("text-pair-column");
    options.mapping.label = line.value("label-column");
    options.mapping.labelSeparator = line.value("label-separator");
    options.mapping.id = line.value("id-column");
    options.mapping.split = line.value("split-column");
    options.labelMapFile = line.value("label-names");
    options.conllTagColumn = static_cast<int>(line.integer("tag-column", -1));
    options.textUnit = line.has("blocks") ? TextUnit::Block : TextUnit::File;
    options.normalization.nfkc = line.has("nfkc");
    options.normalization.fullWidthToHalfWidth = line.has("halfwidth");
    options.normalization.collapseWhitespace = line.has("collapse-whitespace");
    options.policy =
        line.has("stop-at-first") ? BadInputPolicy::StopAtFirst : BadInputPolicy::SkipAndReport;
    std::int64_t lastPercent = -1;
    options.progress = [lastPercent](std::int64_t done, std::int64_t total) mutable {
        const std::int64_t percent = total > 0 ? done * 100 / total : 100;
        if (percent / 10 != lastPercent / 10)
            std::cerr << "reading: " << percent << "%\n";
        lastPercent = percent;
    };
    return options;
}

// FILE, or SPLIT=FILE to name the split of a file (e.g. train=FIN5.txt).
std::vector<CorpusSource> sourcesOf(const std::vector<std::string>& arguments)
{
    std::vector<CorpusSource> sources;
    for (std::size_t i = 1; i < arguments.size(); ++i) {
        const std::string& argument = arguments[i];
        const std::size_t eq = argument.find('=');
        if (eq != std::string::npos && !std::filesystem::exists(argument))
            sources.push_back({argument.substr(eq + 1), argument.substr(0, eq)});
        else
            sources.push_back({argument, {}});
    }
    if (sources.empty())
        throw Error("Give the file(s) to read: domaintune-cli data " + arguments[0] +
                    " FILE [SPLIT=FILE...]; see --help.");
    return sources;
}

Json mappingJson(const ColumnMapping& mapping)
{
    Json json = Json::object();
    for (const auto& [key, value] :
         {std::pair<const char*, const std::string*>{"text", &mapping.text},
          {"text_pair", &mapping.textPair},
          {"label", &mapping.label},
          {"label_separator", &mapping.labelSeparator},
          {"id", &mapping.id},
          {"split", &mapping.split},
          {"answer", &mapping.answer},
          {"answer_start", &mapping.answerStart}})
        if (!value->empty())
            json[key] = *value;
    return json;
}

Json sourceJson(const SourceInfo& info)
{
    Json json = {{"path", info.path},
                 {"format", corpusFormatName(info.format)},
                 {"encoding", info.encoding},
                 {"rows", info.examples},
                 {"columns", info.columns}};
    if (!info.split.empty())
        json["split"] = info.split;
    if (info.format == CorpusFormat::Csv) {
        json["delimiter"] =
            info.delimiter == '\t' ? std::string("tab") : std::string(1, info.delimiter);
        json["header"] = info.hasHeader;
    }
    if (!info.mapping.text.empty() || !info.mapping.label.empty())
        json["mapping"] = mappingJson(info.mapping);
    if (info.format == CorpusFormat::Conll) {
        json["tag_scheme"] = info.tagScheme;
        json["entity_types"] = info.entityTypes;
        json["documents"] = info.documents;
    }
    return json;
}

Json reportJson(const ImportReport& report)
{
    Json issues = Json::array();
    for (const ImportIssue& issue : report.issues())
        issues.push_back({{"file", issue.file},
                          {"line", issue.line},
                          {"what", issue.what},
                          {"hint", issue.hint}});
    return {{"issue_count", report.issueCount()},
            {"skipped_records", report.skippedRecords()},
            {"invalid_sequences", report.invalidSequences()},
            {"issues", std::move(issues)}};
}

Json statisticsJson(const CorpusStatistics& stats, std::size_t maxLength)
{
    Json json = {{"examples", stats.examples},
                 {"empty", stats.empty},
                 {"very_short", stats.veryShort},
                 {"characters", stats.characters}};
    if (!stats.tags.empty())
        json["tags"] = stats.tags;
    if (!stats.tokenized)
        return json;
    Json histogram = Json::array();
    for (const LengthBucket& bucket : stats.histogram)
        histogram.push_back({{"up_to", bucket.upTo}, {"count", bucket.count}});
    json["token_lengths"] = {
        {"histogram", std::move(histogram)}, {"max", stats.maxTokens},
        {"mean", stats.meanTokens},          {"max_length", maxLength},
        {"truncated", stats.truncated},      {"truncated_share", stats.truncatedShare}};
    json["unknown_token"] = stats.unknownToken;
    json["unknown_rate"] = stats.unknownRate;
    json["tokens"] = stats.tokens;
    json["words"] = stats.words;
    json["fertility"] = stats.fertility;
    return json;
}

Json pairJson(const std::vector<Example>& examples, const DuplicatePair& pair)
{
    const auto side = [&](std::size_t index) {
        const Example& example = examples[index];
        return Json{
            {"index", index},
            {"split", example.split},
            {"source", example.source +
                           (example.line > 0 ? ":" + std::to_string(example.line) : std::string())},
            {"text", example.text.substr(0, 200)}};
    };
    return {{"kind", pair.kind},
            {"similarity", pair.similarity},
            {"across_splits", pair.acrossSplits},
            {"first", side(pair.first)},
            {"second", side(pair.second)}};
}

Json leakageJson(const std::vector<Example>& examples, const LeakageReport& report)
{
    Json pairs = Json::array();
    for (const DuplicatePair& pair : report.pairs)
        pairs.push_back(pairJson(examples, pair));
    return {
        {"exact", {{"within", report.exactWithin}, {"across", report.exactAcross}}},
        {"normalized", {{"within", report.normalizedWithin}, {"across", report.normalizedAcross}}},
        {"near", {{"within", report.nearWithin}, {"across", report.nearAcross}}},
        {"droppable", report.droppable.size()},
        {"examples", std::move(pairs)}};
}

LeakageOptions leakageOptions(const CommandLine& line)
{
    LeakageOptions options;
    options.nearDuplicates = !line.has("no-near-duplicates");
    if (line.has("near-threshold"))
        options.threshold = std::stod(line.value("near-threshold"));
    return options;
}

Json corpusJson(const Corpus& corpus, const CommandLine& line)
{
    const SourceInfo& first = corpus.sources().front();
    Json json = {{"format", corpusFormatName(first.format)},
                 {"encoding", first.encoding},
                 {"rows", corpus.size()},
                 {"columns", first.columns}};
    Json sources = Json::array();
    for (const SourceInfo& info : corpus.sources())
        sources.push_back(sourceJson(info));
    json["sources"] = std::move(sources);
    json["labels"] = corpus.labelCounts();
    json["splits"] = corpus.splitCounts();
    json["normalization"] = corpus.normalization().describe();
    StatisticsOptions statistics;
    std::unique_ptr<Tokenizer> tokenizer;
    if (line.has("model")) {
        tokenizer = loadTokenizer(line.modelFolder());
        statistics.tokenizer = tokenizer.get();
    }
    statistics.maxLength = static_cast<std::size_t>(line.integer("max-length", 512));
    json["statistics"] =
        statisticsJson(computeStatistics(corpus.examples(), statistics), statistics.maxLength);
    return json;
}

// Refuses an import that read nothing, and prints its problems as warnings.
void checkImport(const std::vector<SourceInfo>& sources, const ImportReport& report)
{
    if (sources.empty())
        throw Error("Nothing was read; check the paths given.");
    for (const ImportIssue& issue : report.issues())
        std::cerr << "warning: " << issue.message() << '\n';
}

Corpus readCorpus(const CommandLine& line)
{
    Corpus corpus = importCorpus(sourcesOf(line.positionals()), importOptions(line));
    checkImport(corpus.sources(), corpus.report());
    return corpus;
}

// data inspect keeps at most --max-held-mb of examples in memory (heldexamples.h): rows,
// labels, splits and problems cover the whole input, the statistics, duplicates and
// fingerprint the examples held (all of them unless the data is larger).
int inspect(const CommandLine& line)
{
    const std::int64_t megabytes = line.integer("max-held-mb", 256);
    if (megabytes < 1)
        throw Error("--max-held-mb takes a number of megabytes of at least 1 (the default is "
                    "256).");
    const ImportOptions options = importOptions(line);
    HeldExampleLimits limits;
    limits.maxBytes = static_cast<std::uint64_t>(megabytes) << 20;
    HeldExamples held = importHeldExamples(sourcesOf(line.positionals()), options, limits);
    checkImport(held.summary.sources, held.summary.report);
    Corpus corpus;
    corpus.examples() = std::move(held.examples);
    corpus.sources() = std::move(held.summary.sources);
    corpus.report() = std::move(held.summary.report);
    corpus.setNormalization(options.normalization);

    Json json = corpusJson(corpus, line);
    json["rows"] = held.rows;
    json["labels"] = held.labels;
    json["splits"] = held.splits;
    json["held"] = {{"examples", corpus.size()},
                    {"megabytes", static_cast<double>(held.heldBytes) / (1 << 20)},
                    {"partial", held.partial}};
    json["leakage"] =
        leakageJson(corpus.examples(), checkLeakage(corpus.examples(), leakageOptions(line)));
    if (held.partial) {
        // A fingerprint of a prefix would name data no run trains on: none rather than a wrong one.
        json["fingerprint"] = nullptr;
        std::cerr << "warning: the data is larger than --max-held-mb " << megabytes
                  << ": the statistics and the duplicate check cover the first " << corpus.size()
                  << " of " << held.rows
                  << " examples, and no fingerprint is given; rows, labels, splits and problems "
                     "cover all of them. Raise --max-held-mb to measure everything.\n";
    } else {
        json["fingerprint"] = datasetFingerprint(corpus.examples(), corpus.normalization());
    }
    json["report"] = reportJson(corpus.report());
    std::cout << json.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
    return 0;
}

int split(const CommandLine& line)
{
    const std::string output = line.required("output");
    if (line.has("max-held-mb"))
        throw Error("--max-held-mb is for data inspect; data split keeps every example, since it "
                    "writes them all.");
    Corpus corpus = readCorpus(line);
    SplitOptions options;
    options.seed = static_cast<std::uint64_t>(line.integer("seed", 42));
    options.validation = line.has("validation") ? std::stod(line.value("validation")) : 0.1;
    options.test = line.has("test") ? std::stod(line.value("test")) : 0.1;
    options.stratify = !line.has("no-stratify");
    options.keepExisting = !line.has("resplit");
    assignSplits(corpus.examples(), options);
    const LeakageReport leakage = checkLeakage(corpus.examples(), leakageOptions(line));
    Json json = corpusJson(corpus, line);
    json["leakage"] = leakageJson(corpus.examples(), leakage);
    if (line.has("drop-duplicates")) {
        json["dropped"] = dropDuplicates(corpus.examples(), leakage);
        json["splits"] = corpus.splitCounts();
        json["rows"] = corpus.size();
    }
    Json files = Json::object();
    for (const auto& [name, path] : writeSplitsJsonl(corpus.examples(), output))
        files[name] = path;
    json["output"] = output;
    json["files"] = std::move(files);
    json["fingerprint"] = datasetFingerprint(corpus.examples(), corpus.normalization());
    json["report"] = reportJson(corpus.report());
    std::cout << json.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
    return 0;
}

} // namespace

int runData(CommandLine& commandLine)
{
    const std::vector<std::string>& arguments = commandLine.positionals();
    if (!arguments.empty() && arguments[0] == "debian-licenses")
        return dataDebianLicenses(commandLine); // checks its own options
    if (!arguments.empty() && arguments[0] == "general-corpus")
        return dataGeneralCorpus(commandLine); // checks its own options
    commandLine.allowOnly(kValueFlags, kSwitches);
    if (arguments.empty())
        throw Error("Give a data action: inspect, split, debian-licenses or general-corpus; see "
                    "domaintune-cli data --help.");
    if (arguments[0] == "inspect")
        return inspect(commandLine);
    if (arguments[0] == "split")
        return split(commandLine);
    throw Error("Unknown data action \"" + arguments[0] +
                "\"; use inspect, split, debian-licenses or general-corpus.");
}

} // namespace domaintune::cli
