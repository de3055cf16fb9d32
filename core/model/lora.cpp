#include "core/model/lora.h"

#include "core/common/error.h"
#include "core/model/projection.h"

namespace domaintune {

std::vector<std::string> attachLora(torch::nn::Module& model, const LoraSettings& settings,
                                    ModelFamily family)
{
    if (settings.rank < 1)
        throw Error("The LoRA rank must be at least 1 (got " + std::to_string(settings.rank) +
                    ").");
    const auto targets = settings.targets.empty() ? defaultLoraTargets(family) : settings.targets;
    std::vector<std::string> attached, available;
    for (const auto& item : model.named_modules("", /*include_self=*/false)) {
        auto* projection = item.value()->as<Projection>();
        if (!projection)
            continue;
        const std::string& name = item.key();
        const std::string last = name.substr(name.rfind('.') + 1);
        if (std::find(available.begin(), available.end(), last) == available.end())
            available.push_back(last);
        if (!matchesLoraTarget(name, targets))
            continue;
        projection->addAdapter(settings.rank, settings.alpha, settings.dropout, settings.rsLora);
        attached.push_back(name);
    }
    if (attached.empty()) {
        std::string wanted, names;
        for (const auto& target : targets)
            wanted += (wanted.empty() ? "" : ",") + target;
        for (const auto& name : available)
            names += (names.empty() ? "" : ", ") + name;
        throw Error("No layer of the model is called " + wanted +
                    ", so LoRA has nothing to adapt. Its projections are: " + names + ".");
    }
    return attached;
}

bool isAdapterParameter(const std::string& name)
{
    return name.find(".lora_A.") != std::string::npos ||
           name.find(".lora_B.") != std::string::npos || name.rfind("lora_A.", 0) == 0 ||
           name.rfind("lora_B.", 0) == 0;
}

void mergeLora(torch::nn::Module& model)
{
    for (const auto& item : model.named_modules("", /*include_self=*/false))
        if (auto* projection = item.value()->as<Projection>())
            projection->mergeAdapter();
}

bool hasLora(torch::nn::Module& model)
{
    for (const auto& item : model.named_modules("", /*include_self=*/false))
        if (auto* projection = item.value()->as<Projection>();
            projection && projection->hasAdapter())
            return true;
    return false;
}

} // namespace domaintune
