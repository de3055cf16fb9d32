#include "core/train/squadmetric.h"

#include "core/text/unicodeutil.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace domaintune {
namespace {

// Python's str.split(): runs of Unicode white space separate, none at the ends.
std::vector<std::string> tokensOf(const std::string& text)
{
    std::vector<std::string> out;
    std::string current;
    std::size_t length = 0;
    for (std::size_t pos = 0; pos < text.size(); pos += std::max<std::size_t>(length, 1)) {
        const char32_t c = unicode::decode(text, pos, length);
        if (unicode::isPythonWhiteSpace(c)) {
            if (!current.empty())
                out.push_back(std::move(current));
            current.clear();
        } else {
            current.append(text, pos, std::max<std::size_t>(length, 1));
        }
    }
    if (!current.empty())
        out.push_back(std::move(current));
    return out;
}

// Python's re \w on str: letters, numbers and the underscore.
bool isWordCharacter(char32_t c)
{
    return c == U'_' || unicode::isLetter(c) || unicode::isNumber(c);
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
    // Python's str.lower() (with its final-sigma rule), then string.punctuation (ASCII) removed.
    std::u32string original;
    std::size_t length = 0;
    for (std::size_t pos = 0; pos < text.size(); pos += std::max<std::size_t>(length, 1))
        original.push_back(unicode::decode(text, pos, length));
    const auto casedAround = [&](std::size_t at, int direction) {
        for (auto i = std::ptrdiff_t(at) + direction; i >= 0 && i < std::ptrdiff_t(original.size());
             i += direction) {
            // As CPython: case-ignorable characters are skipped first (some are also cased).
            if (!unicode::isCaseIgnorable(original[std::size_t(i)]))
                return unicode::isCased(original[std::size_t(i)]);
        }
        return false;
    };
    std::string lower;
    std::u32string lowered;
    for (std::size_t i = 0; i < original.size(); ++i) {
        const char32_t c = original[i];
        if (c < 0x80 && std::ispunct(static_cast<int>(c)))
            continue;
        lowered.clear();
        const bool finalSigma = c == U'\u03a3' && casedAround(i, -1) && !casedAround(i, +1);
        unicode::appendLower(lowered, c, finalSigma);
        for (const char32_t l : lowered)
            unicode::append(lower, l);
    }
    // re.sub(r"\b(a|an|the)\b", " ", text): an article between non-word characters becomes a
    // space; then white space (Python's str.split) collapses.
    std::u32string chars;
    for (std::size_t pos = 0; pos < lower.size(); pos += std::max<std::size_t>(length, 1))
        chars.push_back(unicode::decode(lower, pos, length));
    std::string spaced;
    for (std::size_t i = 0; i < chars.size();) {
        const bool boundaryBefore = i == 0 || !isWordCharacter(chars[i - 1]);
        std::size_t matched = 0;
        for (const std::u32string article : {U"the", U"an", U"a"}) {
            const std::size_t n = article.size();
            if (boundaryBefore && chars.compare(i, n, article) == 0 &&
                (i + n == chars.size() || !isWordCharacter(chars[i + n]))) {
                matched = n;
                break;
            }
        }
        if (matched > 0) {
            spaced += ' ';
            i += matched;
        } else {
            unicode::append(spaced, chars[i++]);
        }
    }
    std::string out;
    for (const auto& token : tokensOf(spaced))
        out += (out.empty() ? "" : " ") + token;
    return out;
}

// The v2 script scores against the gold answers that normalise to something, or against ""
// when none does (an unanswerable question).
std::vector<std::string> scoredAnswers(const std::vector<std::string>& answers)
{
    std::vector<std::string> kept;
    for (const auto& answer : answers)
        if (!normalizeSquadAnswer(answer).empty())
            kept.push_back(answer);
    if (kept.empty())
        kept.emplace_back();
    return kept;
}

double squadExactMatch(const std::string& prediction, const std::vector<std::string>& answers)
{
    const std::string normalized = normalizeSquadAnswer(prediction);
    for (const auto& answer : scoredAnswers(answers))
        if (normalizeSquadAnswer(answer) == normalized)
            return 1.0;
    return 0.0;
}

double squadF1(const std::string& prediction, const std::vector<std::string>& answers)
{
    double best = 0.0;
    for (const auto& answer : scoredAnswers(answers))
        best = std::max(best, f1Against(prediction, answer));
    return best;
}

} // namespace domaintune
