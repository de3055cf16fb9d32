#include "core/data/heldexamples.h"

#include <algorithm>
#include <utility>

namespace domaintune {
namespace {

std::uint64_t listBytes(const std::vector<std::string>& items)
{
    std::uint64_t bytes = items.capacity() * sizeof(std::string);
    for (const std::string& item : items)
        bytes += item.size();
    return bytes;
}

} // namespace

std::uint64_t heldBytes(const Example& example)
{
    std::uint64_t bytes = sizeof(Example) + example.text.size() + example.textPair.size() +
                          example.id.size() + example.split.size() + example.source.size();
    bytes += listBytes(example.labels) + listBytes(example.tokens) + listBytes(example.tags);
    for (const Answer& answer : example.answers)
        bytes += sizeof(Answer) + answer.text.size();
    return bytes;
}

HeldExamples importHeldExamples(const std::vector<CorpusSource>& sources,
                                const ImportOptions& options, const HeldExampleLimits& limits)
{
    HeldExamples held;
    const std::size_t maxExamples = std::max<std::size_t>(limits.maxExamples, 1);
    held.summary = streamCorpus(sources, options, [&](Example& example) {
        ++held.rows;
        for (const std::string& label : example.labels)
            ++held.labels[label];
        ++held.splits[example.split];
        if (!held.partial) {
            const std::uint64_t bytes = heldBytes(example);
            if (held.examples.empty() ||
                (held.examples.size() < maxExamples && held.heldBytes + bytes <= limits.maxBytes)) {
                held.heldBytes += bytes;
                held.examples.push_back(std::move(example));
            } else {
                held.partial = true;
            }
        }
        // A preview stops at the first example it cannot keep, or at the example count.
        if (limits.stopWhenFull && held.examples.size() >= maxExamples)
            held.partial = true;
        return !(limits.stopWhenFull && held.partial);
    });
    return held;
}

} // namespace domaintune
