#include "core/data/corpus.h"

namespace domaintune {

std::map<std::string, std::size_t> Corpus::labelCounts() const
{
    std::map<std::string, std::size_t> counts;
    for (const Example& example : m_examples)
        for (const std::string& label : example.labels)
            ++counts[label];
    return counts;
}

std::map<std::string, std::size_t> Corpus::splitCounts() const
{
    std::map<std::string, std::size_t> counts;
    for (const Example& example : m_examples)
        ++counts[example.split];
    return counts;
}

std::vector<const Example*> Corpus::split(const std::string& name) const
{
    std::vector<const Example*> examples;
    for (const Example& example : m_examples)
        if (example.split == name)
            examples.push_back(&example);
    return examples;
}

} // namespace domaintune
