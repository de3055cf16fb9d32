#include "core/train/freezeschedule.h"

#include "core/common/error.h"

#include <algorithm>
#include <cmath>

namespace domaintune {
namespace {

bool isLayer(const std::string& group)
{
    return group.rfind("layer ", 0) == 0;
}

/** Levels below the head: head and pooler/final norm 0, top layer 1, ..., embeddings N+1. */
std::vector<int> depths(const std::vector<std::string>& groups)
{
    const auto layers = std::count_if(groups.begin(), groups.end(), isLayer);
    std::vector<int> result;
    for (const auto& group : groups) {
        if (isLayer(group))
            result.push_back(int(layers) - std::stoi(group.substr(6)));
        else if (group == "embeddings")
            result.push_back(int(layers) + 1);
        else
            result.push_back(0);
    }
    return result;
}

} // namespace

std::vector<std::string> freezePresets()
{
    return {"all", "head-only", "top-k"};
}

FreezeSchedule::FreezeSchedule(const FreezePlan& plan, const std::vector<std::string>& groups)
    : m_groups(groups), m_gradual(plan.gradualUnfreezing)
{
    if (plan.layerDecay <= 0 || plan.layerDecay > 1)
        throw Error("Layer-wise learning-rate decay must be in (0, 1], not " +
                    std::to_string(plan.layerDecay) + ".");
    const auto depth = depths(groups);
    for (int d : depth)
        m_multipliers.push_back(std::pow(plan.layerDecay, d));
    if (!plan.frozenGroups.empty()) {
        for (const auto& name : plan.frozenGroups)
            if (std::find(groups.begin(), groups.end(), name) == groups.end())
                throw Error("The freeze plan names the group \"" + name +
                            "\", which this model does not have.");
        for (const auto& group : groups)
            m_initial.push_back(std::find(plan.frozenGroups.begin(), plan.frozenGroups.end(),
                                          group) == plan.frozenGroups.end());
        return;
    }
    if (plan.preset == "all") {
        m_initial.assign(groups.size(), true);
    } else if (plan.preset == "head-only") {
        for (const auto& group : groups)
            m_initial.push_back(group == "head");
    } else if (plan.preset == "top-k") {
        if (plan.topK < 0)
            throw Error("top-k needs k >= 0, not " + std::to_string(plan.topK) + ".");
        for (std::size_t i = 0; i < groups.size(); ++i)
            m_initial.push_back(depth[i] <= plan.topK && groups[i] != "embeddings");
    } else {
        throw Error("Unknown freeze preset \"" + plan.preset +
                    "\"; choose all, head-only or top-k.");
    }
}

std::vector<bool> FreezeSchedule::trainable(int epoch) const
{
    std::vector<bool> result = m_initial;
    if (!m_gradual)
        return result;
    // ULMFiT's gradual unfreezing: each epoch thaws the highest frozen group.
    for (int thawed = 0; thawed < epoch; ++thawed) {
        for (std::size_t i = result.size(); i-- > 0;)
            if (!result[i]) {
                result[i] = true;
                break;
            }
    }
    return result;
}

double FreezeSchedule::lrMultiplier(std::size_t index) const
{
    return index < m_multipliers.size() ? m_multipliers[index] : 1.0;
}

} // namespace domaintune
