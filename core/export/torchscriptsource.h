#pragma once

#include "core/model/modelconfig.h"

#include <set>
#include <string>
#include <vector>

namespace domaintune {

/** TorchScript source for one module of an export: the dotted module path and its methods. */
struct TorchScriptMethod
{
    std::string module; ///< Dotted path below the root ("bert.encoder.layer.0"); "" = root.
    std::string source; ///< TorchScript (Python syntax) defining forward() and its helpers.
};

/** The TorchScript program of a model: what each module computes, and what forward returns. */
struct TorchScriptProgram
{
    /** In definition order: the layers first, the root (which calls them) last. */
    std::vector<TorchScriptMethod> methods;
    /** The names of forward()'s results: {"logits"}, {"start_logits", "end_logits"} or
     *  {"last_hidden_state"}. More than one name means forward() returns a tuple. */
    std::vector<std::string> outputs;
};

/**
 * Writes the TorchScript source of the network that @p config and @p head describe, reading
 * its weights as module attributes at their state-dict paths (@p parameters, as
 * TaskModelImpl::named_parameters() names them, with the backbone under @p prefix). The root's
 * forward(input_ids, attention_mask=None, token_type_ids=None) takes int64 [batch, length]
 * tensors (mask: 1 token, 0 padding; token types: all zero when omitted, ignored by DistilBERT)
 * and returns the head's logits in float32, computed with the same operations as
 * the LibTorch model, with every weight widened to float32 where it is used. Sizes are read at
 * run time, so any batch size and length up to the model's positions work. Pure; throws
 * domaintune::Error for an activation or head the exporter does not know.
 */
TorchScriptProgram torchScriptProgram(const ModelConfig& config, HeadKind head,
                                      const std::string& prefix,
                                      const std::set<std::string>& parameters);

} // namespace domaintune
