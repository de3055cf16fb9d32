#include "core/train/objective.h"

#include "core/common/error.h"
#include "core/text/tokenizer.h"

namespace domaintune {
namespace {

namespace F = torch::nn::functional;

torch::Tensor padded(const FeatureSet& set, const std::vector<std::size_t>& indices,
                     std::int64_t length, std::int64_t fill,
                     const std::vector<std::int64_t> Feature::*field)
{
    auto tensor =
        torch::full({static_cast<std::int64_t>(indices.size()), length}, fill, torch::kLong);
    auto access = tensor.accessor<std::int64_t, 2>();
    for (std::size_t row = 0; row < indices.size(); ++row) {
        const auto& values = set.features[indices[row]].*field;
        for (std::size_t col = 0; col < values.size() && col < std::size_t(length); ++col)
            access[row][col] = values[col];
    }
    return tensor;
}

} // namespace

ObjectiveIds ObjectiveIds::of(const Tokenizer& tokenizer, std::int64_t vocabSize)
{
    ObjectiveIds ids;
    ids.pad = std::max(0, tokenizer.padId());
    for (const char* mask : {"[MASK]", "<mask>"})
        if (ids.mask < 0)
            ids.mask = tokenizer.tokenToId(mask);
    ids.vocabSize = vocabSize;
    return ids;
}

TrainBatch TrainBatch::to(const torch::Device& device) const
{
    if (device.is_cpu())
        return *this;
    TrainBatch moved = *this;
    for (auto* tensor :
         {&moved.inputs.inputIds, &moved.inputs.attentionMask, &moved.inputs.tokenTypeIds,
          &moved.inputs.scoredPositions, &moved.inputs.segmentIds, &moved.inputs.positionIds,
          &moved.inputs.firstTokens, &moved.labels, &moved.targets})
        if (tensor->defined())
            *tensor = tensor->to(device);
    return moved;
}

Objective::Objective(Task task, ObjectiveIds ids, double mlmProbability, bool wholeWordMasking,
                     torch::Tensor classWeights)
    : m_task(task), m_ids(ids), m_mlmProbability(mlmProbability), m_wholeWord(wholeWordMasking),
      m_classWeights(std::move(classWeights))
{
    if (taskInfo(m_task).objective == TaskObjective::MaskedLm && m_ids.mask < 0)
        throw Error("The tokenizer has no mask token ([MASK] or <mask>), which masked language "
                    "modelling needs. Choose an encoder model such as BERT or RoBERTa.");
}

TrainBatch Objective::makeBatch(const FeatureSet& features, const std::vector<std::size_t>& indices,
                                c10::optional<at::Generator> generator) const
{
    std::int64_t length = 1;
    TrainBatch batch;
    batch.size = static_cast<std::int64_t>(indices.size());
    for (auto i : indices) {
        length = std::max<std::int64_t>(length, features.features[i].ids.size());
        batch.realTokens += static_cast<std::int64_t>(features.features[i].ids.size());
    }
    batch.inputs.inputIds = padded(features, indices, length, m_ids.pad, &Feature::ids);
    batch.inputs.tokenTypeIds = padded(features, indices, length, 0, &Feature::typeIds);
    auto mask = torch::zeros({batch.size, length}, torch::kLong);
    for (std::size_t row = 0; row < indices.size(); ++row)
        mask[static_cast<std::int64_t>(row)]
            .narrow(0, 0, static_cast<std::int64_t>(features.features[indices[row]].ids.size()))
            .fill_(1);
    batch.inputs.attentionMask = mask;

    switch (taskInfo(m_task).objective) {
    case TaskObjective::CrossEntropy:
        batch.labels = padded(features, indices, 1, kIgnoredLabel, &Feature::labels).squeeze(1);
        break;
    case TaskObjective::BinaryCrossEntropy: {
        const auto labels = static_cast<std::int64_t>(features.labels.size());
        batch.targets = torch::zeros({batch.size, labels});
        for (std::size_t row = 0; row < indices.size(); ++row)
            for (std::int64_t c = 0; c < labels; ++c)
                batch.targets[static_cast<std::int64_t>(row)][c] =
                    features.features[indices[row]].targets[static_cast<std::size_t>(c)];
        break;
    }
    case TaskObjective::TokenCrossEntropy:
        batch.labels = padded(features, indices, length, kIgnoredLabel, &Feature::labels);
        break;
    case TaskObjective::CausalLm:
        batch.labels = batch.inputs.inputIds.masked_fill(mask.eq(0), kIgnoredLabel);
        break;
    case TaskObjective::MaskedLm:
        maskTokens(batch, features, indices, generator);
        batch.inputs.scoredPositions = batch.labels.ne(kIgnoredLabel);
        break;
    case TaskObjective::AnswerSpan: // [batch, 2]: start and end token of the answer
        batch.labels = padded(features, indices, 2, 0, &Feature::labels);
        break;
    }
    return batch;
}

void Objective::maskTokens(TrainBatch& batch, const FeatureSet& features,
                           const std::vector<std::size_t>& indices,
                           c10::optional<at::Generator> generator) const
{
    auto& ids = batch.inputs.inputIds;
    const auto words = padded(features, indices, ids.size(1), -1, &Feature::wordIds);
    const auto maskable = words.ge(0);
    torch::Tensor chosen;
    if (m_wholeWord) {
        // One draw per word; every token of a drawn word is masked together.
        const auto maxWord = words.max().item<std::int64_t>() + 1;
        const auto draws = torch::bernoulli(
            torch::full({ids.size(0), std::max<std::int64_t>(1, maxWord)}, m_mlmProbability),
            generator);
        chosen = draws.gather(1, words.clamp_min(0)).to(torch::kBool) & maskable;
    } else {
        chosen = torch::bernoulli(torch::full(ids.sizes(), m_mlmProbability), generator)
                     .to(torch::kBool) &
                 maskable;
    }
    batch.labels = ids.masked_fill(chosen.logical_not(), kIgnoredLabel);
    // transformers' recipe: 80% [MASK], 10% a random token, 10% unchanged.
    const auto replace =
        torch::bernoulli(torch::full(ids.sizes(), 0.8), generator).to(torch::kBool) & chosen;
    const auto randomise =
        torch::bernoulli(torch::full(ids.sizes(), 0.5), generator).to(torch::kBool) & chosen &
        replace.logical_not();
    const auto randomIds =
        torch::randint(m_ids.vocabSize, ids.sizes(), generator, torch::TensorOptions(torch::kLong));
    ids = ids.masked_fill(replace, m_ids.mask);
    ids = torch::where(randomise, randomIds, ids);
}

torch::Tensor Objective::loss(const ModelOutput& output, const TrainBatch& batch) const
{
    const auto& logits = output.logits;
    const TaskObjective objective = taskInfo(m_task).objective;
    if (objective == TaskObjective::AnswerSpan) // run_qa's loss: the mean of both ends'
        return (F::cross_entropy(output.startLogits, batch.labels.select(1, 0)) +
                F::cross_entropy(output.endLogits, batch.labels.select(1, 1))) /
               2;
    if (objective == TaskObjective::BinaryCrossEntropy)
        return F::binary_cross_entropy_with_logits(logits, batch.targets.to(logits.dtype()));
    if (objective == TaskObjective::CausalLm) {
        const auto shifted = logits.narrow(1, 0, logits.size(1) - 1);
        const auto targets = batch.labels.narrow(1, 1, batch.labels.size(1) - 1);
        return F::cross_entropy(shifted.reshape({-1, shifted.size(-1)}), targets.reshape({-1}),
                                F::CrossEntropyFuncOptions().ignore_index(kIgnoredLabel));
    }
    if (objective == TaskObjective::MaskedLm &&
        batch.inputs.scoredPositions.defined()) // logits [masked, vocab]
        return F::cross_entropy(logits, batch.labels.masked_select(batch.inputs.scoredPositions));
    auto options = F::CrossEntropyFuncOptions().ignore_index(kIgnoredLabel);
    if (m_classWeights.defined() && taskInfo(m_task).classWeights)
        options.weight(m_classWeights.to(logits.device(), logits.scalar_type()));
    return F::cross_entropy(logits.reshape({-1, logits.size(-1)}), batch.labels.reshape({-1}),
                            options);
}

double Objective::lossWeight(const TrainBatch& batch) const
{
    const TaskObjective objective = taskInfo(m_task).objective;
    if (objective == TaskObjective::AnswerSpan || objective == TaskObjective::BinaryCrossEntropy)
        return double(batch.size);
    if (objective == TaskObjective::CausalLm)
        return batch.labels.narrow(1, 1, batch.labels.size(1) - 1)
            .ne(kIgnoredLabel)
            .sum()
            .item<double>();
    const auto scored = batch.labels.ne(kIgnoredLabel);
    if (objective != TaskObjective::MaskedLm && m_classWeights.defined() &&
        taskInfo(m_task).classWeights)
        return m_classWeights.to(batch.labels.device())
            .index({batch.labels.masked_select(scored)})
            .sum()
            .item<double>();
    return scored.sum().item<double>();
}

} // namespace domaintune
