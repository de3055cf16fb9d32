#pragma once

#include "core/model/sentencepooling.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace domaintune {

/** The network families DomainTune implements; each model_type maps to one. */
enum class ModelFamily
{
    Bert,       ///< bert, roberta, xlm-roberta, camembert: post-LN encoder with token types
    DistilBert, ///< distilbert: BERT without token types and pooler, renamed weights
    Gpt2        ///< gpt2: pre-LN causal decoder with Conv1D weights
};

/** What the model computes on top of its backbone. */
enum class HeadKind
{
    Base,                   ///< hidden states (+ pooler where the architecture has one)
    SequenceClassification, ///< one label (or several: problem_type multi_label_classification)
    TokenClassification,    ///< one label per token (NER)
    MaskedLm,               ///< vocabulary logits per token, bidirectional
    CausalLm,               ///< vocabulary logits per token, left-to-right
    QuestionAnswering,      ///< start/end logits per token
    /** A pooled sentence embedding (see SentencePooling) → one label: SetFit's fine-tuned
     *  encoder with its logistic-regression head, as a linear "classifier". */
    SentenceClassification
};

/** Returns whether @p head gives one label (or label set) per text: seq-cls or sentence-cls. */
inline bool classifiesTexts(HeadKind head)
{
    return head == HeadKind::SequenceClassification || head == HeadKind::SentenceClassification;
}

/** Returns the stable name of @p head ("seq-cls", "token-cls", "mlm", "clm", "qa", "base",
 * "sentence-cls"). */
const char* headKindName(HeadKind head);
/** Parses a name from headKindName(); throws domaintune::Error listing the valid names. */
HeadKind parseHeadKind(const std::string& name);

/**
 * A parsed and validated config.json, normalised across families (GPT-2's n_embd is
 * hiddenSize, DistilBERT's dim is hiddenSize, ...). The original JSON is kept so that saving
 * preserves fields DomainTune does not interpret. Plain value type.
 */
struct ModelConfig
{
    std::string modelType; ///< As written in config.json, e.g. "xlm-roberta".
    ModelFamily family = ModelFamily::Bert;
    std::vector<std::string> architectures;

    std::int64_t vocabSize = 0;
    std::int64_t hiddenSize = 0;
    std::int64_t numLayers = 0;
    std::int64_t numHeads = 0;
    std::int64_t intermediateSize = 0;
    std::int64_t maxPositions = 0;
    std::int64_t typeVocabSize = 0; ///< 0 when the family has no token types.
    std::string activation;         ///< "gelu", "gelu_new", "relu", ...
    double layerNormEps = 1e-12;
    double hiddenDropout = 0.1;
    double attentionDropout = 0.1;
    double embeddingDropout = 0.1;  ///< GPT-2's embd_pdrop; the others use hiddenDropout.
    double classifierDropout = 0.1; ///< Dropout before sequence-classification heads.
    double tokenDropout = 0.1;      ///< Dropout before token-classification heads.
    double qaDropout = 0.0;         ///< Dropout before QA heads (only DistilBERT has one).
    double initializerRange = 0.02;
    std::optional<std::int64_t> padTokenId;  ///< GPT-2 checkpoints usually have none.
    std::int64_t positionOffset = 0;         ///< RoBERTa family: padding_idx + 1; BERT: 0.
    bool scaleAttentionWeights = true;       ///< GPT-2's scale_attn_weights.
    bool scaleAttentionByLayerIndex = false; ///< GPT-2's scale_attn_by_inverse_layer_idx.
    std::optional<std::int64_t> bosTokenId;
    std::optional<std::int64_t> eosTokenId;
    bool tieWordEmbeddings = true;
    bool sinusoidalPositions = false; ///< DistilBERT's sinusoidal_pos_embds.
    std::string problemType;          ///< "", "single_label_classification", ...
    std::vector<std::string> labels;  ///< id2label in id order (transformers: 2 by default).
    /** The sentence-classification head's pooling: config.json's domaintune_sentence_pooling,
     *  else what a sentence-transformers folder declares (readModelConfig reads it), else mean
     *  pooling without normalisation. */
    SentencePooling sentencePooling;

    nlohmann::json raw; ///< The file's JSON as read.

    /** Returns the number of labels (labels.size(), or num_labels when no names exist). */
    std::int64_t numLabels() const { return static_cast<std::int64_t>(labels.size()); }
    /** Returns the head that architectures[0] names (Base when there is none). */
    HeadKind headFromArchitecture() const;
    /** Returns the architecture name transformers uses for this family and @p head. */
    std::string architectureFor(HeadKind head) const;
    /** Returns true when architectures is empty or its first name is one DomainTune reads
     * (…Model, …ForSequenceClassification, …ForMaskedLM, …LMHeadModel, ...). */
    bool architectureKnown() const;
    /** Returns about how many parameters the backbone has (embeddings and layers; heads are
     * small), as a double because a damaged config.json may describe absurd sizes. */
    double estimatedParameters() const;

    /**
     * Returns the JSON to write as config.json: raw, updated with the fields that may have
     * changed (architectures for @p head, id2label/label2id, num_labels, problem_type).
     */
    nlohmann::json toJson(HeadKind head) const;
};

/**
 * Reads DIR/config.json (or the file itself when @p path is a file). Throws domaintune::Error
 * naming the file and field for a missing file, invalid JSON, a missing or impossible field,
 * or an unsupported model_type (listing the supported ones).
 */
ModelConfig readModelConfig(const std::string& path);

/**
 * Reads config.json (in the folder @p path, or @p path itself) as JSON, without validating its
 * fields: the file checks and the parse of readModelConfig(). Sets @p fileRead to the file's
 * path when given. Throws domaintune::Error naming the file.
 */
nlohmann::json readModelConfigJson(const std::string& path, std::string* fileRead = nullptr);

/** Parses @p json as read from @p file (used for messages). Same errors as readModelConfig. */
ModelConfig parseModelConfig(const nlohmann::json& json, const std::string& file);

/** Returns the model_type values DomainTune supports, sorted. */
std::vector<std::string> supportedModelTypes();

} // namespace domaintune
