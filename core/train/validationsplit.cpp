#include "core/train/validationsplit.h"

#include "core/data/leakagechecker.h"

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

// Stratified by first label, duplicates kept together: a cluster of exact, normalised or near
// duplicates (checkLeakage) goes to one side whole, in the stratum of its first member, so that
// validation never scores texts the model trained on in another spelling.
void holdOut(std::vector<Example>& all, std::vector<Example>& validation, double fraction,
             std::uint64_t seed)
{
    const LeakageReport duplicates = checkLeakage(all);
    std::map<std::size_t, std::vector<std::size_t>> clusters; // by smallest member
    for (std::size_t i = 0; i < all.size(); ++i)
        clusters[duplicates.groups[i]].push_back(i);
    std::map<std::string, std::vector<const std::vector<std::size_t>*>> strata;
    std::map<std::string, std::size_t> stratumSize;
    for (const auto& [first, members] : clusters) {
        const std::string label =
            all[first].labels.empty() ? std::string() : all[first].labels.front();
        strata[label].push_back(&members);
        stratumSize[label] += members.size();
    }
    std::mt19937_64 random(seed);
    std::vector<bool> held(all.size(), false);
    for (auto& [label, groups] : strata) {
        for (std::size_t i = groups.size(); i > 1; --i)
            std::swap(groups[i - 1], groups[random() % i]);
        const auto take =
            static_cast<std::size_t>(std::round(fraction * double(stratumSize[label])));
        std::size_t taken = 0;
        // Whole clusters that fit the share; the last cluster stays in training.
        for (std::size_t g = 0; g + 1 < groups.size() && taken < take; ++g) {
            if (taken + groups[g]->size() > take)
                continue; // too big for what is left: try a smaller cluster
            for (const std::size_t i : *groups[g])
                held[i] = true;
            taken += groups[g]->size();
        }
        if (taken > 0 || take == 0)
            continue;
        // No cluster fits (a few texts repeated many times): examples one by one, as a plain
        // split would, rather than no validation at all.
        std::vector<std::size_t> members;
        for (const auto* group : groups)
            members.insert(members.end(), group->begin(), group->end());
        for (std::size_t i = members.size(); i > 1; --i)
            std::swap(members[i - 1], members[random() % i]);
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
