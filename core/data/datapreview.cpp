#include "core/data/datapreview.h"

#include "core/common/error.h"
#include "core/data/heldexamples.h"
#include "core/text/tokenizer.h"
#include "core/text/tokenizerfactory.h"

#include <algorithm>
#include <memory>
#include <utility>

namespace domaintune {

double DataPreview::imbalanceRatio() const
{
    if (statistics.labels.size() < 2)
        return 0;
    std::size_t most = 0, least = SIZE_MAX;
    for (const auto& [label, count] : statistics.labels) {
        most = std::max(most, count);
        least = std::min(least, count);
    }
    return least == 0 ? 0 : static_cast<double>(most) / static_cast<double>(least);
}

std::string DataPreview::rarestLabel() const
{
    std::string rarest;
    std::size_t least = SIZE_MAX;
    for (const auto& [label, count] : statistics.labels) {
        if (count < least) {
            least = count;
            rarest = label;
        }
    }
    return rarest;
}

DataPreview previewData(const DataPreviewRequest& request)
{
    DataPreview preview;
    HeldExampleLimits limits;
    limits.maxExamples = request.maxExamples;
    limits.maxBytes = request.maxBytes;
    limits.stopWhenFull = true;
    HeldExamples held = importHeldExamples({{request.path, {}}}, request.options, limits);
    std::vector<Example>& examples = held.examples;
    preview.partial = held.partial;
    preview.examplesRead = examples.size();
    if (!held.summary.sources.empty())
        preview.source = held.summary.sources.front();
    preview.report = std::move(held.summary.report);

    std::unique_ptr<Tokenizer> tokenizer;
    if (!request.tokenizerPath.empty()) {
        try {
            tokenizer = loadTokenizer(request.tokenizerPath);
        } catch (const Error& e) {
            preview.tokenizerError = e.what();
        }
    }
    StatisticsOptions statistics;
    statistics.tokenizer = tokenizer.get();
    statistics.maxLength = request.maxLength;
    preview.statistics = computeStatistics(examples, statistics);
    preview.questionAnswering =
        preview.source.format == CorpusFormat::Squad || !preview.source.mapping.answer.empty();
    if (preview.questionAnswering)
        preview.answers = computeAnswerStatistics(examples, tokenizer.get(), request.maxLength);
    LeakageOptions leakage;
    // Near-duplicate search is the slow part; a prefix of a large corpus stays interactive.
    leakage.nearDuplicates = examples.size() <= 50000;
    preview.leakage = checkLeakage(examples, leakage);
    for (const DuplicatePair& pair : preview.leakage.pairs)
        preview.duplicates.push_back({pair, examples[pair.first], examples[pair.second]});

    const std::size_t keep = std::min(request.sampleRows, examples.size());
    preview.sample.assign(std::make_move_iterator(examples.begin()),
                          std::make_move_iterator(examples.begin() + static_cast<long>(keep)));
    return preview;
}

} // namespace domaintune
