#include "core/tune/trialsampler.h"

#include "core/common/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

namespace domaintune {
namespace {

constexpr double kPi = 3.14159265358979323846;

/** SplitMix64: a well-mixed 64-bit value from a seed and a stream number. */
std::uint64_t mix(std::uint64_t seed, std::uint64_t stream)
{
    std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (stream + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

double unitDraw(std::mt19937_64& random)
{
    return std::uniform_real_distribution<double>(0.0, 1.0)(random);
}

/** The radical inverse of @p index in base @p base (the Halton sequence's coordinate). */
double radicalInverse(std::uint64_t index, std::uint64_t base)
{
    double result = 0, fraction = 1.0 / double(base);
    while (index > 0) {
        result += double(index % base) * fraction;
        index /= base;
        fraction /= double(base);
    }
    return result;
}

constexpr std::uint64_t kPrimes[] = {2,  3,  5,  7,  11, 13, 17, 19, 23, 29, 31, 37, 41,
                                     43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97};

nlohmann::json quasiRandom(const SearchSpace& space, std::uint64_t seed, std::int64_t trial)
{
    nlohmann::json values = nlohmann::json::object();
    std::mt19937_64 shifts(mix(seed, 0xC0FFEE));
    for (std::size_t i = 0; i < space.parameters.size(); ++i) {
        const double shift = unitDraw(shifts); // one Cranley-Patterson rotation per dimension
        const double point =
            radicalInverse(static_cast<std::uint64_t>(trial) + 1, kPrimes[i % std::size(kPrimes)]);
        const double unit = std::fmod(point + shift, 1.0);
        values[space.parameters[i].key] = space.parameters[i].fromUnit(unit);
    }
    return values;
}

nlohmann::json random(const SearchSpace& space, std::uint64_t seed, std::int64_t trial)
{
    std::mt19937_64 generator(mix(seed, static_cast<std::uint64_t>(trial)));
    nlohmann::json values = nlohmann::json::object();
    for (const auto& parameter : space.parameters)
        values[parameter.key] = parameter.fromUnit(unitDraw(generator));
    return values;
}

double normalCdf(double x)
{
    return 0.5 * (1.0 + std::erf(x / std::sqrt(2.0)));
}

/** A mixture of Gaussians truncated to [0, 1], with a flat prior component. */
class ParzenEstimator
{
public:
    explicit ParzenEstimator(const std::vector<double>& points)
    {
        // Optuna's univariate bandwidths: each observation's sigma is the larger distance to its
        // neighbours among the observations and the prior's centre (the range's ends outside
        // them; at the ends the inner neighbour's, as consider_endpoints=False), clipped to
        // [1 / min(100, 1 + kernels), 1].
        std::vector<double> mus = points;
        mus.push_back(0.5);
        std::vector<std::size_t> order(mus.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::sort(order.begin(), order.end(),
                  [&](std::size_t a, std::size_t b) { return mus[a] < mus[b]; });
        std::vector<double> sorted = {0.0};
        for (const std::size_t index : order)
            sorted.push_back(mus[index]);
        sorted.push_back(1.0);
        const std::size_t n = mus.size();
        std::vector<double> sortedSigmas(n);
        for (std::size_t i = 0; i < n; ++i)
            sortedSigmas[i] = std::max(sorted[i + 1] - sorted[i], sorted[i + 2] - sorted[i + 1]);
        if (sorted.size() >= 4) {
            sortedSigmas[0] = sorted[2] - sorted[1];
            sortedSigmas[n - 1] = sorted[n] - sorted[n - 1];
        }
        std::vector<double> sigmas(n);
        for (std::size_t i = 0; i < n; ++i)
            sigmas[order[i]] = sortedSigmas[i];
        const double minSigma = 1.0 / std::min(100.0, 1.0 + double(points.size() + 1));
        for (std::size_t i = 0; i < points.size(); ++i) {
            m_mus.push_back(points[i]);
            m_sigmas.push_back(std::clamp(sigmas[i], minSigma, 1.0));
        }
        // The prior: one wide component in the middle (prior_weight 1).
        m_mus.push_back(0.5);
        m_sigmas.push_back(1.0);
    }

    double sample(std::mt19937_64& random) const
    {
        const auto component =
            std::uniform_int_distribution<std::size_t>(0, m_mus.size() - 1)(random);
        std::normal_distribution<double> normal(m_mus[component], m_sigmas[component]);
        for (int attempt = 0; attempt < 100; ++attempt) {
            const double x = normal(random);
            if (x >= 0 && x <= 1)
                return x;
        }
        return std::clamp(m_mus[component], 0.0, 1.0);
    }

    double logDensity(double x) const
    {
        double density = 0;
        for (std::size_t i = 0; i < m_mus.size(); ++i) {
            const double sigma = m_sigmas[i];
            const double mass = normalCdf((1 - m_mus[i]) / sigma) - normalCdf(-m_mus[i] / sigma);
            const double z = (x - m_mus[i]) / sigma;
            density +=
                std::exp(-0.5 * z * z) / (sigma * std::sqrt(2 * kPi) * std::max(mass, 1e-12));
        }
        return std::log(
            std::max(density / double(m_mus.size()), std::numeric_limits<double>::min()));
    }

private:
    std::vector<double> m_mus, m_sigmas;
};

/** Choice weights: observed counts plus a uniform prior of weight 1. */
std::vector<double> choiceWeights(const SearchParameter& parameter,
                                  const std::vector<const SampledTrial*>& trials)
{
    const double k = double(parameter.choices.size());
    std::vector<double> weights(parameter.choices.size(), 1.0 / k);
    for (const SampledTrial* trial : trials) {
        const auto found = std::find(parameter.choices.begin(), parameter.choices.end(),
                                     trial->values.value(parameter.key, nlohmann::json()));
        if (found != parameter.choices.end())
            weights[static_cast<std::size_t>(found - parameter.choices.begin())] += 1;
    }
    const double total = double(trials.size()) + 1;
    for (double& weight : weights)
        weight /= total;
    return weights;
}

/** True when @p a is a better trial than @p b (further, then a better score; NaN last). */
bool better(const SampledTrial& a, const SampledTrial& b, bool maximize)
{
    const int rungsA = a.pruned ? a.rungs : std::numeric_limits<int>::max();
    const int rungsB = b.pruned ? b.rungs : std::numeric_limits<int>::max();
    if (rungsA != rungsB)
        return rungsA > rungsB;
    if (std::isnan(a.score) != std::isnan(b.score))
        return std::isnan(b.score);
    return maximize ? a.score > b.score : a.score < b.score;
}

nlohmann::json treeParzen(const SearchSpace& space, const SamplerOptions& options,
                          std::int64_t trial, const std::vector<SampledTrial>& finished)
{
    std::vector<const SampledTrial*> ranked;
    for (const auto& done : finished)
        ranked.push_back(&done);
    std::stable_sort(ranked.begin(), ranked.end(), [&](const auto* a, const auto* b) {
        return better(*a, *b, options.maximize);
    });
    // Optuna's default gamma: the best ceil(0.1 n) trials, at most 25.
    const auto goodCount = std::clamp<std::size_t>(
        static_cast<std::size_t>(std::ceil(0.1 * double(ranked.size()))), 1, 25);
    const std::vector<const SampledTrial*> good(ranked.begin(), ranked.begin() + goodCount);
    const std::vector<const SampledTrial*> bad(ranked.begin() + goodCount, ranked.end());

    std::mt19937_64 generator(mix(options.seed ^ 0x7E5ULL, static_cast<std::uint64_t>(trial)));
    nlohmann::json values = nlohmann::json::object();
    // Independent TPE: each parameter is chosen on its own.
    for (const auto& parameter : space.parameters) {
        if (parameter.scale == ParameterScale::Choice) {
            const auto goodWeights = choiceWeights(parameter, good);
            const auto badWeights = choiceWeights(parameter, bad);
            std::discrete_distribution<std::size_t> draw(goodWeights.begin(), goodWeights.end());
            std::size_t best = 0;
            double bestRatio = -std::numeric_limits<double>::infinity();
            for (int i = 0; i < options.candidates; ++i) {
                const std::size_t index = draw(generator);
                const double ratio = std::log(goodWeights[index]) - std::log(badWeights[index]);
                if (ratio > bestRatio) {
                    bestRatio = ratio;
                    best = index;
                }
            }
            values[parameter.key] = parameter.choices[best];
            continue;
        }
        const auto units = [&](const std::vector<const SampledTrial*>& trials) {
            std::vector<double> points;
            for (const SampledTrial* done : trials)
                if (done->values.contains(parameter.key) &&
                    parameter.contains(done->values[parameter.key]))
                    points.push_back(parameter.toUnit(done->values[parameter.key]));
            return points;
        };
        const ParzenEstimator goodDensity(units(good));
        const ParzenEstimator badDensity(units(bad));
        double best = 0.5;
        double bestRatio = -std::numeric_limits<double>::infinity();
        for (int i = 0; i < options.candidates; ++i) {
            const double x = goodDensity.sample(generator);
            const double ratio = goodDensity.logDensity(x) - badDensity.logDensity(x);
            if (ratio > bestRatio) {
                bestRatio = ratio;
                best = x;
            }
        }
        values[parameter.key] = parameter.fromUnit(best);
    }
    return values;
}

} // namespace

std::string samplerName(SamplerKind kind)
{
    switch (kind) {
    case SamplerKind::Random:
        return "random";
    case SamplerKind::QuasiRandom:
        return "qmc";
    case SamplerKind::Tpe:
        return "tpe";
    }
    return "tpe";
}

SamplerKind samplerFromString(const std::string& name)
{
    for (const auto kind : {SamplerKind::Random, SamplerKind::QuasiRandom, SamplerKind::Tpe})
        if (samplerName(kind) == name)
            return kind;
    throw Error("unknown sampler \"" + name + "\"; use tpe, qmc (quasi-random) or random");
}

nlohmann::json sampleTrial(const SearchSpace& space, const SamplerOptions& options,
                           std::int64_t trial, const std::vector<SampledTrial>& finished)
{
    switch (options.kind) {
    case SamplerKind::Random:
        return random(space, options.seed, trial);
    case SamplerKind::QuasiRandom:
        return quasiRandom(space, options.seed, trial);
    case SamplerKind::Tpe:
        // Nothing to learn from yet (at least one finished trial, whatever startupTrials says).
        if (finished.empty() || static_cast<int>(finished.size()) < options.startupTrials)
            return quasiRandom(space, options.seed, trial);
        return treeParzen(space, options, trial, finished);
    }
    return nlohmann::json::object();
}

} // namespace domaintune
