#include "core/export/exportsamples.h"

#include "core/text/tokenizerfactory.h"

#include <algorithm>

namespace domaintune {
namespace {

const char* const kSampleTexts[] = {
    "Operating profit rose to EUR 13.1 mn from EUR 8.7 mn in the corresponding period.",
    "The patient was given 5 mg of the drug twice daily.",
    "This Agreement shall be governed by the laws of the State of New York, without regard to "
    "its conflict of law provisions.",
};

std::int64_t longestInput(const ModelConfig& config)
{
    return std::max<std::int64_t>(1, config.maxPositions - config.positionOffset);
}

/** Pads @p rows on the right to one length with the model's padding id, masking the padding. */
ForwardInputs padded(const std::vector<std::vector<std::int64_t>>& rows, const ModelConfig& config)
{
    std::size_t length = 0;
    for (const auto& row : rows)
        length = std::max(length, row.size());
    ForwardInputs inputs;
    for (const auto& row : rows) {
        std::vector<std::int64_t> ids = row, mask(row.size(), 1);
        ids.resize(length, config.padTokenId.value_or(0));
        mask.resize(length, 0);
        inputs.inputIds.push_back(std::move(ids));
        inputs.attentionMask.push_back(std::move(mask));
    }
    return inputs;
}

/** Tokenized sample texts, or no rows when there is no usable tokenizer. */
std::vector<std::vector<std::int64_t>> tokenizedRows(const ModelConfig& config,
                                                     const std::string& folder)
{
    std::vector<std::vector<std::int64_t>> rows;
    if (folder.empty())
        return rows;
    try {
        const auto tokenizer = loadTokenizer(folder);
        EncodeOptions options;
        options.maxLength = std::size_t(std::min<std::int64_t>(48, longestInput(config)));
        options.threads = 1;
        for (const char* text : kSampleTexts) {
            const Encoding encoding = tokenizer->encode(text, options);
            std::vector<std::int64_t> row(encoding.ids.begin(), encoding.ids.end());
            const bool fits = std::all_of(row.begin(), row.end(), [&](std::int64_t id) {
                return id >= 0 && id < config.vocabSize;
            });
            if (row.empty() || !fits)
                return {};
            rows.push_back(std::move(row));
        }
    } catch (const std::exception&) {
        return {}; // no tokenizer beside the model: deterministic ids instead
    }
    return rows;
}

/** Three rows of 11, 7 and 3 real tokens from a fixed linear congruential sequence. */
std::vector<std::vector<std::int64_t>> deterministicRows(const ModelConfig& config)
{
    const std::int64_t length = std::min<std::int64_t>(11, longestInput(config));
    // Ids above the usual special tokens, so that no row holds padding ids in its middle.
    const std::uint64_t low = config.vocabSize > 8 ? 5 : 0;
    std::uint64_t state = 20240611;
    std::vector<std::vector<std::int64_t>> rows;
    for (std::int64_t row = 0; row < 3; ++row) {
        std::vector<std::int64_t> ids;
        for (std::int64_t t = 0; t < std::max<std::int64_t>(1, length - 4 * row); ++t) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            ids.push_back(
                std::int64_t(low + (state >> 33) % (std::uint64_t(config.vocabSize) - low)));
        }
        rows.push_back(std::move(ids));
    }
    return rows;
}

} // namespace

ExportSamples exportSamples(const ModelConfig& config, const std::string& tokenizerFolder)
{
    auto rows = tokenizedRows(config, tokenizerFolder);
    if (!rows.empty())
        return {padded(rows, config), "tokenized sample texts"};
    return {padded(deterministicRows(config), config), "deterministic token ids"};
}

} // namespace domaintune
