#include "core/train/spananswer.h"

#include "core/text/unicodeutil.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace domaintune {
namespace {

std::vector<std::size_t> topIndices(const std::vector<float>& values, std::size_t keep)
{
    std::vector<std::size_t> order(values.size());
    std::iota(order.begin(), order.end(), 0);
    keep = std::min(keep, order.size());
    std::partial_sort(order.begin(), order.begin() + long(keep), order.end(),
                      [&](std::size_t a, std::size_t b) { return values[a] > values[b]; });
    order.resize(keep);
    return order;
}

struct Candidate
{
    double score;
    std::int64_t begin, end;
};

} // namespace

SpanAnswer pickSpanAnswer(const std::string& context, const std::vector<SpanWindowLogits>& windows,
                          const SpanAnswerOptions& options)
{
    std::vector<Candidate> candidates;
    double nullScore = std::numeric_limits<double>::infinity();
    for (const SpanWindowLogits& window : windows) {
        const Feature& feature = *window.feature;
        const std::size_t length =
            std::min({window.start.size(), window.end.size(), feature.spanBegin.size()});
        if (length == 0)
            continue;
        nullScore = std::min(nullScore, double(window.start[0]) + double(window.end[0]));
        for (const std::size_t s : topIndices(window.start, options.nBest))
            for (const std::size_t e : topIndices(window.end, options.nBest)) {
                if (s >= length || e >= length || feature.spanBegin[s] < 0 ||
                    feature.spanEnd[e] < 0 || e < s ||
                    std::int64_t(e - s + 1) > options.maxAnswerTokens)
                    continue;
                candidates.push_back({double(window.start[s]) + double(window.end[e]),
                                      feature.spanBegin[s], feature.spanEnd[e]});
            }
    }
    // run_qa.py: the null candidate joins the list in v2, the nBest best are kept (the null
    // one added back if it fell out), and a softmax over their scores gives probabilities.
    const bool withNull = options.allowNoAnswer && std::isfinite(nullScore);
    if (withNull)
        candidates.push_back({nullScore, -1, -1});
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    if (candidates.size() > options.nBest) {
        candidates.resize(options.nBest);
        if (withNull && std::none_of(candidates.begin(), candidates.end(),
                                     [](const Candidate& c) { return c.begin < 0; }))
            candidates.push_back({nullScore, -1, -1});
    }
    SpanAnswer answer;
    if (candidates.empty())
        return answer;
    const double top = candidates.front().score;
    double sum = 0;
    for (const Candidate& candidate : candidates)
        sum += std::exp(candidate.score - top);
    const auto bestSpan = std::find_if(candidates.begin(), candidates.end(),
                                       [](const Candidate& c) { return c.end > c.begin; });
    if (withNull &&
        (bestSpan == candidates.end() || nullScore - bestSpan->score > options.nullThreshold)) {
        answer.noAnswer = true;
        answer.score = nullScore;
        answer.probability = std::exp(nullScore - top) / sum;
        return answer;
    }
    if (bestSpan == candidates.end())
        return answer;
    answer.begin = bestSpan->begin;
    answer.end = std::max(bestSpan->begin, bestSpan->end);
    answer.text = context.substr(std::size_t(answer.begin), std::size_t(answer.end - answer.begin));
    answer.characterBegin = static_cast<std::int64_t>(
        unicode::countCharacters(std::string_view(context).substr(0, std::size_t(answer.begin))));
    answer.characterEnd =
        answer.characterBegin + static_cast<std::int64_t>(unicode::countCharacters(answer.text));
    answer.score = bestSpan->score;
    answer.probability = std::exp(bestSpan->score - top) / sum;
    return answer;
}

} // namespace domaintune
