#include "core/export/torchscriptfamily.h"

#include "core/common/error.h"

namespace domaintune::torchscript {

void Family::finish(Writer&, const ModelConfig&, const std::string&) const {}

MaskedLmNames Family::maskedLm(const ModelConfig& config) const
{
    return {"cls.predictions.transform.dense",
            "cls.predictions.transform.LayerNorm",
            "cls.predictions.decoder.weight",
            "cls.predictions.bias",
            config.activation,
            config.layerNormEps};
}

std::string Family::wordEmbeddings(const std::string& prefix) const
{
    return prefix + ".embeddings.word_embeddings.weight";
}

const Family& familyOf(const ModelConfig& config, const std::string& prefix)
{
    switch (config.family) {
    case ModelFamily::Bert:
        return prefix == "roberta" ? robertaFamily() : bertFamily();
    case ModelFamily::DistilBert:
        return distilBertFamily();
    case ModelFamily::Gpt2:
        return gpt2Family();
    }
    throw Error("Cannot export this model family as TorchScript.");
}

} // namespace domaintune::torchscript
