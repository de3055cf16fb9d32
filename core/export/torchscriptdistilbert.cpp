// TorchScript source of DistilBERT: mirrors core/model/distilbertmodel.cpp and its heads.
#include "core/export/torchscriptfamily.h"

namespace domaintune::torchscript {
namespace {

std::string distilBertLayer(const ModelConfig& config, const std::string& module,
                            const std::set<std::string>& parameters)
{
    Writer w(module, parameters);
    const auto h = config.hiddenSize;
    w.line(kLayerSignature, 0).line("b = hidden.size(0)").line("l = hidden.size(1)");
    w.line("q = " + heads(w.linear("hidden", "attention.q_lin"), config) + " / " +
           headScale(config));
    w.line("k = " + heads(w.linear("hidden", "attention.k_lin"), config));
    w.line("v = " + heads(w.linear("hidden", "attention.v_lin"), config));
    w.line("scores = torch.matmul(q, k.transpose(-1, -2))");
    attend(w, config);
    // DistilBERT's LayerNorms use a fixed epsilon of 1e-12 (see distilbertmodel.cpp).
    w.line("attended = " + w.norm(w.linear("context", "attention.out_lin") + " + hidden",
                                  "sa_layer_norm", h, 1e-12));
    w.line("inner = " + w.linear("attended", "ffn.lin1"));
    w.line("inner = " + activation(config.activation, "inner"));
    w.line("return " +
           w.norm(w.linear("inner", "ffn.lin2") + " + attended", "output_layer_norm", h, 1e-12));
    return w.text();
}

class DistilBertFamily : public Family
{
public:
    void embed(Writer& w, const ModelConfig& config, const std::string& prefix) const override
    {
        embedEncoder(w, config, prefix, 1e-12); // a fixed epsilon, as distilbertmodel.cpp
    }
    std::string layerPath(const std::string& prefix, std::int64_t index) const override
    {
        return prefix + ".transformer.layer." + std::to_string(index);
    }
    std::string layer(const ModelConfig& config, std::int64_t, const std::string& module,
                      const std::set<std::string>& parameters) const override
    {
        return distilBertLayer(config, module, parameters);
    }
    void sequenceHead(Writer& w, const ModelConfig&, const std::string&) const override
    {
        w.line("first = torch.relu(" + w.linear("hidden.select(1, 0)", "pre_classifier") + ")");
        w.line("return " + w.linear("first", "classifier"));
    }
    MaskedLmNames maskedLm(const ModelConfig& config) const override
    {
        return {"vocab_transform",      "vocab_layer_norm", "vocab_projector.weight",
                "vocab_projector.bias", config.activation,  1e-12};
    }
};

} // namespace

const Family& distilBertFamily()
{
    static const DistilBertFamily family;
    return family;
}

} // namespace domaintune::torchscript
