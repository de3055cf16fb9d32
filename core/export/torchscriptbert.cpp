// TorchScript source of the BERT family (BERT, RoBERTa, XLM-R, CamemBERT): mirrors
// core/model/bertmodel.cpp and the BERT/RoBERTa heads of core/model/heads.cpp.
#include "core/export/torchscriptfamily.h"

namespace domaintune::torchscript {
namespace {

std::string bertLayer(const ModelConfig& config, const std::string& module,
                      const std::set<std::string>& parameters)
{
    Writer w(module, parameters);
    const auto h = config.hiddenSize;
    const double eps = config.layerNormEps;
    w.line(kLayerSignature, 0).line("b = hidden.size(0)").line("l = hidden.size(1)");
    for (const char* name : {"query", "key", "value"})
        w.line(std::string(1, name[0]) + " = " +
               heads(w.linear("hidden", std::string("attention.self.") + name), config));
    w.line("scores = torch.matmul(q, k.transpose(-1, -2)) / " + headScale(config));
    attend(w, config);
    w.line("attended = " + w.norm(w.linear("context", "attention.output.dense") + " + hidden",
                                  "attention.output.LayerNorm", h, eps));
    w.line("inner = " + w.linear("attended", "intermediate.dense"));
    w.line("inner = " + activation(config.activation, "inner"));
    w.line("return " +
           w.norm(w.linear("inner", "output.dense") + " + attended", "output.LayerNorm", h, eps));
    return w.text();
}

class BertFamily : public Family
{
public:
    void embed(Writer& w, const ModelConfig& config, const std::string& prefix) const override
    {
        embedEncoder(w, config, prefix, config.layerNormEps);
    }
    std::string layerPath(const std::string& prefix, std::int64_t index) const override
    {
        return prefix + ".encoder.layer." + std::to_string(index);
    }
    std::string layer(const ModelConfig& config, std::int64_t, const std::string& module,
                      const std::set<std::string>& parameters) const override
    {
        return bertLayer(config, module, parameters);
    }
    void sequenceHead(Writer& w, const ModelConfig&, const std::string& prefix) const override
    {
        w.line("pooled = torch.tanh(" + w.linear("hidden.select(1, 0)", prefix + ".pooler.dense") +
               ")");
        w.line("return " + w.linear("pooled", "classifier"));
    }
};

// RoBERTa's heads: no pooler, a dense + tanh classifier; its own LM head names.
class RobertaFamily : public BertFamily
{
public:
    void sequenceHead(Writer& w, const ModelConfig&, const std::string&) const override
    {
        w.line("first = torch.tanh(" + w.linear("hidden.select(1, 0)", "classifier.dense") + ")");
        w.line("return " + w.linear("first", "classifier.out_proj"));
    }
    MaskedLmNames maskedLm(const ModelConfig& config) const override
    {
        return {"lm_head.dense", "lm_head.layer_norm", "lm_head.decoder.weight", "lm_head.bias",
                "gelu",          config.layerNormEps};
    }
};

} // namespace

void embedEncoder(Writer& w, const ModelConfig& config, const std::string& p, double eps)
{
    const std::string e = p + ".embeddings.";
    if (config.positionOffset > 0) {
        // RoBERTa: real tokens count from padding_idx + 1; padding keeps padding_idx.
        w.line("real = input_ids.ne(" + std::to_string(config.padTokenId.value_or(1)) + ").long()");
        w.line("positions = torch.cumsum(real, 1) * real + " +
               std::to_string(config.positionOffset - 1));
    } else {
        w.line("positions = torch.arange(input_ids.size(1), device=input_ids.device).unsqueeze(0)");
    }
    w.line("hidden = " + w.embedding(e + "word_embeddings", "input_ids") + " + " +
           w.embedding(e + "position_embeddings", "positions"));
    if (w.has(e + "token_type_embeddings.weight")) {
        w.line("if token_type_ids is None:")
            .line("token_type_ids = torch.zeros_like(input_ids)", 2);
        w.line("hidden = hidden + " + w.embedding(e + "token_type_embeddings", "token_type_ids"));
    }
    w.line("hidden = " + w.norm("hidden", e + "LayerNorm", config.hiddenSize, eps));
}

const Family& bertFamily()
{
    static const BertFamily family;
    return family;
}

const Family& robertaFamily()
{
    static const RobertaFamily family;
    return family;
}

} // namespace domaintune::torchscript
