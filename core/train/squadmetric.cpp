#include "core/train/squadmetric.h"

#include "core/text/unicodeutil.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>

namespace domaintune {
namespace {

std::vector<std::string> tokensOf(const std::string& normalized)
{
    std::vector<std::string> out;
    std::istringstream in(normalized);
    for (std::string token; in >> token;)
        out.push_back(token);
    return out;
}

double f1Against(const std::string& prediction, const std::string& answer)
{
    const auto predicted = tokensOf(normalizeSquadAnswer(prediction));
    const auto gold = tokensOf(normalizeSquadAnswer(answer));
    if (predicted.empty() || gold.empty())
        return predicted == gold ? 1.0 : 0.0; // as the v2 script: both empty is a match
    std::map<std::string, int> counts;
    for (const auto& token : gold)
        ++counts[token];
    int common = 0;
    for (const auto& token : predicted)
        if (counts[token]-- > 0)
            ++common;
    if (common == 0)
        return 0.0;
    const double precision = double(common) / double(predicted.size());
    const double recall = double(common) / double(gold.size());
    return 2 * precision * recall / (precision + recall);
}

} // namespace

std::string normalizeSquadAnswer(const std::string& text)
{
    // Python's str.lower() (per character), then string.punctuation (ASCII) removed.
    std::string lower;
    std::u32string lowered;
    std::size_t length = 0;
    for (std::size_t pos = 0; pos < text.size(); pos += std::max<std::size_t>(length, 1)) {
        const char32_t c = unicode::decode(text, pos, length);
        if (c < 0x80 && std::ispunct(static_cast<int>(c)))
            continue;
        lowered.clear();
        unicode::appendLower(lowered, c);
        for (const char32_t l : lowered)
            unicode::append(lower, l);
    }
    // Articles are whole words; then white space (Python's str.split) collapses.
    std::string out;
    for (const auto& token : tokensOf(lower))
        if (token != "a" && token != "an" && token != "the")
            out += (out.empty() ? "" : " ") + token;
    return out;
}

double squadExactMatch(const std::string& prediction, const std::vector<std::string>& answers)
{
    const std::string normalized = normalizeSquadAnswer(prediction);
    for (const auto& answer : answers)
        if (normalizeSquadAnswer(answer) == normalized)
            return 1.0;
    return 0.0;
}

double squadF1(const std::string& prediction, const std::vector<std::string>& answers)
{
    double best = 0.0;
    for (const auto& answer : answers)
        best = std::max(best, f1Against(prediction, answer));
    return best;
}

} // namespace domaintune
