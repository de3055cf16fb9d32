#include "core/model/modules.h"

#include "core/common/error.h"

#include <cmath>
#include <limits>

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

torch::Tensor additiveMask(const torch::Tensor& attentionMask, torch::ScalarType dtype)
{
    if (!attentionMask.defined())
        return {};
    // The dtype's lowest finite value (transformers' finfo.min): -inf would turn a fully
    // masked row into NaN.
    double lowest = std::numeric_limits<float>::lowest();
    if (dtype == torch::kHalf)
        lowest = -65504.0;
    else if (dtype == torch::kBFloat16)
        lowest = -3.3895313892515355e38;
    else if (dtype == torch::kDouble)
        lowest = std::numeric_limits<double>::lowest();
    const auto keep = attentionMask.to(dtype).unsqueeze(1).unsqueeze(2);
    return (1.0 - keep) * lowest;
}

void initialiseLikeTransformers(torch::nn::Module& module, double initializerRange)
{
    torch::NoGradGuard noGrad;
    for (auto& child : module.modules(/*include_self=*/false)) {
        if (auto* linear = child->as<torch::nn::Linear>()) {
            linear->weight.normal_(0.0, initializerRange);
            if (linear->bias.defined())
                linear->bias.zero_();
        } else if (auto* embedding = child->as<torch::nn::Embedding>()) {
            embedding->weight.normal_(0.0, initializerRange);
            if (auto pad = embedding->options.padding_idx())
                embedding->weight[*pad].zero_();
        } else if (auto* norm = child->as<torch::nn::LayerNorm>()) {
            norm->weight.fill_(1.0);
            norm->bias.zero_();
        } else if (auto* conv = child->as<Conv1D>()) {
            conv->weight.normal_(0.0, initializerRange);
            conv->bias.zero_();
        }
    }
}

Conv1DImpl::Conv1DImpl(std::int64_t in, std::int64_t out)
{
    weight = register_parameter("weight", torch::empty({in, out}));
    bias = register_parameter("bias", torch::zeros({out}));
}

torch::Tensor Conv1DImpl::forward(const torch::Tensor& x)
{
    return torch::addmm(bias, x.reshape({-1, x.size(-1)}), weight).view([&] {
        auto sizes = x.sizes().vec();
        sizes.back() = weight.size(1);
        return sizes;
    }());
}

} // namespace domaintune
