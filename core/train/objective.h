#pragma once

// Core-internal (LibTorch): batches and losses of the training tasks.

#include "core/model/modules.h"
#include "core/train/feature.h"
#include "core/train/task.h"

#include <optional>
#include <string>
#include <vector>

namespace domaintune {

/** A batch ready for the model, with what the loss compares against. */
struct TrainBatch
{
    ModelBatch inputs;
    torch::Tensor labels;  ///< Class ids [B], tag ids [B, T] or LM targets [B, T] (-100 ignored).
    torch::Tensor targets; ///< multi-label: [B, labels] floats.
    std::int64_t realTokens = 0;
    std::int64_t size = 0;

    /** Returns the batch with every tensor on @p device (a no-op on the CPU). */
    TrainBatch to(const torch::Device& device) const;
};

class Tokenizer;

/** The special ids an objective needs. */
struct ObjectiveIds
{
    std::int64_t pad = 0;
    std::int64_t mask = -1; ///< [MASK] / <mask>; required for mlm.
    std::int64_t vocabSize = 0;

    /** Reads the padding and mask ids from @p tokenizer, for a model of @p vocabSize. */
    static ObjectiveIds of(const Tokenizer& tokenizer, std::int64_t vocabSize);
};

/**
 * Builds padded batches and computes each task's loss (cross-entropy with optional class
 * weights, BCE-with-logits for multi-label, masked-LM with 80/10/10 masking and optional
 * whole-word masking, shifted causal-LM). Not thread-safe (one per training thread).
 */
class Objective
{
public:
    Objective(Task task, ObjectiveIds ids, double mlmProbability, bool wholeWordMasking,
              torch::Tensor classWeights = {});

    /**
     * Pads @p indices of @p features into a batch. For mlm, masks tokens with @p generator
     * (the default generator when nullopt, so resumed runs draw the same masks).
     */
    TrainBatch makeBatch(const FeatureSet& features, const std::vector<std::size_t>& indices,
                         c10::optional<at::Generator> generator = c10::nullopt) const;
    /** Returns the mean loss of @p output against @p batch. */
    torch::Tensor loss(const ModelOutput& output, const TrainBatch& batch) const;
    /** Returns what loss() averages over in @p batch: examples, or the scored tokens (their
     * class weights' sum with class weights). Data-parallel ranks weigh their mean losses by it,
     * so that their gradients add up to the gradient of the whole batch's mean. */
    double lossWeight(const TrainBatch& batch) const;

    Task task() const { return m_task; }

private:
    void maskTokens(TrainBatch& batch, const FeatureSet& features,
                    const std::vector<std::size_t>& indices,
                    c10::optional<at::Generator> generator) const;

    Task m_task;
    ObjectiveIds m_ids;
    double m_mlmProbability;
    bool m_wholeWord;
    torch::Tensor m_classWeights;
};

} // namespace domaintune
