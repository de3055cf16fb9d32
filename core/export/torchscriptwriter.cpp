#include "core/export/torchscriptwriter.h"

#include "core/common/error.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace domaintune::torchscript {

/** Returns @p value as a TorchScript float literal that reads back as exactly @p value. */
std::string number(double value)
{
    char text[64];
    for (int digits = 1; digits <= 17; ++digits) {
        std::snprintf(text, sizeof text, "%.*g", digits, value);
        if (std::strtod(text, nullptr) == value)
            break;
    }
    std::string literal(text);
    if (literal.find_first_of(".en") == std::string::npos)
        literal += ".0";
    return literal;
}

std::string lowest()
{
    return number(std::numeric_limits<float>::lowest());
}

const char* const kLayerSignature = "def forward(self, hidden: Tensor, mask: Tensor) -> Tensor:";

Writer::Writer(const std::string& module, const std::set<std::string>& parameters)
    : m_module(module), m_parameters(parameters)
{}

Writer& Writer::line(const std::string& text, int indent)
{
    m_text << std::string(std::size_t(indent) * 4, ' ') << text << '\n';
    return *this;
}

std::string Writer::attribute(const std::string& local) const
{
    std::string expression = "self";
    std::size_t start = 0;
    while (start <= local.size()) {
        const auto dot = local.find('.', start);
        const std::string atom =
            local.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        // Numbered children (layer lists) are not identifiers: TorchScript reads them
        // with getattr, as it prints ModuleLists itself.
        expression = std::isdigit(static_cast<unsigned char>(atom.front()))
                         ? "getattr(" + expression + ", \"" + atom + "\")"
                         : expression + "." + atom;
        if (dot == std::string::npos)
            break;
        start = dot + 1;
    }
    return expression;
}

std::string Writer::weight(const std::string& local) const
{
    const std::string full = m_module.empty() ? local : m_module + "." + local;
    if (!m_parameters.count(full))
        throw Error("Cannot export the model as TorchScript: it has no weight \"" + full +
                    "\", which its architecture needs. Export it as a Hugging Face folder.");
    return attribute(local) + ".float()";
}

bool Writer::has(const std::string& local) const
{
    return m_parameters.count(m_module.empty() ? local : m_module + "." + local) != 0;
}

std::string Writer::embedding(const std::string& local, const std::string& ids) const
{
    // Gather first, then widen: widening a whole half-precision table per call is costly.
    weight(local + ".weight");
    return "torch.embedding(" + attribute(local + ".weight") + ", " + ids + ").float()";
}

std::string Writer::linear(const std::string& x, const std::string& local) const
{
    return "torch.linear(" + x + ", " + weight(local + ".weight") + ", " + weight(local + ".bias") +
           ")";
}

std::string Writer::norm(const std::string& x, const std::string& local, std::int64_t size,
                         double eps) const
{
    return "torch.layer_norm(" + x + ", [" + std::to_string(size) + "], " +
           weight(local + ".weight") + ", " + weight(local + ".bias") + ", " + number(eps) + ")";
}

std::string activation(const std::string& name, const std::string& x)
{
    if (name == "gelu")
        return "torch.gelu(" + x + ")";
    if (name == "gelu_new" || name == "gelu_pytorch_tanh" || name == "gelu_fast")
        return "torch.gelu(" + x + ", approximate=\"tanh\")";
    if (name == "relu" || name == "tanh")
        return "torch." + name + "(" + x + ")";
    if (name == "silu" || name == "swish")
        return "torch.silu(" + x + ")";
    if (name == "quick_gelu")
        return x + " * torch.sigmoid(1.702 * " + x + ")";
    throw Error("Cannot export the activation \"" + name + "\" as TorchScript.");
}

std::string heads(const std::string& x, const ModelConfig& config)
{
    return x + ".view(b, l, " + std::to_string(config.numHeads) + ", " +
           std::to_string(config.hiddenSize / config.numHeads) + ").transpose(1, 2)";
}

std::string headScale(const ModelConfig& config)
{
    return number(std::sqrt(double(config.hiddenSize / config.numHeads)));
}

void attend(Writer& w, const ModelConfig& config)
{
    w.line("probs = torch.softmax(scores + mask, -1)");
    w.line("context = torch.matmul(probs, v).transpose(1, 2).reshape(b, l, " +
           std::to_string(config.hiddenSize) + ")");
}

} // namespace domaintune::torchscript
