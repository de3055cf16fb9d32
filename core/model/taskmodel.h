#pragma once

#include "core/model/modules.h"

#include <memory>
#include <string>
#include <vector>

namespace domaintune {

class TaskModelImpl;

/** A state-dict name that denotes the same weight as another (tied LM decoders and biases). */
struct WeightAlias
{
    std::string alias;   ///< e.g. "cls.predictions.decoder.weight"
    std::string primary; ///< e.g. "bert.embeddings.word_embeddings.weight"
};

/**
 * A task head on top of a backbone. Heads register their modules directly on the task model
 * under transformers' names ("classifier", "cls.predictions....", "lm_head", ...), so that the
 * task model's named parameters are exactly a transformers state dict.
 */
class Head
{
public:
    virtual ~Head() = default;
    /** Computes the head's outputs from the backbone's. */
    virtual ModelOutput forward(const BackboneOutput& backbone, const ModelBatch& batch) = 0;
    /** Returns whether the backbone must compute its pooler for this head. */
    virtual bool needsPooler() const { return false; }
    /**
     * Returns the names under which checkpoints may store weights this head shares with
     * another parameter, so that loading maps them and saving can skip them.
     */
    virtual std::vector<WeightAlias> aliases() const { return {}; }
};

/**
 * A backbone plus one task head: the unit DomainTune loads, trains, saves and exports.
 * Parameter names are transformers' (e.g. "bert.encoder.layer.0.attention.self.query.weight").
 * Not thread-safe; use from one thread at a time.
 */
class TaskModelImpl : public torch::nn::Module
{
public:
    /**
     * Creates the model. With @p initialise, all weights are initialised as transformers
     * initialises new weights; without, they are left uninitialised for a loader to fill
     * (the loader then initialises what the checkpoint lacks).
     */
    TaskModelImpl(const ModelConfig& config, HeadKind head, bool initialise = true);

    /**
     * Initialises the parameters named in @p only (all when empty) as transformers does for
     * new weights, and refills computed weights (sinusoidal positions) among them.
     */
    void initialiseWeights(const std::set<std::string>& only);

    /** Runs backbone and head. */
    ModelOutput forward(const ModelBatch& batch);
    /** Runs the backbone only (hidden states and, where present, the pooler). */
    BackboneOutput forwardBase(const ModelBatch& batch);
    /** Runs the head only, on backbone outputs computed earlier (see FeatureCache). */
    ModelOutput forwardHead(const BackboneOutput& backbone, const ModelBatch& batch);

    const ModelConfig& config() const { return m_config; }
    HeadKind head() const { return m_head; }
    /** Returns the backbone's prefix in task-model state dicts ("bert", "transformer", ...). */
    std::string backbonePrefix() const { return m_backbone->prefix(); }
    /**
     * The parameter group of task-model parameter @p name: "embeddings", "layer N", the
     * backbone's top groups ("pooler", "final norm") or "head" — from the backbone's own
     * layout, for every family.
     */
    std::string groupOf(const std::string& name) const;
    /** Returns the head's weight aliases (see Head::aliases()). */
    std::vector<WeightAlias> aliases() const { return m_taskHead->aliases(); }
    /** Returns whether the backbone has a pooler (BERT family with a pooler in its weights). */
    bool hasPooler() const { return m_hasPooler; }

private:
    ModelConfig m_config;
    HeadKind m_head;
    bool m_hasPooler = false;
    std::shared_ptr<BackboneImpl> m_backbone;
    std::unique_ptr<Head> m_taskHead;
};
TORCH_MODULE(TaskModel);

/**
 * Creates the head for @p kind and registers its modules on @p model. Throws domaintune::Error
 * when the family has no such head (e.g. a causal LM head on BERT) or the head needs labels
 * and @p config has none.
 */
/**
 * The sentence embeddings [batch, hidden] of @p hidden [batch, length, hidden] with @p mask
 * [batch, length] (1 = real token; undefined: all real), pooled and normalised as @p pooling
 * says, as sentence-transformers computes them.
 */
torch::Tensor sentenceEmbedding(const torch::Tensor& hidden, const torch::Tensor& mask,
                                const SentencePooling& pooling);

std::unique_ptr<Head> createHead(TaskModelImpl& model, BackboneImpl& backbone,
                                 const ModelConfig& config, HeadKind kind);

} // namespace domaintune
