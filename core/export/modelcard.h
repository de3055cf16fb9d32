#pragma once

#include "core/model/modelconfig.h"

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace domaintune {

/** What a model card tells about an exported model. Plain value type. */
struct ModelCardFacts
{
    std::string name;
    ModelConfig config;
    HeadKind head = HeadKind::Base;
    std::string baseModel;          ///< The folder or name the run started from.
    std::string task;               ///< seq-cls, token-cls, ...
    std::string domain;             ///< finance, medical, legal, other
    std::string datasetFingerprint; ///< SHA-256 of the normalised, split data, when known.
    nlohmann::json spec;            ///< The run spec (hyper-parameters, freeze plan), or null.
    std::map<std::string, double> metrics;
    std::vector<std::string> confusionLabels;
    std::vector<std::vector<std::int64_t>> confusion;
    std::string weightsDtype = "float32";
    /** The runs whose models led to this one, oldest first (the base-model chain), this run
     * last; empty or one entry: no chain. */
    struct ChainStep
    {
        std::string name;
        std::string task;
        std::string domain;
        std::string baseModel;
    };
    std::vector<ChainStep> chain;
};

/**
 * Writes the model card (README.md with a YAML header that the Hugging Face hub reads): task,
 * domain, base model, data fingerprint, freeze plan, hyper-parameters, metrics with the
 * confusion matrix, intended use and limitations. Pure.
 */
std::string modelCard(const ModelCardFacts& facts);

} // namespace domaintune
