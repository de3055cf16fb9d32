#include "core/train/optimizersetup.h"

#include "core/model/modules.h"
#include "core/model/taskmodel.h"

#include <map>
#include <set>
#include <string>

namespace domaintune {

OptimizerSetup::OptimizerSetup(PretrainedModel& model, const TrainSpec& spec)
{
    auto& module = model.module();
    std::map<std::string, torch::Tensor> byName;
    for (const auto& item : module.named_parameters())
        byName[item.key()] = item.value();
    const auto groups = model.parameterGroups();
    std::vector<std::string> names;
    for (const auto& group : groups)
        names.push_back(group.name);
    m_freeze = std::make_unique<FreezeSchedule>(spec.freeze, names);

    const std::set<std::string> noDecayNames = noDecayParameters(module);
    std::vector<torch::optim::OptimizerParamGroup> optimiserGroups;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        std::vector<torch::Tensor> decay, noDecay, all;
        for (const auto& name : groups[g].parameters) {
            const auto& parameter = byName.at(name);
            if (!parameter.requires_grad())
                continue; // never trained (LoRA's frozen backbone, fixed position tables)
            (noDecayNames.count(name) ? noDecay : decay).push_back(parameter);
            all.push_back(parameter);
        }
        m_groupParameters.push_back(all);
        const double multiplier = m_freeze->lrMultiplier(g);
        for (auto* list : {&decay, &noDecay}) {
            if (list->empty())
                continue;
            auto options =
                std::make_unique<torch::optim::AdamWOptions>(spec.learningRate * multiplier);
            options->weight_decay(list == &decay ? spec.weightDecay : 0.0);
            optimiserGroups.emplace_back(*list, std::move(options));
            m_multiplier.push_back(multiplier);
        }
    }
    m_optimizer = std::make_unique<torch::optim::AdamW>(
        optimiserGroups, torch::optim::AdamWOptions(spec.learningRate));
}

void OptimizerSetup::applyFreeze(std::int64_t epoch)
{
    const auto trainable = m_freeze->trainable(static_cast<int>(epoch));
    for (std::size_t g = 0; g < m_groupParameters.size(); ++g)
        for (auto& parameter : m_groupParameters[g])
            parameter.set_requires_grad(trainable[g]);
}

void OptimizerSetup::setLearningRate(double base, double factor)
{
    auto& groups = m_optimizer->param_groups();
    for (std::size_t g = 0; g < groups.size(); ++g)
        static_cast<torch::optim::AdamWOptions&>(groups[g].options())
            .lr(base * m_multiplier[g] * factor);
}

} // namespace domaintune
