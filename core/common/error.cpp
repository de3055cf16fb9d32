#include "core/common/error.h"

namespace domaintune {
namespace {

std::string compose(const std::string& file, std::int64_t line, const std::string& what,
                    const std::string& hint)
{
    std::string text;
    if (!file.empty()) {
        text += file;
        if (line > 0)
            text += ':' + std::to_string(line);
        text += ": ";
    }
    text += what;
    if (!hint.empty()) {
        if (!text.empty() && text.back() != '.')
            text += '.';
        text += ' ' + hint;
    }
    return text;
}

} // namespace

Error::Error(const std::string& message) : std::runtime_error(message) {}

Error::Error(const std::string& file, std::int64_t line, const std::string& what,
             const std::string& hint)
    : std::runtime_error(compose(file, line, what, hint)), m_file(file), m_line(line), m_hint(hint)
{}

} // namespace domaintune
