#pragma once

// What TorchScript export needs to know about one model family: its embeddings, the path and
// source of each layer, what follows the last layer, and its family-specific heads. Each
// family is one file (torchscriptbert.cpp, torchscriptdistilbert.cpp, torchscriptgpt2.cpp)
// and one line in familyOf() (torchscriptfamily.cpp).

#include "core/export/torchscriptwriter.h"

#include <cstdint>
#include <set>
#include <string>

namespace domaintune::torchscript {

/** The weights of a masked-LM head: transform, norm, decoder, bias. A plain value. */
struct MaskedLmNames
{
    std::string dense, norm, decoder, bias, activation;
    double eps = 1e-12;
};

/** One model family's pieces of TorchScript source. Stateless; thread-safe. */
class Family
{
public:
    virtual ~Family() = default;
    /** The root's lines from input_ids (and token_type_ids) to `hidden`. */
    virtual void embed(Writer& w, const ModelConfig& config, const std::string& prefix) const = 0;
    /** The module path of layer @p index. */
    virtual std::string layerPath(const std::string& prefix, std::int64_t index) const = 0;
    /** The source of layer @p index, a module at @p module: forward(hidden, mask). */
    virtual std::string layer(const ModelConfig& config, std::int64_t index,
                              const std::string& module,
                              const std::set<std::string>& parameters) const = 0;
    /** The root's lines after the last layer (a final norm); none by default. */
    virtual void finish(Writer& w, const ModelConfig& config, const std::string& prefix) const;
    /** The root's lines from `hidden` to the sequence classifier's logits (returned). */
    virtual void sequenceHead(Writer& w, const ModelConfig& config,
                              const std::string& prefix) const = 0;
    /** The masked-LM head's weights. */
    virtual MaskedLmNames maskedLm(const ModelConfig& config) const;
    /** The input word-embedding weight (what a tied decoder reads). */
    virtual std::string wordEmbeddings(const std::string& prefix) const;
};

/** The family of @p config; BERT-family checkpoints under "roberta" get RoBERTa's heads. */
const Family& familyOf(const ModelConfig& config, const std::string& prefix);

// Each family's instance, defined in its own file.
const Family& bertFamily();
const Family& robertaFamily();
const Family& distilBertFamily();
const Family& gpt2Family();

/** BERT-style embeddings (words + positions, RoBERTa's padding-aware positions, token types
 *  where the model has them, LayerNorm with @p eps), shared by the encoder families. */
void embedEncoder(Writer& w, const ModelConfig& config, const std::string& prefix, double eps);

} // namespace domaintune::torchscript
