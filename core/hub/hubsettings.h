#pragma once

#include <string>

namespace domaintune {

/**
 * Where the Hugging Face cache lies and how the Hub is reached, read from the environment the
 * way huggingface_hub reads it, so that DomainTune and `transformers` share one cache. A plain
 * value type.
 */
struct HubSettings
{
    std::string cacheRoot; ///< HF_HUB_CACHE, else HF_HOME/hub, else XDG_CACHE_HOME/huggingface/hub,
                           ///< else ~/.cache/huggingface/hub.
    std::string endpoint;  ///< HF_ENDPOINT without a trailing slash, else https://huggingface.co.
    std::string
        token; ///< HF_TOKEN, else the token file HF_TOKEN_PATH / HF_HOME/token; may be empty.
    bool offline = false; ///< HF_HUB_OFFLINE (or TRANSFORMERS_OFFLINE) is 1/ON/YES/TRUE.
};

/** Reads HubSettings from the process environment (and the token file). Any thread. */
HubSettings hubSettingsFromEnvironment();

/** Returns true for "1", "on", "yes", "true" in any case (huggingface_hub's truthy values). */
bool isTruthyEnvironmentValue(const std::string& value);

} // namespace domaintune
