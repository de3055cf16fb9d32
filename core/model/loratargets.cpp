#include "core/model/loratargets.h"

#include <algorithm>

namespace domaintune {

std::vector<std::string> defaultLoraTargets(ModelFamily family)
{
    switch (family) {
    case ModelFamily::Bert:
        return {"query", "value"};
    case ModelFamily::DistilBert:
        return {"q_lin", "v_lin"};
    case ModelFamily::Gpt2:
        return {"c_attn"};
    }
    return {};
}

bool matchesLoraTarget(const std::string& name, const std::vector<std::string>& targets)
{
    for (const std::string& target : targets) {
        if (name == target)
            return true;
        if (name.size() > target.size() &&
            name.compare(name.size() - target.size(), target.size(), target) == 0 &&
            name[name.size() - target.size() - 1] == '.')
            return true;
    }
    return false;
}

std::vector<std::string> loraTargetNames(const std::vector<ProjectionShape>& projections)
{
    std::vector<std::string> names;
    for (const ProjectionShape& projection : projections) {
        const std::string last = projection.name.substr(projection.name.rfind('.') + 1);
        if (std::find(names.begin(), names.end(), last) == names.end())
            names.push_back(last);
    }
    return names;
}

std::int64_t loraParameterCount(const std::vector<ProjectionShape>& projections,
                                const std::vector<std::string>& targets, std::int64_t rank)
{
    std::int64_t count = 0;
    for (const ProjectionShape& projection : projections)
        if (matchesLoraTarget(projection.name, targets))
            count += rank * (projection.in + projection.out);
    return count;
}

} // namespace domaintune
