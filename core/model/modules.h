#pragma once

// LibTorch building blocks shared by the architectures. Core-internal: includes LibTorch, so
// never include it from ui/ or from a header that ui/ includes.

#include "core/model/modelconfig.h"

#include <torch/torch.h>

#include <set>
#include <string>

namespace domaintune {

/**
 * The keys and values a decoder computed for the tokens so far, per layer ([batch, heads,
 * length, head dim]), so that generating the next token runs the new token only. Empty before
 * the first step; the backbone appends to it.
 */
struct KvCache
{
    std::vector<torch::Tensor> keys, values;
    std::int64_t length() const
    {
        return keys.empty() || !keys.front().defined() ? 0 : keys.front().size(2);
    }
};

/** One batch of model inputs; all [batch, length] int64 on the model's device. */
struct ModelBatch
{
    torch::Tensor inputIds;
    torch::Tensor attentionMask; ///< 1 = real token, 0 = padding; may be undefined (all real).
    torch::Tensor tokenTypeIds;  ///< May be undefined (all zero).
    /**
     * Masked LM only: bool [batch, length], the tokens to score. When defined, the masked-LM
     * head projects only these onto the vocabulary and returns logits [count, vocab] in
     * row-major order; undefined: logits for every token.
     */
    torch::Tensor scoredPositions;
    /**
     * Packed rows (several examples per row, see core/train/packing.h), all three defined or
     * none: segmentIds [rows, length] says which example of its row each token belongs to
     * (1, 2, ...; 0 padding), and attention stays within an example; positionIds [rows,
     * length] counts each example's tokens from 0; firstTokens [examples] is each example's
     * first token as an index into the flattened [rows × length], in example order.
     * Only the BERT-family encoders read them (packingSupported()).
     */
    torch::Tensor segmentIds, positionIds, firstTokens;
    /**
     * Decoders only: with a cache, inputIds continue the tokens the cache holds (positions go
     * on from there) and the cache grows by them. Batch of one without padding.
     */
    KvCache* cache = nullptr;
};

/** What a backbone computes. */
struct BackboneOutput
{
    torch::Tensor hidden; ///< [batch, length, hidden]
    torch::Tensor pooled; ///< [batch, hidden], undefined when the backbone has no pooler.
};

/** What a task model computes; fields a head does not produce stay undefined. */
struct ModelOutput
{
    torch::Tensor logits;      ///< [batch, labels] or [batch, length, labels or vocab]
    torch::Tensor startLogits; ///< QA: [batch, length]
    torch::Tensor endLogits;   ///< QA: [batch, length]
    BackboneOutput backbone;
};

/**
 * [batch, length, heads x dim] -> [batch, heads, length, dim], contiguous unless
 * @p contiguous is false (strided views for the fused kernel: headsAsViews()). ATen multiplies a
 * batch of transposed views one small matrix at a time on the CPU: measured 38 ms against
 * 4 ms contiguous for 32 x 4 heads of 128 x 64 (bench/attention_layout.py), and attention's
 * products are a third of a small BERT's training step.
 */
torch::Tensor splitHeads(const torch::Tensor& x, std::int64_t heads, bool contiguous = true);
/** [batch, heads, length, dim] -> [batch, length, heads x dim]. */
torch::Tensor mergeHeads(const torch::Tensor& x);

/**
 * Scaled dot-product attention over split heads: softmax(q k^T + mask) v, with @p dropout on
 * the probabilities. @p q carries the 1/sqrt(head size) already (folded into the query
 * projection); @p mask is additive and broadcasts to [batch, heads, length, length].
 *
 * On LibTorch 2.x, when no dropout applies to the probabilities (evaluation, prediction, or a
 * model without attention dropout), this is ATen's scaled_dot_product_attention, whose CPU
 * flash kernel never materialises the score matrix; ATen refuses that kernel under dropout and
 * falls back to the same products as here but with its single-threaded Bernoulli sampler, so
 * with dropout (and on LibTorch 1.13) the products are spelled out and dropout is applyDropout().
 * Measured in bench/attention.cpp (developer guide, "Fused attention").
 */
torch::Tensor attend(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v,
                     const torch::Tensor& mask, const torch::nn::Dropout& dropout);
/** Whether attend() uses the fused kernel with @p dropout as the probabilities' dropout. */
bool fusedAttentionApplies(const torch::nn::Dropout& dropout);
/**
 * Whether splitHeads() may hand attend() strided views instead of copies: when the fused
 * kernel applies and no gradient is recorded. The kernel reads strided heads directly (the
 * three copies per layer go: evaluation 1.11-1.14x against 1.03-1.07x with copies), but its
 * backward on strided heads was slower than the copies (0.92-0.94x a training step).
 */
bool headsAsViews(const torch::nn::Dropout& dropout);
/** Whether attend() may use the fused kernel: compiled against LibTorch >= 2.1. */
bool fusedAttentionAvailable();
/**
 * Turns the fused kernel off (or back on) for the whole process; on by default where
 * available, off when the environment has DOMAINTUNE_FUSED_ATTENTION=0 (a diagnostic switch, and
 * how bench/attention.cpp and bench/tta compare both paths in one build).
 */
void setFusedAttention(bool enabled);
bool fusedAttentionEnabled();

/**
 * Dropout as torch::nn::Dropout defines it (in training mode each value becomes 0 with
 * probability p and the others are scaled by 1 / (1 - p); otherwise the input is returned),
 * with @p module's rate and mode. On the CPU the mask comes from a counter-based hash
 * (splitmix64 of one seed drawn from LibTorch's default generator, plus the element's index),
 * filled by all threads: ATen's Bernoulli sampler runs on one thread and took about 9 % of a
 * small BERT's training step (bench/trainspeed). The result depends on the seed only, not on
 * the thread count, so seeded runs and resumed checkpoints stay reproducible.
 */
torch::Tensor applyDropout(const torch::nn::Dropout& module, const torch::Tensor& x);

/** Applies the activation config.json names ("gelu", "gelu_new", "relu", ...). */
torch::Tensor activate(const std::string& name, const torch::Tensor& x);
/** Throws domaintune::Error when @p name is not an activation activate() knows. */
void checkActivation(const std::string& name, const std::string& where);

/**
 * Returns the additive attention mask [batch, 1, 1, length] for @p attentionMask (1 keep,
 * 0 drop): 0 where kept, the dtype's lowest value where dropped. Undefined in, undefined out;
 * undefined too when nothing is dropped (adding zeros changes nothing and costs a pass over
 * every attention score).
 */
torch::Tensor additiveMask(const torch::Tensor& attentionMask, torch::ScalarType dtype);
/**
 * The additive mask of packed rows: [rows, 1, length, length], 0 where query and key belong
 * to the same example, the dtype's lowest value elsewhere (and for every key that is padding).
 */
torch::Tensor packedMask(const torch::Tensor& segmentIds, torch::ScalarType dtype);
/** The hidden states of each example's first token ([CLS] / <s>): [examples, hidden]; in
 *  packed rows those of batch.firstTokens, else the rows' first position. */
torch::Tensor firstTokenStates(const torch::Tensor& hidden, const ModelBatch& batch);

/**
 * Initialises @p module's parameters the way transformers does for newly created weights:
 * Linear/Conv1D/Embedding weights ~ N(0, initializerRange) (padding rows zero), biases zero,
 * LayerNorm weight one and bias zero; any other parameter zero. With @p only non-empty, just
 * the parameters with those names (as named by @p module) are touched. With @p gpt2Layers > 0,
 * every c_proj weight uses the standard deviation divided by sqrt(2 * gpt2Layers), as GPT-2's
 * initialisation does.
 */
/**
 * The parameters of @p module that weight decay leaves alone, by what they are, whatever the
 * family calls them: every bias, and the weights of LayerNorm modules.
 */
std::set<std::string> noDecayParameters(torch::nn::Module& module);

void initialiseLikeTransformers(torch::nn::Module& module, double initializerRange,
                                const std::set<std::string>& only = {},
                                std::int64_t gpt2Layers = 0);

/** The architecture-specific network below the task head. */
class BackboneImpl : public torch::nn::Module
{
public:
    /** Runs the backbone; @p batch fields may be undefined as ModelBatch documents. */
    virtual BackboneOutput run(const ModelBatch& batch) = 0;
    /** Returns the input embedding matrix [vocab, hidden] (tied to LM decoders). */
    virtual torch::Tensor wordEmbeddings() = 0;
    /** Returns the state-dict name of wordEmbeddings() below the backbone ("wte.weight"). */
    virtual std::string wordEmbeddingsName() const { return "embeddings.word_embeddings.weight"; }
    /** Returns the prefix transformers gives the backbone inside task models ("bert", ...). */
    virtual std::string prefix() const = 0;
    /** The path of the layer list below the backbone, with its dot ("encoder.layer."). */
    virtual std::string layersPath() const = 0;
    /**
     * The parameter group of backbone-local parameter @p name that is neither a layer nor
     * the embeddings ("pooler", "final norm"), or "" for the embeddings.
     */
    virtual std::string topGroupOf(const std::string& name) const
    {
        (void)name;
        return {};
    }
    /**
     * Fills weights that are computed, not learned (DistilBERT's sinusoidal positions), when
     * they are among @p fresh (state-dict names of newly initialised parameters; empty: all).
     */
    virtual void fillFixedWeights(const std::set<std::string>& fresh) {}
};

} // namespace domaintune
