#include "core/train/packing.h"

#include <algorithm>
#include <numeric>

namespace domaintune {

bool packingSupported(Task task, const ModelConfig& config, std::string* why)
{
    const auto objective = taskInfo(task).objective;
    if (objective != TaskObjective::CrossEntropy &&
        objective != TaskObjective::BinaryCrossEntropy && objective != TaskObjective::MaskedLm) {
        if (why)
            *why = "Packing several examples into one row works for classification and masked "
                   "language modelling; this task scores tokens by their position in the row. "
                   "Turn packing off for it.";
        return false;
    }
    if (config.family != ModelFamily::Bert) {
        if (why)
            *why = "Packing several examples into one row needs a BERT-family encoder (BERT, "
                   "RoBERTa, XLM-R, CamemBERT); this model is a " +
                   config.modelType + ". Turn packing off for it.";
        return false;
    }
    return true;
}

TrainBatch packBatch(const TrainBatch& batch, std::int64_t padId, std::int64_t rowLength)
{
    const ModelBatch& in = batch.inputs;
    const std::int64_t examples = in.inputIds.size(0);
    const std::int64_t length = std::max(in.inputIds.size(1), rowLength);
    const std::int64_t width = in.inputIds.size(1);
    std::vector<std::int64_t> lengths(static_cast<std::size_t>(examples), width);
    if (in.attentionMask.defined()) {
        const auto sums = in.attentionMask.ne(0).sum(1).to(torch::kLong).contiguous();
        std::copy_n(sums.data_ptr<std::int64_t>(), examples, lengths.begin());
    }
    // First-fit decreasing: the longest example first, each into the first row with room.
    std::vector<std::size_t> order(lengths.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return lengths[a] > lengths[b]; });
    std::vector<std::int64_t> used, count, rowOf(lengths.size()), offsetOf(lengths.size()),
        segmentOf(lengths.size());
    for (const auto e : order) {
        std::size_t row = 0;
        while (row < used.size() && used[row] + lengths[e] > length)
            ++row;
        if (row == used.size()) {
            used.push_back(0);
            count.push_back(0);
        }
        rowOf[e] = std::int64_t(row);
        offsetOf[e] = used[row];
        segmentOf[e] = ++count[row];
        used[row] += lengths[e];
    }
    const auto rows = static_cast<std::int64_t>(used.size());
    if (rows == examples)
        return batch;

    // Where each real token goes: from (example, t) of the padded batch to (row, offset + t).
    std::vector<std::int64_t> from, to, segments, positions, first;
    for (std::size_t e = 0; e < lengths.size(); ++e) {
        first.push_back(rowOf[e] * length + offsetOf[e]);
        for (std::int64_t t = 0; t < lengths[e]; ++t) {
            from.push_back(std::int64_t(e) * width + t);
            to.push_back(rowOf[e] * length + offsetOf[e] + t);
            segments.push_back(segmentOf[e]);
            positions.push_back(t);
        }
    }
    const auto fromIndex = torch::tensor(from, torch::kLong);
    const auto toIndex = torch::tensor(to, torch::kLong);
    const auto move = [&](const torch::Tensor& tensor, std::int64_t fill) -> torch::Tensor {
        if (!tensor.defined())
            return tensor;
        auto packed = torch::full({rows * length}, fill, tensor.options());
        packed.index_copy_(0, toIndex, tensor.reshape(-1).index_select(0, fromIndex));
        return packed.view({rows, length});
    };
    const auto place = [&](const std::vector<std::int64_t>& values) {
        auto packed = torch::zeros({rows * length}, torch::kLong);
        packed.index_copy_(0, toIndex, torch::tensor(values, torch::kLong));
        return packed.view({rows, length});
    };

    TrainBatch packed = batch;
    packed.inputs.inputIds = move(in.inputIds, padId);
    packed.inputs.tokenTypeIds = move(in.tokenTypeIds, 0);
    packed.inputs.attentionMask =
        move(in.attentionMask.defined() ? in.attentionMask : torch::ones_like(in.inputIds), 0);
    packed.inputs.scoredPositions = move(in.scoredPositions, 0);
    packed.inputs.segmentIds = place(segments);
    packed.inputs.positionIds = place(positions);
    packed.inputs.firstTokens = torch::tensor(first, torch::kLong);
    if (batch.labels.defined() && batch.labels.dim() == 2) // per token (masked-LM)
        packed.labels = move(batch.labels, kIgnoredLabel);
    return packed;
}

} // namespace domaintune
