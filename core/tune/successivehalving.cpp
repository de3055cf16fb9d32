#include "core/tune/successivehalving.h"

#include "core/common/error.h"

#include <algorithm>
#include <cmath>

namespace domaintune {

SuccessiveHalving::SuccessiveHalving(SuccessiveHalvingOptions options) : m_options(options)
{
    if (options.minResource < 1 || options.reductionFactor < 2 ||
        options.minEarlyStoppingRate < 0 || options.bootstrapCount < 0)
        throw Error("Successive halving needs a minimum resource of at least 1, a reduction "
                    "factor of at least 2, and no negative rate or bootstrap count.");
}

bool SuccessiveHalving::report(std::int64_t trial, std::int64_t step, double value)
{
    std::vector<double>& completed = m_rungs[trial];
    for (;;) {
        const auto rung = static_cast<std::int64_t>(completed.size());
        double promotionStep = double(m_options.minResource);
        for (std::int64_t i = 0; i < m_options.minEarlyStoppingRate + rung; ++i)
            promotionStep *= double(m_options.reductionFactor);
        if (double(step) < promotionStep)
            return false;
        if (std::isnan(value))
            return true;
        // The values other trials recorded at this rung, then this one's.
        std::vector<double> competing;
        for (const auto& [other, values] : m_rungs)
            if (other != trial && static_cast<std::int64_t>(values.size()) > rung)
                competing.push_back(values[static_cast<std::size_t>(rung)]);
        competing.push_back(value);
        completed.push_back(value);
        if (static_cast<std::int64_t>(competing.size()) <= m_options.bootstrapCount)
            return true;
        if (!promotable(value, std::move(competing)))
            return true;
    }
}

bool SuccessiveHalving::promotable(double value, std::vector<double> competing) const
{
    // The best 1/reductionFactor go on; with fewer values than that, the best one (a trial
    // cannot wait for the rung to fill).
    auto index = static_cast<std::int64_t>(competing.size()) / m_options.reductionFactor - 1;
    index = std::max<std::int64_t>(index, 0);
    std::sort(competing.begin(), competing.end());
    if (m_options.maximize)
        return value >= competing[competing.size() - 1 - static_cast<std::size_t>(index)];
    return value <= competing[static_cast<std::size_t>(index)];
}

std::vector<double> SuccessiveHalving::rungsOf(std::int64_t trial) const
{
    const auto found = m_rungs.find(trial);
    return found == m_rungs.end() ? std::vector<double>() : found->second;
}

void SuccessiveHalving::restore(std::map<std::int64_t, std::vector<double>> rungs)
{
    m_rungs = std::move(rungs);
}

} // namespace domaintune
