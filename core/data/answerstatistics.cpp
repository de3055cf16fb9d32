#include "core/data/answerstatistics.h"

#include "core/text/tokenizer.h"

#include <algorithm>
#include <cstdint>

namespace domaintune {
namespace {

constexpr std::size_t kMaxAnswerTokens = 30; // as SpanAnswerOptions::maxAnswerTokens

// The index of the first token of @p encoding that reaches past byte @p at.
std::size_t tokenAt(const Encoding& encoding, std::int64_t at)
{
    for (std::size_t t = 0; t < encoding.size(); ++t)
        if (static_cast<std::int64_t>(encoding.offsets[t].end) > at)
            return t;
    return encoding.size();
}

} // namespace

AnswerStatistics computeAnswerStatistics(const std::vector<Example>& examples,
                                         const Tokenizer* tokenizer, std::size_t maxLength)
{
    AnswerStatistics stats;
    std::size_t specials = 0;
    if (tokenizer != nullptr) {
        const Encoding pair = tokenizer->encodePair("a", "b");
        for (const int special : pair.specialTokensMask)
            specials += special != 0;
        stats.tokenized = true;
    }
    EncodeOptions plain;
    plain.addSpecialTokens = false;
    for (const Example& example : examples) {
        if (example.textPair.empty())
            continue;
        ++stats.questions;
        if (example.answers.empty()) {
            ++stats.unanswerable;
            continue;
        }
        if (tokenizer == nullptr)
            continue;
        const std::size_t question =
            std::min(tokenizer->encode(example.text, plain).size(), maxLength / 2);
        const std::size_t fixed = specials + question;
        const std::size_t room = maxLength > fixed ? maxLength - fixed : 0;
        const Encoding context = tokenizer->encode(example.textPair, plain);
        const Answer& answer = example.answers.front();
        const std::size_t first = tokenAt(context, answer.start);
        const std::size_t last = tokenAt(
            context, answer.start +
                         static_cast<std::int64_t>(std::max<std::size_t>(answer.text.size(), 1)) -
                         1);
        const std::size_t tokens = last >= first ? last - first + 1 : 1;
        stats.beyondFirstWindow += last >= room;
        stats.longerThanWindow += tokens > room;
        stats.longerThanMaxAnswer += tokens > kMaxAnswerTokens;
    }
    return stats;
}

} // namespace domaintune
