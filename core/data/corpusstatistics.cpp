#include "core/data/corpusstatistics.h"

#include "core/text/tokenizer.h"
#include "core/text/unicodeutil.h"

#include <algorithm>

namespace domaintune {
namespace {

void countTexts(const std::vector<Example>& examples, const StatisticsOptions& options,
                CorpusStatistics& stats)
{
    for (const Example& example : examples) {
        for (const std::string& label : example.labels)
            ++stats.labels[label];
        ++stats.splits[example.split];
        for (const std::string& tag : example.tags)
            ++stats.tags[tag];
        // Text and pair counted apart: a huge text is not copied to be measured.
        const std::size_t characters =
            unicode::countCharacters(example.text) + unicode::countCharacters(example.textPair);
        stats.characters += characters;
        if (example.text.find_first_not_of(" \t\r\n") == std::string::npos &&
            example.textPair.find_first_not_of(" \t\r\n") == std::string::npos)
            ++stats.empty;
        else if (characters < options.shortCharacters)
            ++stats.veryShort;
    }
}

int unknownId(const Tokenizer& tokenizer, std::string& name)
{
    for (const char* candidate : {"[UNK]", "<unk>", "<UNK>"}) {
        const int id = tokenizer.tokenToId(candidate);
        if (id >= 0) {
            name = candidate;
            return id;
        }
    }
    return -1;
}

void addLength(std::size_t length, CorpusStatistics& stats)
{
    if (stats.histogram.empty())
        stats.histogram.push_back({8, 0});
    std::size_t index = 0;
    while (stats.histogram[index].upTo < length) {
        if (++index == stats.histogram.size())
            stats.histogram.push_back({stats.histogram.back().upTo * 2, 0});
    }
    ++stats.histogram[index].count;
    stats.maxTokens = std::max(stats.maxTokens, length);
}

void addEncoding(const Encoding& encoding, int unk, std::size_t maxLength, CorpusStatistics& stats)
{
    addLength(encoding.size(), stats);
    stats.truncated += encoding.size() > maxLength ? 1 : 0;
    for (std::size_t i = 0; i < encoding.size(); ++i) {
        if (encoding.specialTokensMask[i] != 0)
            continue;
        ++stats.tokens;
        stats.unknownTokens += encoding.ids[i] == unk ? 1 : 0;
    }
}

// An example with a text over Tokenizer::kHugeTextBytes: counted in chunks, never encoded whole
// (a 97 MB line took gigabytes as one Encoding).
void addHugeExample(const Example& example, const Tokenizer& tokenizer, int unk,
                    std::size_t maxLength, CorpusStatistics& stats, std::size_t& totalLength)
{
    const bool pair = !example.textPair.empty();
    const Tokenizer::TokenCount first = tokenizer.count(example.text, unk);
    const Tokenizer::TokenCount second =
        pair ? tokenizer.count(example.textPair, unk) : Tokenizer::TokenCount{};
    const std::size_t length =
        first.tokens + second.tokens + tokenizer.tokenTemplate().specialCount(pair);
    addLength(length, stats);
    stats.truncated += length > maxLength ? 1 : 0;
    stats.tokens += first.tokens - first.special + second.tokens - second.special;
    stats.unknownTokens += first.unknown + second.unknown;
    totalLength += length;
}

// Tokenizes in batches so memory stays bounded on large corpora.
void countTokens(const std::vector<Example>& examples, const StatisticsOptions& options,
                 CorpusStatistics& stats)
{
    const Tokenizer& tokenizer = *options.tokenizer;
    const int unk = unknownId(tokenizer, stats.unknownToken);
    EncodeOptions encode;
    encode.threads = options.threads;
    std::size_t totalLength = 0;
    for (std::size_t start = 0; start < examples.size(); start += 4096) {
        std::vector<std::string> singles;
        std::vector<std::pair<std::string, std::string>> pairs;
        for (std::size_t i = start; i < std::min(examples.size(), start + 4096); ++i) {
            const Example& example = examples[i];
            stats.words += countWords(example.text) + countWords(example.textPair);
            if (std::max(example.text.size(), example.textPair.size()) > Tokenizer::kHugeTextBytes)
                addHugeExample(example, tokenizer, unk, options.maxLength, stats, totalLength);
            else if (example.textPair.empty())
                singles.push_back(example.text);
            else
                pairs.emplace_back(example.text, example.textPair);
        }
        for (const Encoding& encoding : tokenizer.encodeBatch(singles, encode)) {
            addEncoding(encoding, unk, options.maxLength, stats);
            totalLength += encoding.size();
        }
        for (const Encoding& encoding : tokenizer.encodePairBatch(pairs, encode)) {
            addEncoding(encoding, unk, options.maxLength, stats);
            totalLength += encoding.size();
        }
    }
    const auto share = [](std::size_t part, std::size_t whole) {
        return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
    };
    stats.meanTokens = share(totalLength, examples.size());
    stats.truncatedShare = share(stats.truncated, examples.size());
    stats.unknownRate = share(stats.unknownTokens, stats.tokens);
    stats.fertility = share(stats.tokens, stats.words);
    stats.tokenized = true;
}

} // namespace
std::size_t countWords(const std::string& text)
{
    std::size_t words = 0;
    bool inWord = false;
    for (std::size_t pos = 0; pos < text.size();) {
        std::size_t length = 1;
        const char32_t c = unicode::decode(text, pos, length);
        pos += length;
        if (unicode::isWhiteSpace(c)) {
            inWord = false;
        } else if (unicode::isCjkIdeograph(c)) {
            ++words;
            inWord = false;
        } else if (!inWord) {
            ++words;
            inWord = true;
        }
    }
    return words;
}

CorpusStatistics computeStatistics(const std::vector<Example>& examples,
                                   const StatisticsOptions& options)
{
    CorpusStatistics stats;
    stats.examples = examples.size();
    countTexts(examples, options, stats);
    if (options.tokenizer != nullptr)
        countTokens(examples, options, stats);
    return stats;
}

} // namespace domaintune
