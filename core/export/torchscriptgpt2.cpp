// TorchScript source of GPT-2: mirrors core/model/gpt2model.cpp and its heads.
#include "core/export/torchscriptfamily.h"

#include <cmath>

namespace domaintune::torchscript {
namespace {

std::string gpt2Block(const ModelConfig& config, std::int64_t index, const std::string& module,
                      const std::set<std::string>& parameters)
{
    Writer w(module, parameters);
    const auto h = config.hiddenSize;
    const double eps = config.layerNormEps;
    const double headDim = double(config.hiddenSize / config.numHeads);
    const double scale = (config.scaleAttentionWeights ? 1.0 / std::sqrt(headDim) : 1.0) /
                         (config.scaleAttentionByLayerIndex ? double(index + 1) : 1.0);
    const auto conv1d = [&](const std::string& x, const std::string& local) {
        return "self._conv1d(" + x + ", " + w.weight(local + ".weight") + ", " +
               w.weight(local + ".bias") + ")";
    };
    // GPT-2's Conv1D: a linear layer with its weight stored [in, out].
    w.line("def _conv1d(self, x: Tensor, weight: Tensor, bias: Tensor) -> Tensor:", 0);
    w.line("return torch.addmm(bias, x.reshape(-1, x.size(-1)), weight).view(x.size(0), "
           "x.size(1), weight.size(1))");
    w.line("", 0).line(kLayerSignature, 0).line("b = hidden.size(0)").line("l = hidden.size(1)");
    w.line("qkv = torch.split(" + conv1d(w.norm("hidden", "ln_1", h, eps), "attn.c_attn") + ", " +
           std::to_string(h) + ", 2)");
    w.line("q = " + heads("qkv[0]", config))
        .line("k = " + heads("qkv[1]", config))
        .line("v = " + heads("qkv[2]", config));
    w.line("scores = torch.matmul(q, k.transpose(-1, -2)) * " + number(scale));
    w.line("causal = torch.ones([l, l], device=hidden.device).tril().logical_not()");
    w.line("scores = scores.masked_fill(causal, " + lowest() + ")");
    attend(w, config);
    w.line("attended = hidden + " + conv1d("context", "attn.c_proj"));
    w.line("inner = " + conv1d(w.norm("attended", "ln_2", h, eps), "mlp.c_fc"));
    w.line("inner = " + activation(config.activation, "inner"));
    w.line("return attended + " + conv1d("inner", "mlp.c_proj"));
    return w.text();
}

class Gpt2Family : public Family
{
public:
    void embed(Writer& w, const ModelConfig&, const std::string& p) const override
    {
        w.line("positions = torch.arange(input_ids.size(1), device=input_ids.device).unsqueeze(0)");
        w.line("hidden = " + w.embedding(p + ".wte", "input_ids") + " + " +
               w.embedding(p + ".wpe", "positions"));
        // transformers embeds GPT-2's token types with wte, when given.
        w.line("if token_type_ids is not None:")
            .line("hidden = hidden + " + w.embedding(p + ".wte", "token_type_ids"), 2);
    }
    std::string layerPath(const std::string& prefix, std::int64_t index) const override
    {
        return prefix + ".h." + std::to_string(index);
    }
    std::string layer(const ModelConfig& config, std::int64_t index, const std::string& module,
                      const std::set<std::string>& parameters) const override
    {
        return gpt2Block(config, index, module, parameters);
    }
    void finish(Writer& w, const ModelConfig& config, const std::string& prefix) const override
    {
        w.line("hidden = " +
               w.norm("hidden", prefix + ".ln_f", config.hiddenSize, config.layerNormEps));
    }
    void sequenceHead(Writer& w, const ModelConfig& config, const std::string&) const override
    {
        // transformers: the rightmost non-padding token (by pad_token_id, else by the mask).
        w.line("rows = torch.arange(hidden.size(0), device=input_ids.device)");
        w.line("positions = torch.arange(hidden.size(1), device=input_ids.device)");
        w.line(config.padTokenId ? "last = (positions * input_ids.ne(" +
                                       std::to_string(*config.padTokenId) + ")).argmax(-1)"
                                 : "last = (positions * attention_mask.ne(0)).argmax(-1)");
        w.line("return torch.linear(hidden[rows, last], " + w.weight("score.weight") + ")");
    }
    std::string wordEmbeddings(const std::string& prefix) const override
    {
        return prefix + ".wte.weight";
    }
};

} // namespace

const Family& gpt2Family()
{
    static const Gpt2Family family;
    return family;
}

} // namespace domaintune::torchscript
