// TorchScript source per architecture: the root module (embeddings, the layers in order, the
// head) from the family's pieces (torchscriptfamily.h). Each line mirrors an operation of
// core/model (same functions, same order), so that the exported module reproduces the LibTorch
// model's outputs.
#include "core/export/torchscriptsource.h"

#include "core/common/error.h"
#include "core/export/torchscriptfamily.h"

namespace domaintune {
namespace {

using namespace torchscript;

void maskedLmHead(Writer& w, const ModelConfig& config, const Family& family, const std::string& p)
{
    const MaskedLmNames names = family.maskedLm(config);
    const std::string embeddings = family.wordEmbeddings(p);
    // A tied decoder is the input embedding itself (no copy in the file).
    const std::string decoder = w.has(names.decoder) ? names.decoder : embeddings;
    w.line("x = " + w.linear("hidden", names.dense));
    w.line("x = " +
           w.norm(activation(names.activation, "x"), names.norm, config.hiddenSize, names.eps));
    w.line("return torch.linear(x, " + w.weight(decoder) + ", " + w.weight(names.bias) + ")");
}

void head(Writer& w, const ModelConfig& config, const Family& family, HeadKind kind,
          const std::string& p)
{
    switch (kind) {
    case HeadKind::Base:
        w.line("return hidden");
        return;
    case HeadKind::SequenceClassification:
        family.sequenceHead(w, config, p);
        return;
    case HeadKind::TokenClassification:
        w.line("return " + w.linear("hidden", "classifier"));
        return;
    case HeadKind::SentenceClassification: // sentence-transformers' pooling, then the classifier
        if (config.sentencePooling.mode == "cls") {
            w.line("pooled = hidden.select(1, 0)");
        } else {
            w.line("weights = attention_mask.to(hidden.dtype).unsqueeze(-1)");
            w.line("pooled = (hidden * weights).sum(1) / weights.sum(1).clamp_min(1e-9)");
        }
        if (config.sentencePooling.normalize)
            w.line("pooled = pooled / pooled.pow(2).sum(1, keepdim=True).sqrt().clamp_min(1e-12)");
        w.line("return " + w.linear("pooled", "classifier"));
        return;
    case HeadKind::QuestionAnswering:
        w.line("logits = " + w.linear("hidden", "qa_outputs"));
        w.line("return logits.select(2, 0), logits.select(2, 1)");
        return;
    case HeadKind::MaskedLm:
        maskedLmHead(w, config, family, p);
        return;
    case HeadKind::CausalLm:
        w.line("return torch.linear(hidden, " +
               w.weight(w.has("lm_head.weight") ? "lm_head.weight" : family.wordEmbeddings(p)) +
               ")");
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
    const Family& family = familyOf(config, prefix);
    Writer root("", parameters);
    root.line(std::string("def forward(self, input_ids: Tensor, attention_mask: Optional[Tensor] "
                          "= None, token_type_ids: Optional[Tensor] = None) -> ") +
                  (program.outputs.size() == 2 ? "Tuple[Tensor, Tensor]:" : "Tensor:"),
              0);
    root.line("if attention_mask is None:").line("attention_mask = torch.ones_like(input_ids)", 2);
    family.embed(root, config, prefix);
    root.line("mask = (1.0 - attention_mask.float().unsqueeze(1).unsqueeze(2)) * " + lowest());
    for (std::int64_t i = 0; i < config.numLayers; ++i) {
        const std::string path = family.layerPath(prefix, i);
        program.methods.push_back({path, family.layer(config, i, path, parameters)});
        root.line("hidden = " + root.attribute(path) + ".forward(hidden, mask)");
    }
    family.finish(root, config, prefix);
    head(root, config, family, kind, prefix);
    program.methods.push_back({"", root.text()});
    return program;
}

} // namespace domaintune
