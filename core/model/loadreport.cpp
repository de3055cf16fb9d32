#include "core/model/loadreport.h"

namespace domaintune {
namespace {

std::string list(const std::vector<std::string>& names, std::size_t limit = 8)
{
    std::string text;
    for (std::size_t i = 0; i < names.size() && i < limit; ++i)
        text += (i ? ", " : "") + names[i];
    if (names.size() > limit)
        text += ", ... (" + std::to_string(names.size() - limit) + " more)";
    return text;
}

} // namespace

std::string LoadReport::summary() const
{
    std::string text = "Loaded " + std::to_string(loaded) + " weight tensors";
    if (!format.empty())
        text += " (" + format + ")";
    text += ".\n";
    if (!newlyInitialised.empty())
        text += std::string(backboneIncomplete ? "WARNING: " : "") + "Newly initialised (" +
                std::to_string(newlyInitialised.size()) +
                ", train before use): " + list(newlyInitialised) + "\n";
    if (!unused.empty())
        text += "Not used by this model (" + std::to_string(unused.size()) + "): " + list(unused) +
                "\n";
    for (const auto& note : notes)
        text += note + "\n";
    return text;
}

} // namespace domaintune
