#pragma once

#include "core/model/pretrainedmodel.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace domaintune {

/** How to continue a text with a causal language model; transformers' generate() semantics. */
struct GenerationOptions
{
    std::int64_t maxNewTokens = 32;
    bool greedy = true;                ///< Else sampling with the settings below.
    double temperature = 1.0;          ///< Sampling: logits / temperature.
    std::int64_t topK = 0;             ///< Sampling: keep the K most likely (0: all).
    double topP = 1.0;                 ///< Sampling: keep the smallest set with this mass.
    double repetitionPenalty = 1.0;    ///< CTRL's penalty on tokens already in the sequence.
    std::uint64_t seed = 42;           ///< Sampling's random stream.
    std::vector<std::int64_t> stopIds; ///< Empty: config.json's eos_token_id.
    bool useCache = true;              ///< Keys and values kept between steps (same result).
};

/** What generate() produced. A plain value. */
struct GenerationResult
{
    std::vector<std::int64_t> newIds; ///< The generated tokens (a stop token included).
    std::string stopReason;           ///< "eos", "max_new_tokens", "max_positions" or "cancelled".
};

/**
 * Continues @p prompt with @p model (a causal LM head), one token at a time. Logit processing
 * follows transformers: repetition penalty, then for sampling temperature, top-k and top-p,
 * then argmax (greedy) or a draw from the softmax. @p onToken gets each new token as it is
 * chosen and may return false to stop (streaming and cancel). Throws domaintune::Error for a
 * model without a causal LM head, an empty prompt or settings out of range. Runs on the
 * caller's thread; the model must not be used elsewhere meanwhile.
 */
GenerationResult generate(const PretrainedModel& model, const std::vector<std::int64_t>& prompt,
                          const GenerationOptions& options,
                          const std::function<bool(std::int64_t)>& onToken = {});

} // namespace domaintune
