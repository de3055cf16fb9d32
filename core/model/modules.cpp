#include "core/model/modules.h"

#include "core/common/error.h"
#include "core/model/projection.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>
#include <torch/version.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <limits>
#include <mutex>
#include <optional>

namespace domaintune {

torch::Tensor activate(const std::string& name, const torch::Tensor& x)
{
    namespace F = torch::nn::functional;
    if (name == "gelu")
        return torch::gelu(x);
    if (name == "gelu_new" || name == "gelu_pytorch_tanh" || name == "gelu_fast")
        return torch::gelu(x, "tanh");
    if (name == "relu")
        return torch::relu(x);
    if (name == "silu" || name == "swish")
        return torch::silu(x);
    if (name == "tanh")
        return torch::tanh(x);
    if (name == "quick_gelu")
        return x * torch::sigmoid(1.702 * x);
    throw Error("Unknown activation \"" + name + "\".");
}

void checkActivation(const std::string& name, const std::string& where)
{
    for (const char* known : {"gelu", "gelu_new", "gelu_pytorch_tanh", "gelu_fast", "relu", "silu",
                              "swish", "tanh", "quick_gelu"})
        if (name == known)
            return;
    throw Error(where, 0, "the activation \"" + name + "\" is not supported",
                "Supported: gelu, gelu_new, gelu_pytorch_tanh, gelu_fast, relu, silu, swish, "
                "tanh, quick_gelu.");
}

namespace {

/** splitmix64's output function: a well-mixed 32-bit value for a 64-bit counter. */
inline std::uint32_t mixedBits(std::uint64_t z)
{
    z += 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return static_cast<std::uint32_t>((z ^ (z >> 31)) >> 32);
}

} // namespace

torch::Tensor applyDropout(const torch::nn::Dropout& module, const torch::Tensor& x)
{
    const double p = module->options.p();
    if (!module->is_training() || p <= 0 || x.numel() == 0)
        return x;
    if (p >= 1)
        return x * 0.0;
    if (!x.device().is_cpu())
        return torch::dropout(x, p, true);
    std::uint64_t seed = 0;
    {
        auto generator = at::detail::getDefaultCPUGenerator();
        std::lock_guard<std::mutex> lock(generator.mutex());
        seed = generator.get<at::CPUGeneratorImpl>()->random64();
    }
    auto mask = torch::empty(x.sizes(), x.options().dtype(torch::kFloat));
    float* out = mask.data_ptr<float>();
    const float kept = static_cast<float>(1.0 / (1.0 - p));
    const auto threshold = static_cast<std::uint32_t>(std::min(p * 4294967296.0, 4294967295.0));
    at::parallel_for(
        0, mask.numel(), std::int64_t(1) << 15, [&](std::int64_t begin, std::int64_t end) {
            for (std::int64_t i = begin; i < end; ++i)
                out[i] = mixedBits(seed + static_cast<std::uint64_t>(i) * 0x9E3779B97F4A7C15ull) >=
                                 threshold
                             ? kept
                             : 0.0f;
        });
    return x * (x.scalar_type() == torch::kFloat ? mask : mask.to(x.scalar_type()));
}

#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 1)
#define DOMAINTUNE_HAS_SDPA 1 // the scale argument arrived in 2.1
#else
#define DOMAINTUNE_HAS_SDPA 0
#endif

namespace {

std::atomic<bool>& fusedAttentionSwitch()
{
    static std::atomic<bool> enabled{[] {
        const char* value = std::getenv("DOMAINTUNE_FUSED_ATTENTION");
        return !(value && std::strcmp(value, "0") == 0);
    }()};
    return enabled;
}

} // namespace

bool fusedAttentionAvailable()
{
    return DOMAINTUNE_HAS_SDPA != 0;
}

void setFusedAttention(bool enabled)
{
    fusedAttentionSwitch() = enabled;
}

bool fusedAttentionEnabled()
{
    return fusedAttentionAvailable() && fusedAttentionSwitch();
}

bool fusedAttentionApplies(const torch::nn::Dropout& dropout)
{
    const bool dropping = dropout->is_training() && dropout->options.p() > 0;
    return !dropping && fusedAttentionEnabled();
}

bool headsAsViews(const torch::nn::Dropout& dropout)
{
    return fusedAttentionApplies(dropout) && !torch::GradMode::is_enabled();
}

torch::Tensor attend(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v,
                     const torch::Tensor& mask, const torch::nn::Dropout& dropout)
{
#if DOMAINTUNE_HAS_SDPA
    if (fusedAttentionApplies(dropout)) {
        std::optional<torch::Tensor> additive;
        if (mask.defined())
            additive = mask.scalar_type() == q.scalar_type() ? mask : mask.to(q.scalar_type());
        return at::scaled_dot_product_attention(q, k, v, additive, 0.0, false, 1.0);
    }
#endif
    auto scores = torch::matmul(q, k.transpose(-1, -2));
    if (mask.defined())
        scores = scores + mask;
    return torch::matmul(applyDropout(dropout, torch::softmax(scores, -1)), v);
}

torch::Tensor splitHeads(const torch::Tensor& x, std::int64_t heads, bool contiguous)
{
    const auto view = x.view({x.size(0), x.size(1), heads, x.size(2) / heads}).transpose(1, 2);
    return contiguous ? view.contiguous() : view;
}

torch::Tensor mergeHeads(const torch::Tensor& x)
{
    return x.transpose(1, 2).reshape({x.size(0), x.size(2), x.size(1) * x.size(3)});
}

namespace {

// The dtype's lowest finite value (transformers' finfo.min): -inf would turn a fully masked row
// into NaN.
double lowestValue(torch::ScalarType dtype)
{
    if (dtype == torch::kHalf)
        return -65504.0;
    if (dtype == torch::kBFloat16)
        return -3.3895313892515355e38;
    if (dtype == torch::kDouble)
        return std::numeric_limits<double>::lowest();
    return std::numeric_limits<float>::lowest();
}

} // namespace

torch::Tensor additiveMask(const torch::Tensor& attentionMask, torch::ScalarType dtype)
{
    if (!attentionMask.defined() || attentionMask.ne(0).all().item<bool>())
        return {};
    const auto keep = attentionMask.to(dtype).unsqueeze(1).unsqueeze(2);
    return (1.0 - keep) * lowestValue(dtype);
}

torch::Tensor packedMask(const torch::Tensor& segmentIds, torch::ScalarType dtype)
{
    const auto same = segmentIds.unsqueeze(2).eq(segmentIds.unsqueeze(1)); // [rows, q, k]
    const auto keep = same.logical_and(segmentIds.gt(0).unsqueeze(1)).unsqueeze(1);
    return (1.0 - keep.to(dtype)) * lowestValue(dtype);
}

torch::Tensor firstTokenStates(const torch::Tensor& hidden, const ModelBatch& batch)
{
    if (batch.firstTokens.defined())
        return hidden.flatten(0, 1).index_select(0, batch.firstTokens);
    return hidden.select(1, 0);
}

namespace {

/** Initialises the direct parameters of @p module for which @p selected(local name) holds. */
void initialiseModule(torch::nn::Module& module, double range,
                      const std::function<bool(const std::string&)>& selected)
{
    // A free-standing 2-D "weight" (an untied LM decoder) is a linear layer's weight.
    const bool isLinear = module.as<torch::nn::Linear>() || module.as<Projection>();
    auto* embedding = module.as<torch::nn::Embedding>();
    const bool isNorm = module.as<torch::nn::LayerNorm>() != nullptr;
    for (auto& item : module.named_parameters(/*recurse=*/false)) {
        if (!selected(item.key()))
            continue;
        auto& parameter = item.value();
        const bool weight = item.key() == "weight";
        if (weight && (isLinear || embedding || (!isNorm && parameter.dim() == 2))) {
            parameter.normal_(0.0, range);
            if (embedding && embedding->options.padding_idx())
                parameter[*embedding->options.padding_idx()].zero_();
        } else if (weight && isNorm) {
            parameter.fill_(1.0);
        } else {
            parameter.zero_(); // biases, and the free-standing bias of MLM heads
        }
    }
}

} // namespace

std::set<std::string> noDecayParameters(torch::nn::Module& module)
{
    std::set<std::string> out;
    for (const auto& item : module.named_modules("", /*include_self=*/true)) {
        const std::string prefix = item.key().empty() ? "" : item.key() + ".";
        const bool norm = item.value()->as<torch::nn::LayerNorm>() != nullptr;
        for (const auto& parameter : item.value()->named_parameters(/*recurse=*/false))
            if (norm || parameter.key() == "bias")
                out.insert(prefix + parameter.key());
    }
    return out;
}

void initialiseLikeTransformers(torch::nn::Module& module, double initializerRange,
                                const std::set<std::string>& only, std::int64_t gpt2Layers)
{
    torch::NoGradGuard noGrad;
    for (const auto& item : module.named_modules(/*name_prefix=*/"", /*include_self=*/false)) {
        const std::string prefix = item.key() + ".";
        const bool scaled =
            gpt2Layers > 0 &&
            (item.key().size() >= 6 && item.key().compare(item.key().size() - 6, 6, "c_proj") == 0);
        const double range =
            scaled ? initializerRange / std::sqrt(2.0 * double(gpt2Layers)) : initializerRange;
        initialiseModule(*item.value(), range, [&](const std::string& local) {
            return only.empty() || only.count(prefix + local) != 0;
        });
    }
}

} // namespace domaintune
