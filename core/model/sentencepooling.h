#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace domaintune {

/**
 * How a sentence embedding is made from an encoder's hidden states, as sentence-transformers
 * models describe it (modules.json, 1_Pooling/config.json, a Normalize module): the input of a
 * sentence-classification head (SetFit's encoder + logistic regression). Plain value type.
 */
struct SentencePooling
{
    std::string mode = "mean"; ///< "mean" (of the real tokens) or "cls" (the first token).
    bool normalize = false;    ///< L2-normalised afterwards (sentence-transformers' Normalize).

    /** {"mode": "mean", "normalize": true}, as config.json's domaintune_sentence_pooling. */
    nlohmann::json toJson() const;
    /** Reads toJson()'s form; throws domaintune::Error naming @p file for another mode. */
    static SentencePooling fromJson(const nlohmann::json& json, const std::string& file);
    bool operator==(const SentencePooling& other) const
    {
        return mode == other.mode && normalize == other.normalize;
    }
};

/** config.json's key for a sentence-classification head's pooling. */
constexpr const char* kSentencePoolingKey = "domaintune_sentence_pooling";

/**
 * The pooling a sentence-transformers model folder declares (modules.json and its Pooling
 * module's config.json), or nullopt when @p directory is not one. Throws domaintune::Error
 * naming the file for a pooling DomainTune does not compute (max, mean-sqrt-len, weighted),
 * which would give other embeddings than sentence-transformers does.
 */
std::optional<SentencePooling> readSentenceTransformersPooling(const std::string& directory);

/**
 * Writes modules.json, sentence_bert_config.json, 1_Pooling/config.json and (when it
 * normalises) 2_Normalize/ into @p directory, so that sentence-transformers loads the model
 * folder as the encoder it is. Throws domaintune::Error when a file cannot be written.
 */
void writeSentenceTransformersModules(const std::string& directory, const SentencePooling& pooling,
                                      std::int64_t hiddenSize, std::int64_t maxLength);

} // namespace domaintune
