#include "core/train/evaluator.h"

#include "core/train/rankgroup.h"
#include "core/train/spananswer.h"
#include "core/train/squadmetric.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>

namespace domaintune {
namespace {

/** Collected predictions of one evaluation pass. */
struct Collected
{
    double lossSum = 0;
    std::int64_t batches = 0;
    std::vector<std::int64_t> truth, predicted;                   // seq-cls
    std::vector<std::vector<std::uint8_t>> multiTruth, multiPred; // multi-label
    std::vector<std::vector<std::string>> goldTags, guessedTags;  // token-cls
    std::int64_t tokensRight = 0, tokensSeen = 0;
    std::map<std::size_t, std::pair<std::vector<float>, std::vector<float>>> spanLogits; // qa
    double exactMatch = 0, f1 = 0;       // qa: means over the examples, 0..1
    std::vector<QuestionAnswer> answers; // qa
};

void collect(Task task, const ModelOutput& output, const TrainBatch& batch,
             const std::vector<std::string>& labels, Collected& out)
{
    const TaskReport report = taskInfo(task).report;
    if (report == TaskReport::SingleLabel) {
        const auto predicted = output.logits.argmax(-1);
        for (std::int64_t i = 0; i < batch.size; ++i) {
            out.truth.push_back(batch.labels[i].item<std::int64_t>());
            out.predicted.push_back(predicted[i].item<std::int64_t>());
        }
    } else if (report == TaskReport::MultiLabel) {
        const auto predicted = output.logits.sigmoid().gt(0.5).to(torch::kByte).contiguous();
        const auto truth = batch.targets.gt(0.5).to(torch::kByte).contiguous();
        for (std::int64_t i = 0; i < batch.size; ++i) {
            const auto* p = predicted[i].data_ptr<std::uint8_t>();
            const auto* t = truth[i].data_ptr<std::uint8_t>();
            out.multiPred.emplace_back(p, p + predicted.size(1));
            out.multiTruth.emplace_back(t, t + truth.size(1));
        }
    } else if (report == TaskReport::Entities) {
        const auto predicted = output.logits.argmax(-1);
        for (std::int64_t i = 0; i < batch.size; ++i) {
            std::vector<std::string> gold, guess;
            for (std::int64_t t = 0; t < batch.labels.size(1); ++t) {
                const auto label = batch.labels[i][t].item<std::int64_t>();
                if (label == kIgnoredLabel)
                    continue;
                const auto guessed = predicted[i][t].item<std::int64_t>();
                gold.push_back(labels[static_cast<std::size_t>(label)]);
                guess.push_back(labels[static_cast<std::size_t>(guessed)]);
                out.tokensRight += label == guessed;
                ++out.tokensSeen;
            }
            out.goldTags.push_back(std::move(gold));
            out.guessedTags.push_back(std::move(guess));
        }
    }
}

void summarise(Task task, const std::vector<std::string>& labels, const Collected& in,
               Evaluation& out)
{
    const double loss = in.batches ? in.lossSum / double(in.batches) : 0.0;
    out.metrics["loss"] = loss;
    out.labels = labels;
    const TaskReport kind = taskInfo(task).report;
    if (kind == TaskReport::Squad) {
        out.metrics["exact_match"] = 100.0 * in.exactMatch;
        out.metrics["f1"] = 100.0 * in.f1;
    } else if (kind == TaskReport::Perplexity) {
        out.metrics["perplexity"] = std::exp(std::min(loss, 50.0));
    } else if (kind == TaskReport::Entities) {
        const auto report = entityReport(in.goldTags, in.guessedTags);
        out.metrics["precision"] = report.micro.precision;
        out.metrics["recall"] = report.micro.recall;
        out.metrics["f1"] = report.micro.f1;
        out.metrics["f1_macro"] = report.macro.f1;
        out.metrics["token_accuracy"] =
            in.tokensSeen ? double(in.tokensRight) / double(in.tokensSeen) : 0.0;
        out.perClass = report.perType;
    } else {
        const auto report = kind == TaskReport::SingleLabel
                                ? classificationReport(in.truth, in.predicted, labels)
                                : multiLabelReport(in.multiTruth, in.multiPred, labels);
        out.metrics["accuracy"] = report.accuracy;
        out.metrics["f1_macro"] = report.macro.f1;
        out.metrics["f1_micro"] = report.micro.f1;
        out.metrics["f1_weighted"] = report.weighted.f1;
        out.metrics["precision_macro"] = report.macro.precision;
        out.metrics["recall_macro"] = report.macro.recall;
        out.confusion = report.confusion;
        out.perClass = report.perClass;
    }
}

/** @p in as JSON, for the ranks of a data-parallel run to pool their shares (no QA logits). */
nlohmann::json shareOf(const Collected& in)
{
    return {{"truth", in.truth},
            {"predicted", in.predicted},
            {"multi_truth", in.multiTruth},
            {"multi_predicted", in.multiPred},
            {"gold_tags", in.goldTags},
            {"guessed_tags", in.guessedTags},
            {"tokens_right", in.tokensRight},
            {"tokens_seen", in.tokensSeen}};
}

template <typename T>
void append(std::vector<T>& to, const nlohmann::json& from)
{
    for (const auto& item : from)
        to.push_back(item.get<T>());
}

/** Every rank's predictions in one Collected (rank order; the metrics do not depend on it). */
Collected pooled(RankGroup& group, const Collected& mine)
{
    Collected all;
    // Numbers as numbers: a NaN loss has no JSON form.
    const auto sums = group.sum({mine.lossSum, double(mine.batches)});
    all.lossSum = sums[0];
    all.batches = static_cast<std::int64_t>(sums[1]);
    for (const std::string& bytes : group.gatherBytes(shareOf(mine).dump())) {
        const auto share = nlohmann::json::parse(bytes);
        append(all.truth, share.at("truth"));
        append(all.predicted, share.at("predicted"));
        append(all.multiTruth, share.at("multi_truth"));
        append(all.multiPred, share.at("multi_predicted"));
        append(all.goldTags, share.at("gold_tags"));
        append(all.guessedTags, share.at("guessed_tags"));
        all.tokensRight += share.at("tokens_right").get<std::int64_t>();
        all.tokensSeen += share.at("tokens_seen").get<std::int64_t>();
    }
    return all;
}

} // namespace

Evaluation evaluate(TaskModelImpl& model, const Objective& objective, const FeatureSet& features,
                    std::int64_t batchSize, std::uint64_t seed, const TrainingControl& control,
                    RankGroup* group)
{
    const bool wasTraining = model.is_training();
    model.eval();
    torch::NoGradGuard noGrad;
    auto generator = at::make_generator<at::CPUGeneratorImpl>(seed);
    // Sorting by length keeps padding low; order does not change the metrics.
    std::vector<std::size_t> order(features.features.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return features.features[a].ids.size() < features.features[b].ids.size();
    });
    Collected collected;
    bool complete = true;
    // Data-parallel: batch b is evaluated by rank b % ranks and the predictions pooled, except
    // for question answering (answers need every window's logits), which each rank does whole.
    const bool squad = taskInfo(objective.task()).report == TaskReport::Squad;
    const bool shard = group && !squad;
    const std::size_t ranks = shard ? std::size_t(group->size()) : 1;
    std::size_t batchNumber = 0;
    for (std::size_t start = 0; start < order.size();
         start += std::size_t(batchSize), ++batchNumber) {
        if (batchNumber % ranks == 0) { // with a group, the ranks stop at the same batch
            bool cancel = control.cancelRequested();
            if (group)
                cancel = group->max({cancel ? 1.0 : 0.0}).front() > 0;
            if (cancel) {
                complete = false;
                break;
            }
        }
        const std::vector<std::size_t> indices(
            order.begin() + long(start),
            order.begin() + long(std::min(order.size(), start + std::size_t(batchSize))));
        const auto device = model.parameters().front().device();
        // Made by every rank: masked-LM masks come from one generator stream, in batch order.
        auto cpuBatch = objective.makeBatch(features, indices, generator);
        if (shard && batchNumber % ranks != std::size_t(group->rank()))
            continue;
        const auto batch = cpuBatch.to(device);
        const auto output = model.forward(batch.inputs);
        collected.lossSum += objective.loss(output, batch).item<double>();
        ++collected.batches;
        collect(objective.task(), output, batch, features.labels, collected);
        if (taskInfo(objective.task()).report == TaskReport::Squad) {
            const auto starts = output.startLogits.to(torch::kCPU, torch::kFloat).contiguous();
            const auto ends = output.endLogits.to(torch::kCPU, torch::kFloat).contiguous();
            for (std::size_t row = 0; row < indices.size(); ++row) {
                const auto length = features.features[indices[row]].ids.size();
                const float* s = starts[long(row)].data_ptr<float>();
                const float* e = ends[long(row)].data_ptr<float>();
                collected.spanLogits[indices[row]] = {std::vector<float>(s, s + length),
                                                      std::vector<float>(e, e + length)};
            }
        }
    }
    if (shard && complete)
        collected = pooled(*group, collected);
    if (complete && squad && !features.spanExamples.empty()) {
        std::map<std::size_t, std::vector<std::size_t>> windows; // example -> its features
        for (std::size_t i = 0; i < features.features.size(); ++i)
            windows[static_cast<std::size_t>(features.features[i].example)].push_back(i);
        SpanAnswerOptions options;
        // SQuAD v2 data (a question without an answer) lets the model answer "no answer".
        options.allowNoAnswer =
            std::any_of(features.spanExamples.begin(), features.spanExamples.end(),
                        [](const SpanExample& example) {
                            return !example.context.empty() && example.answers.empty();
                        });
        for (std::size_t example = 0; example < features.spanExamples.size(); ++example) {
            const SpanExample& question = features.spanExamples[example];
            if (question.context.empty())
                continue; // an index without a QA example
            std::vector<SpanWindowLogits> logits;
            for (const std::size_t index : windows[example]) {
                auto found = collected.spanLogits.find(index);
                if (found != collected.spanLogits.end())
                    logits.push_back({&features.features[index], std::move(found->second.first),
                                      std::move(found->second.second)});
            }
            const SpanAnswer answer = pickSpanAnswer(question.context, logits, options);
            collected.exactMatch += squadExactMatch(answer.text, question.answers);
            collected.f1 += squadF1(answer.text, question.answers);
            collected.answers.push_back(
                {question.id.empty() ? std::to_string(collected.answers.size() + 1) : question.id,
                 answer});
        }
        if (!collected.answers.empty()) {
            collected.exactMatch /= double(collected.answers.size());
            collected.f1 /= double(collected.answers.size());
        }
    }
    Evaluation evaluation;
    summarise(objective.task(), features.labels, collected, evaluation);
    evaluation.complete = complete;
    evaluation.answers = std::move(collected.answers);
    model.train(wasTraining);
    return evaluation;
}

TrainingEvent evaluationEvent(const Evaluation& evaluation, double epoch)
{
    TrainingEvent event;
    event.kind = TrainingEventKind::Evaluation;
    event.epoch = epoch;
    event.metrics = evaluation.metrics;
    event.labels = evaluation.labels;
    event.confusion = evaluation.confusion;
    event.perClass = evaluation.perClass;
    return event;
}

} // namespace domaintune
