#include "core/train/validationsplit.h"

#include <cmath>
#include <map>
#include <random>
#include <string>

namespace domaintune {
namespace {

/** Question answering: whole contexts held out, so no passage is seen in both splits (cpgQA
 * asks several questions about each). Deterministic for @p seed. */
void holdOutContexts(std::vector<Example>& all, std::vector<Example>& validation, double fraction,
                     std::uint64_t seed)
{
    std::map<std::string, std::vector<std::size_t>> byContext;
    for (std::size_t i = 0; i < all.size(); ++i)
        byContext[all[i].textPair].push_back(i);
    std::vector<const std::vector<std::size_t>*> groups;
    for (const auto& [context, members] : byContext)
        groups.push_back(&members);
    std::mt19937_64 random(seed);
    for (std::size_t i = groups.size(); i > 1; --i)
        std::swap(groups[i - 1], groups[random() % i]);
    const auto target = static_cast<std::size_t>(std::round(fraction * double(all.size())));
    std::vector<bool> held(all.size(), false);
    std::size_t taken = 0;
    for (std::size_t g = 0; g + 1 < groups.size() && taken < target; ++g) {
        for (const std::size_t i : *groups[g])
            held[i] = true;
        taken += groups[g]->size();
    }
    std::vector<Example> kept;
    for (std::size_t i = 0; i < all.size(); ++i)
        (held[i] ? validation : kept).push_back(std::move(all[i]));
    all = std::move(kept);
}

// Stratified by first label.
void holdOut(std::vector<Example>& all, std::vector<Example>& validation, double fraction,
             std::uint64_t seed)
{
    std::map<std::string, std::vector<std::size_t>> strata;
    for (std::size_t i = 0; i < all.size(); ++i)
        strata[all[i].labels.empty() ? std::string() : all[i].labels.front()].push_back(i);
    std::mt19937_64 random(seed);
    std::vector<bool> held(all.size(), false);
    for (auto& [label, members] : strata) {
        for (std::size_t i = members.size(); i > 1; --i)
            std::swap(members[i - 1], members[random() % i]);
        const auto take = static_cast<std::size_t>(std::round(fraction * double(members.size())));
        for (std::size_t i = 0; i < take && i + 1 < members.size(); ++i)
            held[members[i]] = true;
    }
    std::vector<Example> kept;
    for (std::size_t i = 0; i < all.size(); ++i)
        (held[i] ? validation : kept).push_back(std::move(all[i]));
    all = std::move(kept);
}

} // namespace

void holdOutValidation(TaskData data, std::vector<Example>& train, std::vector<Example>& validation,
                       double fraction, std::uint64_t seed)
{
    (data == TaskData::QuestionContext ? holdOutContexts : holdOut)(train, validation, fraction,
                                                                    seed);
}

} // namespace domaintune
