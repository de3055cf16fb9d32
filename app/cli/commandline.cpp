#include "commandline.h"

#include "core/common/error.h"
#include "core/hub/hubsettings.h"
#include "core/hub/modelreference.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>

namespace domaintune::cli {
namespace {

bool isFlag(const std::string& argument)
{
    return argument.size() > 2 && argument.compare(0, 2, "--") == 0;
}

} // namespace

CommandLine::CommandLine(const std::vector<std::string>& arguments)
{
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const std::string& argument = arguments[i];
        if (!isFlag(argument)) {
            m_positionals.push_back(argument);
            m_positionalIndex.push_back(i);
            continue;
        }
        std::string name = argument.substr(2);
        std::string value;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name.resize(eq);
        } else if (i + 1 < arguments.size() && !isFlag(arguments[i + 1])) {
            value = arguments[++i];
            m_borrowed[name] = i;
        }
        if (m_flags.count(name))
            throw Error("The option --" + name + " was given twice; give it once.");
        m_flags[name] = value;
        m_order.push_back(name);
    }
}

bool CommandLine::has(const std::string& name) const
{
    return m_flags.count(name) != 0;
}

std::string CommandLine::value(const std::string& name, const std::string& fallback) const
{
    const auto it = m_flags.find(name);
    return it == m_flags.end() ? fallback : it->second;
}

std::string CommandLine::required(const std::string& name) const
{
    const auto it = m_flags.find(name);
    if (it == m_flags.end() || it->second.empty())
        throw Error("The option --" + name + " is required; see --help.");
    return it->second;
}

std::string CommandLine::modelFolder(const std::string& fallback) const
{
    if (!has("model"))
        return fallback;
    return resolveModelReference(required("model"), hubSettingsFromEnvironment().cacheRoot);
}

long long CommandLine::integer(const std::string& name, long long fallback) const
{
    if (!has(name))
        return fallback;
    const std::string text = value(name);
    char* end = nullptr;
    errno = 0;
    const long long parsed = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || errno == ERANGE)
        throw Error("The option --" + name + " expects a whole number, not '" + text + "'.");
    return parsed;
}

double CommandLine::number(const std::string& name, double fallback) const
{
    if (!has(name))
        return fallback;
    const std::string text = value(name);
    char* end = nullptr;
    errno = 0;
    const double parsed = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || errno == ERANGE)
        throw Error("The option --" + name + " expects a number such as 2e-5 or 0.1, not '" + text +
                    "'.");
    return parsed;
}

void CommandLine::allowOnly(const std::vector<std::string>& known,
                            const std::vector<std::string>& switches)
{
    for (const auto& name : m_order) {
        const bool isSwitch = std::find(switches.begin(), switches.end(), name) != switches.end();
        const auto borrowed = m_borrowed.find(name);
        if (isSwitch && borrowed != m_borrowed.end()) {
            // The word after a switch is not its value: put it back among the positionals.
            const auto at = std::upper_bound(m_positionalIndex.begin(), m_positionalIndex.end(),
                                             borrowed->second) -
                            m_positionalIndex.begin();
            m_positionals.insert(m_positionals.begin() + at, m_flags[name]);
            m_positionalIndex.insert(m_positionalIndex.begin() + at, borrowed->second);
            m_flags[name].clear();
            m_borrowed.erase(borrowed);
        }
        if (!isSwitch && std::find(known.begin(), known.end(), name) == known.end())
            throw Error("Unknown option --" + name + "; see --help for the options.");
        if (isSwitch && !value(name).empty())
            throw Error("The switch --" + name + " takes no value (got '" + value(name) + "').");
    }
}

} // namespace domaintune::cli
