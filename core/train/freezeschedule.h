#pragma once

#include <string>
#include <vector>

namespace domaintune {

/** Which parameter groups train, as the user chose it in the wizard's layer page. */
struct FreezePlan
{
    /** "all" (everything trains), "head-only" (the seed's recipe), "top-k" (head + top k). */
    std::string preset = "all";
    int topK = 2;
    /** When non-empty, exactly these groups are frozen (overrides the preset). */
    std::vector<std::string> frozenGroups;
    /** Unfreeze one more group (from the top) at the start of every epoch after the first. */
    bool gradualUnfreezing = false;
    /** Layer-wise LR decay: a group n levels below the head gets lr * decay^n (1 = off). */
    double layerDecay = 1.0;
};

/**
 * Turns a FreezePlan into per-epoch trainable flags and per-group learning-rate multipliers
 * over a model's parameter groups (in network order: embeddings, layer 0..N-1, pooler or
 * final norm, head). Plain value type; thread-safe.
 */
class FreezeSchedule
{
public:
    /** Throws domaintune::Error for an unknown preset or group name, or a bad topK/decay. */
    FreezeSchedule(const FreezePlan& plan, const std::vector<std::string>& groups);

    /** Returns, per group, whether it trains during @p epoch (0-based). */
    std::vector<bool> trainable(int epoch) const;
    /** Returns the learning-rate multiplier of group @p index. */
    double lrMultiplier(std::size_t index) const;
    const std::vector<std::string>& groups() const { return m_groups; }

private:
    std::vector<std::string> m_groups;
    std::vector<bool> m_initial;
    std::vector<double> m_multipliers;
    bool m_gradual = false;
};

/** Returns the presets FreezePlan::preset accepts. */
std::vector<std::string> freezePresets();

} // namespace domaintune
