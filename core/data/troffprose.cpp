// troffParagraphs(): the running text of a man(7) page, for the general corpus.
#include "core/data/proseextractors.h"
#include "core/data/prosetext.h"
#include "core/text/unicodeutil.h"

#include <cctype>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>

namespace domaintune {
namespace {

/** The characters of the special-character names man pages use most; others are dropped. */
std::string specialCharacter(const std::string& name)
{
    static const std::map<std::string, std::string> table = {{"em", "\xE2\x80\x94"},
                                                             {"en", "\xE2\x80\x93"},
                                                             {"hy", "-"},
                                                             {"mi", "-"},
                                                             {"lq", "\xE2\x80\x9C"},
                                                             {"rq", "\xE2\x80\x9D"},
                                                             {"oq", "\xE2\x80\x98"},
                                                             {"cq", "\xE2\x80\x99"},
                                                             {"aq", "'"},
                                                             {"dq", "\""},
                                                             {"bu", "\xE2\x80\xA2"},
                                                             {"co", "\xC2\xA9"},
                                                             {"rg", "\xC2\xAE"},
                                                             {"tm", "\xE2\x84\xA2"},
                                                             {"Tm", "\xE2\x84\xA2"},
                                                             {"R", "\xC2\xAE"},
                                                             {"pl", "+"},
                                                             {"ga", "`"},
                                                             {"ti", "~"},
                                                             {"ha", "^"},
                                                             {"rs", "\\"},
                                                             {"sl", "/"},
                                                             {"bv", "|"},
                                                             {"dg", "\xE2\x80\xA0"},
                                                             {"de", "\xC2\xB0"},
                                                             {"mu", "\xC3\x97"}};
    if (const auto it = table.find(name); it != table.end())
        return it->second;
    if (name.size() == 5 && name[0] == 'u') { // \[u4E2D]
        std::string out;
        unicode::append(out, static_cast<char32_t>(std::strtoul(name.c_str() + 1, nullptr, 16)));
        return out;
    }
    return {};
}

/** Reads a name after \(, \[ or a one-character name; advances @p i past it. */
std::string escapeName(const std::string& line, std::size_t& i)
{
    if (i >= line.size())
        return {};
    if (line[i] == '(') {
        const std::string name = line.substr(i + 1, 2);
        i += 3;
        return name;
    }
    if (line[i] == '[') {
        const std::size_t close = line.find(']', i);
        const std::string name =
            line.substr(i + 1, (close == std::string::npos ? line.size() : close) - i - 1);
        i = close == std::string::npos ? line.size() : close + 1;
        return name;
    }
    return std::string(1, line[i++]);
}

/** Skips a quoted argument such as 'distance' after \h, \v, \w, \X. */
void skipQuoted(const std::string& line, std::size_t& i)
{
    if (i >= line.size())
        return;
    const char quote = line[i];
    const std::size_t close = line.find(quote, i + 1);
    i = close == std::string::npos ? line.size() : close + 1;
}

/** What a one-character escape \X prints when it takes no argument. */
std::string plainEscape(char c)
{
    switch (c) {
    case 'e':
    case '\\':
        return "\\";
    case ' ':
    case '~':
    case '0':
        return " ";
    case '\'':
        return "\xC2\xB4";
    default: // font/spacing/break marks such as \& \| \^ \, \/ \% \c \u \d print nothing
        return std::string("&|^,/%:c)padurt").find(c) == std::string::npos ? std::string(1, c)
                                                                           : std::string();
    }
}

/** Skips the size argument of \s: \s-2, \s+1, \s0, \s(12, \s[12]. */
void skipSize(const std::string& line, std::size_t& i)
{
    if (i < line.size() && (line[i] == '+' || line[i] == '-'))
        ++i;
    if (i < line.size() && (line[i] == '(' || line[i] == '['))
        escapeName(line, i);
    else
        while (i < line.size() && std::isdigit(static_cast<unsigned char>(line[i])))
            ++i;
}

/** Replaces the escapes of one line of text with what they print. */
std::string unescape(const std::string& line)
{
    static const std::string namedArgument = "fmMnFgk$";      // \fB, \m[blue], \n(xx, ...
    static const std::string quotedArgument = "hvwlLobXZDxN"; // \h'1m', \w'text', ...
    std::string out;
    for (std::size_t i = 0; i < line.size();) {
        if (line[i] != '\\') {
            out += line[i++];
            continue;
        }
        if (++i >= line.size())
            break;
        const char c = line[i++];
        if (c == '"')
            break; // a comment runs to the end of the line
        if (c == '(' || c == '[')
            out += specialCharacter(escapeName(line, --i));
        else if (c == '*')
            out += specialCharacter(escapeName(line, i));
        else if (c == 's')
            skipSize(line, i);
        else if (namedArgument.find(c) != std::string::npos)
            escapeName(line, i);
        else if (quotedArgument.find(c) != std::string::npos)
            skipQuoted(line, i);
        else
            out += plainEscape(c);
    }
    return out;
}

/** Splits macro arguments: blanks separate, double quotes group ("" is a quote). */
std::vector<std::string> macroArguments(const std::string& text)
{
    std::vector<std::string> arguments;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t'))
            ++i;
        if (i >= text.size())
            break;
        std::string argument;
        if (text[i] == '"') {
            for (++i; i < text.size(); ++i) {
                if (text[i] == '"' && i + 1 < text.size() && text[i + 1] == '"')
                    argument += text[++i];
                else if (text[i] == '"')
                    break;
                else
                    argument += text[i];
            }
            ++i;
        } else {
            while (i < text.size() && text[i] != ' ' && text[i] != '\t')
                argument += text[i++];
        }
        arguments.push_back(argument);
    }
    return arguments;
}

/** Walks a page line by line, collecting the lines of the current paragraph. */
class TroffWalker
{
public:
    std::vector<std::string> paragraphs;

    void line(const std::string& raw)
    {
        if (!raw.empty() && (raw[0] == '.' || raw[0] == '\''))
            request(raw.substr(1));
        else
            text(raw);
    }

    void flush()
    {
        std::string paragraph = joinWrappedLines(m_lines);
        if (!paragraph.empty())
            paragraphs.push_back(std::move(paragraph));
        m_lines.clear();
    }

private:
    void text(const std::string& raw)
    {
        if (m_noFill)
            return;
        if (m_skipNext) {
            m_skipNext = false;
            return;
        }
        const std::string line = unescape(raw);
        if (collapseWhitespace(line).empty())
            flush();
        else
            m_lines.push_back(line);
    }

    void request(const std::string& body)
    {
        std::size_t start = body.find_first_not_of(" \t");
        if (start == std::string::npos || body.compare(start, 2, "\\\"") == 0)
            return; // an empty request or a comment
        const std::size_t end = body.find_first_of(" \t", start);
        const std::string name = body.substr(start, end == std::string::npos ? end : end - start);
        const std::string rest = end == std::string::npos ? std::string() : body.substr(end);
        static const std::set<std::string> breaks = {"PP", "P",  "LP", "HP", "sp", "br", "RS",
                                                     "RE", "IP", "PD", "TH", "in", "ti", "bp",
                                                     "ne", "TQ", "UR", "MT", "SY", "YS"};
        static const std::set<std::string> together = {"B", "I", "R", "SM", "SB"};
        static const std::set<std::string> alternating = {"BR", "BI", "IB", "IR", "RB", "RI"};
        if (name == "nf" || name == "EX") {
            flush();
            m_noFill = true;
        } else if (name == "fi" || name == "EE") {
            m_noFill = false;
        } else if (name == "TP" || name == "SH" || name == "SS") {
            flush();
            m_skipNext = name == "TP" || rest.find_first_not_of(" \t") == std::string::npos;
        } else if (breaks.count(name)) {
            flush();
        } else if (together.count(name) || alternating.count(name)) {
            const auto arguments = macroArguments(rest);
            if (arguments.empty()) {
                return; // the text follows on the next line, which text() reads as it is
            }
            std::string joined;
            for (const auto& argument : arguments)
                joined += (joined.empty() || alternating.count(name) ? "" : " ") + argument;
            text(joined);
        }
        // Every other request (.ds, .de, .if, .ft, .ad, .hy, .so, .UE, ...) prints nothing.
    }

    std::vector<std::string> m_lines;
    bool m_noFill = false;
    bool m_skipNext = false;
};

} // namespace

std::vector<std::string> troffParagraphs(const std::string& page)
{
    TroffWalker walker;
    std::istringstream in(page);
    std::string line;
    bool first = true;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (first && line.rfind(".so ", 0) == 0)
            return {}; // an alias page that includes another
        if (line.rfind(".\\\"", 0) != 0 && line.rfind("'\\\"", 0) != 0)
            first = false;
        walker.line(line);
    }
    walker.flush();
    return walker.paragraphs;
}

} // namespace domaintune
