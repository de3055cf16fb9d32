// bench_packing: real (non-padding) tokens per second of training steps with sequence packing
// (core/train/packing.h) next to length grouping, on one epoch of a corpus: random batches,
// length-grouped batches, and each of those packed into rows of the maximum length.
//
//   build/bench/bench_packing MODEL_DIR [TEXTS] [THREADS=1] [BATCHES=24]
//
// MODEL_DIR: a BERT-family model folder (weights and tokenizer; all-MiniLM-L6-v2 is
// `domaintune-cli models default`). TEXTS: a corpus file (e.g. the PhraseBank split of
// bench/tta/run.sh) whose texts are tokenised at 128 tokens and trained as 3-class
// classification; without it, a skewed synthetic corpus (log-normal lengths, many short and a
// few long texts). Batches of 32, AdamW, all layers. Prints one JSON object.
#include "core/train/packing.h"

#include "core/common/systeminfo.h"
#include "core/data/corpusimporter.h"
#include "core/model/pretrainedmodel.h"
#include "core/model/taskmodel.h"
#include "core/text/tokenizerfactory.h"
#include "core/train/batchplanner.h"
#include "core/train/featurizer.h"

#include <ATen/Parallel.h>

#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>

using namespace domaintune;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::int64_t kMaxLength = 128;

FeatureSet skewedCorpus(int examples)
{
    std::mt19937 random(3);
    std::lognormal_distribution<double> lengths(3.2, 0.8);
    FeatureSet set;
    set.labels = {"a", "b", "c"};
    for (int i = 0; i < examples; ++i) {
        Feature feature;
        const auto length = std::clamp<std::int64_t>(std::int64_t(lengths(random)), 4, kMaxLength);
        feature.ids.assign(std::size_t(length), 1000 + i % 7000);
        feature.ids.front() = 101;
        feature.typeIds.assign(std::size_t(length), 0);
        feature.labels = {std::int64_t(i % 3)};
        set.features.push_back(feature);
    }
    return set;
}

FeatureSet corpusFeatures(const std::string& path, const Tokenizer& tokenizer, std::size_t limit)
{
    auto examples = importCorpus(path).examples();
    if (examples.size() > limit)
        examples.resize(limit);
    for (std::size_t i = 0; i < examples.size(); ++i) // three classes, whatever the file says
        examples[i].labels = {std::string(1, char('a' + i % 3))};
    return Featurizer(tokenizer, Task::SequenceClassification, kMaxLength, {"a", "b", "c"})
        .build(examples);
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::cerr << "usage: bench_packing MODEL_DIR [TEXTS] [THREADS=1] [BATCHES=24]\n";
        return 2;
    }
    tuneProcessForTensors();
    const std::string modelDir = argv[1];
    const std::string texts = argc > 2 ? argv[2] : "";
    const int threads = argc > 3 ? std::atoi(argv[3]) : 1;
    const int batches = argc > 4 ? std::atoi(argv[4]) : 24;
    at::set_num_threads(threads);
    const auto tokenizer = loadTokenizer(modelDir);
    const FeatureSet set = texts.empty() ? skewedCorpus(batches * 32)
                                         : corpusFeatures(texts, *tokenizer, batches * 32);
    std::vector<std::int64_t> sizes;
    for (const auto& feature : set.features)
        sizes.push_back(std::int64_t(feature.ids.size()));
    const Objective objective(Task::SequenceClassification,
                              ObjectiveIds::of(*tokenizer, tokenizer->vocabSize()), 0.15, false);
    const std::int64_t pad = std::max(0, tokenizer->padId());

    nlohmann::json result = {{"threads", threads},
                             {"corpus", texts.empty() ? "skewed synthetic" : texts},
                             {"examples", set.features.size()},
                             {"model", modelDir}};
    for (const bool grouped : {false, true})
        for (const bool packed : {false, true}) {
            ModelLoadOptions load;
            load.head = HeadKind::SequenceClassification;
            load.labels = {"a", "b", "c"};
            const auto model = PretrainedModel::load(modelDir, load);
            auto& module = model->module();
            module.train();
            torch::optim::AdamW optimizer(module.parameters(), torch::optim::AdamWOptions(2e-5));
            const auto plan = BatchPlanner(sizes, 32, grouped, 1).epoch(0);
            std::int64_t tokens = 0, rows = 0, cells = 0;
            const auto start = Clock::now();
            for (const auto& indices : plan) {
                auto batch = objective.makeBatch(set, indices);
                if (packed)
                    batch = packBatch(batch, pad, kMaxLength);
                objective.loss(module.forward(batch.inputs), batch).backward();
                optimizer.step();
                for (auto& parameter : module.parameters())
                    parameter.mutable_grad().reset();
                tokens += batch.realTokens;
                rows += batch.inputs.inputIds.size(0);
                cells += batch.inputs.inputIds.numel();
            }
            const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
            result[std::string(grouped ? "grouped" : "random") + (packed ? "+packed" : "")] = {
                {"real_tokens_per_s", double(tokens) / seconds},
                {"seconds", seconds},
                {"rows", rows},
                {"padding_share", 1.0 - double(tokens) / double(cells)}};
        }
    const auto rate = [&](const char* mode) {
        return result[mode]["real_tokens_per_s"].get<double>();
    };
    result["packed_over_grouped"] = rate("grouped+packed") / rate("grouped");
    result["packed_over_random"] = rate("random+packed") / rate("random");
    std::cout << result.dump(2) << '\n';
    return 0;
}
