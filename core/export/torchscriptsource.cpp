// TorchScript source per architecture. Each line mirrors an operation of core/model (same
// functions, same order), so that the exported module reproduces the LibTorch model's outputs.
#include "core/export/torchscriptsource.h"

#include "core/common/error.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <sstream>

namespace domaintune {
namespace {

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

/** The additive mask's fill value: float32's lowest, as core/model/modules.cpp uses. */
const std::string kLowest = number(std::numeric_limits<float>::lowest());

/** Writes the source of one module, checking that every weight it reads exists. */
class Writer
{
public:
    Writer(const std::string& module, const std::set<std::string>& parameters)
        : m_module(module), m_parameters(parameters)
    {}

    /** Appends one line at @p indent levels (4 spaces each). */
    Writer& line(const std::string& text, int indent = 1)
    {
        m_text << std::string(std::size_t(indent) * 4, ' ') << text << '\n';
        return *this;
    }
    std::string text() const { return m_text.str(); }

    /** The TorchScript expression of the attribute at dotted @p local below this module. */
    std::string attribute(const std::string& local) const
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
    /** A weight, widened to float32 (a no-op for float32 exports). */
    std::string weight(const std::string& local) const
    {
        const std::string full = m_module.empty() ? local : m_module + "." + local;
        if (!m_parameters.count(full))
            throw Error("Cannot export the model as TorchScript: it has no weight \"" + full +
                        "\", which its architecture needs. Export it as a Hugging Face folder.");
        return attribute(local) + ".float()";
    }
    bool has(const std::string& local) const
    {
        return m_parameters.count(m_module.empty() ? local : m_module + "." + local) != 0;
    }
    std::string embedding(const std::string& local, const std::string& ids) const
    {
        // Gather first, then widen: widening a whole half-precision table per call is costly.
        weight(local + ".weight");
        return "torch.embedding(" + attribute(local + ".weight") + ", " + ids + ").float()";
    }
    std::string linear(const std::string& x, const std::string& local) const
    {
        return "torch.linear(" + x + ", " + weight(local + ".weight") + ", " +
               weight(local + ".bias") + ")";
    }
    std::string norm(const std::string& x, const std::string& local, std::int64_t size,
                     double eps) const
    {
        return "torch.layer_norm(" + x + ", [" + std::to_string(size) + "], " +
               weight(local + ".weight") + ", " + weight(local + ".bias") + ", " + number(eps) +
               ")";
    }

private:
    std::string m_module;
    const std::set<std::string>& m_parameters;
    std::ostringstream m_text;
};

/** The expression applying activation @p name to the variable @p x (as modules.cpp does). */
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

/** "x.view(b, l, heads, headDim).transpose(1, 2)": one tensor split into attention heads. */
std::string heads(const std::string& x, const ModelConfig& config)
{
    return x + ".view(b, l, " + std::to_string(config.numHeads) + ", " +
           std::to_string(config.hiddenSize / config.numHeads) + ").transpose(1, 2)";
}

std::string headScale(const ModelConfig& config)
{
    return number(std::sqrt(double(config.hiddenSize / config.numHeads)));
}

const char* const kLayerSignature = "def forward(self, hidden: Tensor, mask: Tensor) -> Tensor:";

/** The tail every attention shares: softmax, weighted values, heads merged back. */
void attend(Writer& w, const ModelConfig& config)
{
    w.line("probs = torch.softmax(scores + mask, -1)");
    w.line("context = torch.matmul(probs, v).transpose(1, 2).reshape(b, l, " +
           std::to_string(config.hiddenSize) + ")");
}

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
    w.line("scores = scores.masked_fill(causal, " + kLowest + ")");
    attend(w, config);
    w.line("attended = hidden + " + conv1d("context", "attn.c_proj"));
    w.line("inner = " + conv1d(w.norm("attended", "ln_2", h, eps), "mlp.c_fc"));
    w.line("inner = " + activation(config.activation, "inner"));
    w.line("return attended + " + conv1d("inner", "mlp.c_proj"));
    return w.text();
}

/** The root's lines from input_ids to `hidden` (embeddings; the layers are added later). */
void embed(Writer& w, const ModelConfig& config, const std::string& p)
{
    const std::string arange =
        "positions = torch.arange(input_ids.size(1), device=input_ids.device).unsqueeze(0)";
    if (config.family == ModelFamily::Gpt2) {
        w.line(arange);
        w.line("hidden = " + w.embedding(p + ".wte", "input_ids") + " + " +
               w.embedding(p + ".wpe", "positions"));
        // transformers embeds GPT-2's token types with wte, when given.
        w.line("if token_type_ids is not None:")
            .line("hidden = hidden + " + w.embedding(p + ".wte", "token_type_ids"), 2);
        return;
    }
    const std::string e = p + ".embeddings.";
    if (config.positionOffset > 0) {
        // RoBERTa: real tokens count from padding_idx + 1; padding keeps padding_idx.
        w.line("real = input_ids.ne(" + std::to_string(config.padTokenId.value_or(1)) + ").long()");
        w.line("positions = torch.cumsum(real, 1) * real + " +
               std::to_string(config.positionOffset - 1));
    } else {
        w.line(arange);
    }
    w.line("hidden = " + w.embedding(e + "word_embeddings", "input_ids") + " + " +
           w.embedding(e + "position_embeddings", "positions"));
    if (w.has(e + "token_type_embeddings.weight")) {
        w.line("if token_type_ids is None:")
            .line("token_type_ids = torch.zeros_like(input_ids)", 2);
        w.line("hidden = hidden + " + w.embedding(e + "token_type_embeddings", "token_type_ids"));
    }
    const double eps = config.family == ModelFamily::DistilBert ? 1e-12 : config.layerNormEps;
    w.line("hidden = " + w.norm("hidden", e + "LayerNorm", config.hiddenSize, eps));
}

/** The module path of layer @p index. */
std::string layerPath(const ModelConfig& config, const std::string& p, std::int64_t index)
{
    const char* list = config.family == ModelFamily::Gpt2         ? ".h."
                       : config.family == ModelFamily::DistilBert ? ".transformer.layer."
                                                                  : ".encoder.layer.";
    return p + list + std::to_string(index);
}

void sequenceHead(Writer& w, const ModelConfig& config, const std::string& p)
{
    if (config.family == ModelFamily::Gpt2) {
        // transformers: the rightmost non-padding token (by pad_token_id, else by the mask).
        w.line("rows = torch.arange(hidden.size(0), device=input_ids.device)");
        w.line("positions = torch.arange(hidden.size(1), device=input_ids.device)");
        w.line(config.padTokenId ? "last = (positions * input_ids.ne(" +
                                       std::to_string(*config.padTokenId) + ")).argmax(-1)"
                                 : "last = (positions * attention_mask.ne(0)).argmax(-1)");
        w.line("return torch.linear(hidden[rows, last], " + w.weight("score.weight") + ")");
    } else if (config.family == ModelFamily::DistilBert) {
        w.line("first = torch.relu(" + w.linear("hidden.select(1, 0)", "pre_classifier") + ")");
        w.line("return " + w.linear("first", "classifier"));
    } else if (p == "roberta") {
        w.line("first = torch.tanh(" + w.linear("hidden.select(1, 0)", "classifier.dense") + ")");
        w.line("return " + w.linear("first", "classifier.out_proj"));
    } else {
        w.line("pooled = torch.tanh(" + w.linear("hidden.select(1, 0)", p + ".pooler.dense") + ")");
        w.line("return " + w.linear("pooled", "classifier"));
    }
}

void maskedLmHead(Writer& w, const ModelConfig& config, const std::string& p)
{
    struct Names
    {
        std::string dense, norm, decoder, bias, activation;
        double eps;
    };
    const Names names =
        config.family == ModelFamily::DistilBert
            ? Names{"vocab_transform",      "vocab_layer_norm", "vocab_projector.weight",
                    "vocab_projector.bias", config.activation,  1e-12}
        : p == "roberta"
            ? Names{"lm_head.dense", "lm_head.layer_norm", "lm_head.decoder.weight", "lm_head.bias",
                    "gelu",          config.layerNormEps}
            : Names{"cls.predictions.transform.dense",
                    "cls.predictions.transform.LayerNorm",
                    "cls.predictions.decoder.weight",
                    "cls.predictions.bias",
                    config.activation,
                    config.layerNormEps};
    const std::string embeddings =
        p +
        (config.family == ModelFamily::Gpt2 ? ".wte.weight" : ".embeddings.word_embeddings.weight");
    // A tied decoder is the input embedding itself (no copy in the file).
    const std::string decoder = w.has(names.decoder) ? names.decoder : embeddings;
    w.line("x = " + w.linear("hidden", names.dense));
    w.line("x = " +
           w.norm(activation(names.activation, "x"), names.norm, config.hiddenSize, names.eps));
    w.line("return torch.linear(x, " + w.weight(decoder) + ", " + w.weight(names.bias) + ")");
}

void head(Writer& w, const ModelConfig& config, HeadKind kind, const std::string& p)
{
    switch (kind) {
    case HeadKind::Base:
        w.line("return hidden");
        return;
    case HeadKind::SequenceClassification:
        sequenceHead(w, config, p);
        return;
    case HeadKind::TokenClassification:
        w.line("return " + w.linear("hidden", "classifier"));
        return;
    case HeadKind::QuestionAnswering:
        w.line("logits = " + w.linear("hidden", "qa_outputs"));
        w.line("return logits.select(2, 0), logits.select(2, 1)");
        return;
    case HeadKind::MaskedLm:
        maskedLmHead(w, config, p);
        return;
    case HeadKind::CausalLm:
        w.line("return torch.linear(hidden, " +
               w.weight(w.has("lm_head.weight") ? "lm_head.weight" : p + ".wte.weight") + ")");
        return;
    }
    throw Error("Cannot export this head as TorchScript.");
}

} // namespace

TorchScriptProgram torchScriptProgram(const ModelConfig& config, HeadKind kind,
                                      const std::string& prefix,
                                      const std::set<std::string>& parameters)
{
    TorchScriptProgram program;
    program.outputs = kind == HeadKind::QuestionAnswering
                          ? std::vector<std::string>{"start_logits", "end_logits"}
                      : kind == HeadKind::Base ? std::vector<std::string>{"last_hidden_state"}
                                               : std::vector<std::string>{"logits"};
    Writer root("", parameters);
    root.line(std::string("def forward(self, input_ids: Tensor, attention_mask: Optional[Tensor] "
                          "= None, token_type_ids: Optional[Tensor] = None) -> ") +
                  (program.outputs.size() == 2 ? "Tuple[Tensor, Tensor]:" : "Tensor:"),
              0);
    root.line("if attention_mask is None:").line("attention_mask = torch.ones_like(input_ids)", 2);
    embed(root, config, prefix);
    root.line("mask = (1.0 - attention_mask.float().unsqueeze(1).unsqueeze(2)) * " + kLowest);
    for (std::int64_t i = 0; i < config.numLayers; ++i) {
        const std::string path = layerPath(config, prefix, i);
        const std::string source =
            config.family == ModelFamily::Gpt2         ? gpt2Block(config, i, path, parameters)
            : config.family == ModelFamily::DistilBert ? distilBertLayer(config, path, parameters)
                                                       : bertLayer(config, path, parameters);
        program.methods.push_back({path, source});
        root.line("hidden = " + root.attribute(path) + ".forward(hidden, mask)");
    }
    if (config.family == ModelFamily::Gpt2)
        root.line("hidden = " +
                  root.norm("hidden", prefix + ".ln_f", config.hiddenSize, config.layerNormEps));
    head(root, config, kind, prefix);
    program.methods.push_back({"", root.text()});
    return program;
}

} // namespace domaintune
