#include "core/train/featurecache.h"

#include <ATen/autocast_mode.h>

#include <algorithm>
#include <numeric>

namespace domaintune {
namespace {

/** Sets CPU or CUDA bf16 autocast for the lifetime of the guard. */
class AutocastGuard
{
public:
    AutocastGuard(bool bf16, bool cuda)
    {
        at::autocast::set_cpu_enabled(bf16 && !cuda);
        at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
        at::autocast::set_enabled(bf16 && cuda);
        at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
    }
    ~AutocastGuard()
    {
        at::autocast::set_cpu_enabled(false);
        at::autocast::set_enabled(false);
    }
    AutocastGuard(const AutocastGuard&) = delete;
    AutocastGuard& operator=(const AutocastGuard&) = delete;
};

} // namespace

FeatureCache::FeatureCache(TaskModelImpl& model, const Objective& objective,
                           const FeatureSet& features, std::int64_t chunk,
                           const torch::Device& device, bool bf16)
    : m_device(device)
{
    const std::size_t count = features.features.size();
    m_hidden.resize(count);
    m_pooled.resize(count);
    std::vector<std::size_t> order(count);
    std::iota(order.begin(), order.end(), std::size_t(0));
    // By length: little padding, and the same chunks whatever order training asks in.
    std::stable_sort(order.begin(), order.end(), [&features](std::size_t a, std::size_t b) {
        return features.features[a].ids.size() < features.features[b].ids.size();
    });
    model.eval();
    torch::NoGradGuard noGrad;
    const AutocastGuard autocast(bf16, device.is_cuda());
    const auto step = static_cast<std::size_t>(std::max<std::int64_t>(chunk, 1));
    for (std::size_t begin = 0; begin < count; begin += step) {
        const std::vector<std::size_t> indices(
            order.begin() + static_cast<long>(begin),
            order.begin() + static_cast<long>(std::min(count, begin + step)));
        const TrainBatch batch = objective.makeBatch(features, indices).to(device);
        const BackboneOutput output = model.forwardBase(batch.inputs);
        const torch::Tensor hidden = output.hidden.to(torch::kFloat);
        for (std::size_t row = 0; row < indices.size(); ++row) {
            const auto length =
                static_cast<std::int64_t>(features.features[indices[row]].ids.size());
            const auto r = static_cast<std::int64_t>(row);
            m_hidden[indices[row]] = hidden[r].slice(0, 0, length).clone();
            if (output.pooled.defined())
                m_pooled[indices[row]] = output.pooled[r].to(torch::kFloat).clone();
        }
    }
    model.train();
}

BackboneOutput FeatureCache::gather(const std::vector<std::size_t>& indices,
                                    std::int64_t length) const
{
    const std::int64_t width = m_hidden.at(indices.front()).size(1);
    BackboneOutput output;
    output.hidden = torch::zeros({static_cast<std::int64_t>(indices.size()), length, width},
                                 torch::TensorOptions().dtype(torch::kFloat).device(m_device));
    std::vector<torch::Tensor> pooled;
    for (std::size_t row = 0; row < indices.size(); ++row) {
        const torch::Tensor& hidden = m_hidden.at(indices[row]);
        const std::int64_t real = std::min<std::int64_t>(hidden.size(0), length);
        output.hidden[static_cast<std::int64_t>(row)]
            .slice(0, 0, real)
            .copy_(hidden.slice(0, 0, real));
        if (m_pooled[indices[row]].defined())
            pooled.push_back(m_pooled[indices[row]]);
    }
    if (pooled.size() == indices.size())
        output.pooled = torch::stack(pooled);
    return output;
}

std::int64_t FeatureCache::estimateBytes(const FeatureSet& features, std::int64_t hidden)
{
    std::int64_t tokens = 0;
    for (const Feature& feature : features.features)
        tokens += static_cast<std::int64_t>(feature.ids.size()) + 1; // + pooled
    return tokens * hidden * 4;
}

} // namespace domaintune
