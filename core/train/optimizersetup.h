#pragma once

// Core-internal (LibTorch): the optimiser of a run and what trains when.

#include "core/model/pretrainedmodel.h"
#include "core/train/freezeschedule.h"
#include "core/train/trainspec.h"

#include <torch/torch.h>

#include <memory>
#include <vector>

namespace domaintune {

/**
 * AdamW over a model's parameter groups (the units the freeze plan names): per group one
 * optimiser group with weight decay and one without (biases and norms, the backbone's
 * noDecayParameters()), each at the spec's learning rate times the group's freeze multiplier
 * (layer-wise decay, discriminative rates). Parameters that do not require gradients when it
 * is built (LoRA's frozen backbone, fixed position tables) are left out for good. Not
 * thread-safe; one per run.
 */
class OptimizerSetup
{
public:
    OptimizerSetup(PretrainedModel& model, const TrainSpec& spec);

    torch::optim::AdamW& optimizer() { return *m_optimizer; }
    const FreezeSchedule& freeze() const { return *m_freeze; }
    /** Lets exactly the groups the freeze plan trains in @p epoch have gradients. */
    void applyFreeze(std::int64_t epoch);
    /** Sets every optimiser group's rate: @p base x its group's multiplier x @p factor. */
    void setLearningRate(double base, double factor);

private:
    std::unique_ptr<FreezeSchedule> m_freeze;
    std::vector<std::vector<torch::Tensor>> m_groupParameters; ///< Per parameter group.
    std::vector<double> m_multiplier;                          ///< Per optimiser group.
    std::unique_ptr<torch::optim::AdamW> m_optimizer;
};

} // namespace domaintune
