#include "core/model/projection.h"

#include "core/model/modules.h"

#include <cmath>

namespace domaintune {

ProjectionImpl::ProjectionImpl(std::int64_t in, std::int64_t out, bool transposed)
    : m_in(in), m_out(out), m_transposed(transposed)
{
    weight = register_parameter("weight",
                                transposed ? torch::empty({in, out}) : torch::empty({out, in}));
    bias = register_parameter("bias", torch::zeros({out}));
    if (!transposed) { // torch::nn::Linear's own initialisation, for models built from scratch
        torch::NoGradGuard noGrad;
        torch::nn::init::kaiming_uniform_(weight, std::sqrt(5.0));
        const double bound = in > 0 ? 1.0 / std::sqrt(double(in)) : 0.0;
        bias.uniform_(-bound, bound);
    }
}

torch::Tensor ProjectionImpl::forward(const torch::Tensor& x, double outputScale)
{
    torch::Tensor y;
    if (m_transposed) {
        const auto flat = x.reshape({-1, x.size(-1)});
        y = outputScale == 1.0 ? torch::addmm(bias, flat, weight)
                               : torch::addmm(bias * outputScale, flat, weight * outputScale);
        auto sizes = x.sizes().vec();
        sizes.back() = m_out;
        y = y.view(sizes);
    } else {
        y = outputScale == 1.0
                ? torch::nn::functional::linear(x, weight, bias)
                : torch::nn::functional::linear(x, weight * outputScale, bias * outputScale);
    }
    if (!hasAdapter())
        return y;
    const auto dropped = m_loraDropout ? applyDropout(m_loraDropout, x) : x;
    return y + m_loraB(m_loraA(dropped.to(m_loraA->weight.scalar_type()))).to(y.scalar_type()) *
                   (m_scaling * outputScale);
}

void ProjectionImpl::addAdapter(std::int64_t rank, double alpha, double dropout, bool rsLora)
{
    if (hasAdapter()) {
        unregister_module("lora_A");
        unregister_module("lora_B");
        if (m_loraDropout)
            unregister_module("lora_dropout");
    }
    const auto options = torch::TensorOptions().dtype(weight.scalar_type()).device(weight.device());
    m_loraA = register_module("lora_A",
                              torch::nn::Linear(torch::nn::LinearOptions(m_in, rank).bias(false)));
    m_loraB = register_module("lora_B",
                              torch::nn::Linear(torch::nn::LinearOptions(rank, m_out).bias(false)));
    m_loraA->to(options.device(), options.dtype().toScalarType());
    m_loraB->to(options.device(), options.dtype().toScalarType());
    {
        torch::NoGradGuard noGrad;
        torch::nn::init::kaiming_uniform_(m_loraA->weight, std::sqrt(5.0));
        m_loraB->weight.zero_();
    }
    m_loraDropout = nullptr;
    if (dropout > 0)
        m_loraDropout = register_module("lora_dropout", torch::nn::Dropout(dropout));
    m_scaling = rsLora ? alpha / std::sqrt(double(rank)) : alpha / double(rank);
}

torch::Tensor ProjectionImpl::adapterDelta() const
{
    if (!hasAdapter())
        return torch::zeros_like(weight);
    const auto delta = torch::matmul(m_loraB->weight, m_loraA->weight) * m_scaling; // [out, in]
    return (m_transposed ? delta.t() : delta).to(weight.scalar_type());
}

void ProjectionImpl::mergeAdapter()
{
    if (!hasAdapter())
        return;
    {
        torch::NoGradGuard noGrad;
        weight.add_(adapterDelta());
    }
    unregister_module("lora_A");
    unregister_module("lora_B");
    if (m_loraDropout)
        unregister_module("lora_dropout");
    m_loraA = nullptr;
    m_loraB = nullptr;
    m_loraDropout = nullptr;
    m_scaling = 0;
}

} // namespace domaintune
