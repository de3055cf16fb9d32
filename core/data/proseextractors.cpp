#include "core/data/proseextractors.h"

#include "core/data/prosetext.h"
#include "core/text/unicodeutil.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <sstream>

namespace domaintune {
namespace {

std::vector<std::string> splitLines(const std::string& text)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        lines.push_back(line);
    }
    return lines;
}

/** Removes ANSI escape sequences (ESC [ parameters letter) such as colour codes. */
std::string withoutAnsiEscapes(const std::string& line)
{
    std::string out;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] != '\x1b') {
            out += line[i];
            continue;
        }
        if (i + 1 < line.size() && line[i + 1] == '[') {
            i += 2;
            while (i < line.size() && !std::isalpha(static_cast<unsigned char>(line[i])))
                ++i;
        }
    }
    return out;
}

bool endsWithPunctuation(const std::string& line)
{
    static const std::vector<std::string> marks = {".",
                                                   ",",
                                                   ";",
                                                   ":",
                                                   "!",
                                                   "?",
                                                   "\"",
                                                   "'",
                                                   ")",
                                                   "-",
                                                   "\xE3\x80\x82",
                                                   "\xEF\xBC\x8C",
                                                   "\xEF\xBC\x9B",
                                                   "\xEF\xBC\x9A",
                                                   "\xEF\xBC\x81",
                                                   "\xEF\xBC\x9F",
                                                   "\xE3\x80\x81",
                                                   "\xE2\x80\x9D",
                                                   "\xEF\xBC\x89",
                                                   "\xE3\x80\x8D"};
    for (const auto& mark : marks)
        if (line.size() >= mark.size() &&
            line.compare(line.size() - mark.size(), mark.size(), mark) == 0)
            return true;
    return false;
}

/** One fortune: blocks split at blank lines, titles and authors kept apart by a space. */
std::string joinFortune(const std::vector<std::string>& lines)
{
    std::vector<std::string> parts, current;
    std::size_t longest = 0;
    for (const auto& line : lines)
        longest = std::max(longest, collapseWhitespace(line).size());
    for (const auto& raw : lines) {
        const std::string line = collapseWhitespace(raw);
        if (line.empty()) {
            parts.push_back(joinWrappedLines(current));
            current.clear();
            continue;
        }
        current.push_back(line);
        // A short line without final punctuation is a title or a name, not a wrapped line.
        if (line.size() * 4 < longest * 3 && !endsWithPunctuation(line)) {
            parts.push_back(joinWrappedLines(current));
            current.clear();
        }
    }
    parts.push_back(joinWrappedLines(current));
    std::string joined;
    for (const auto& part : parts)
        if (!part.empty())
            joined += (joined.empty() ? "" : " ") + part;
    return joined;
}

} // namespace

std::vector<std::string> wordnetGlosses(const std::string& dataFile)
{
    std::vector<std::string> glosses;
    for (const auto& line : splitLines(dataFile)) {
        if (line.empty() || line[0] == ' ')
            continue; // the licence header
        const std::size_t bar = line.find(" | ");
        if (bar == std::string::npos)
            continue;
        std::istringstream fields(line.substr(0, bar));
        std::string offset, lexFile, type, count, lemma;
        if (!(fields >> offset >> lexFile >> type >> count >> lemma))
            continue;
        lemma = lemma.substr(0, lemma.find('(')); // adjective markers: (a), (p), (ip)
        std::replace(lemma.begin(), lemma.end(), '_', ' ');
        const std::string gloss = collapseWhitespace(line.substr(bar + 3));
        if (!gloss.empty() && !lemma.empty())
            glosses.push_back(lemma + ": " + gloss);
    }
    return glosses;
}

std::vector<std::string> fortuneTexts(const std::string& file)
{
    std::vector<std::string> texts;
    std::vector<std::string> current;
    const auto flush = [&] {
        std::string text = joinFortune(current);
        if (!text.empty())
            texts.push_back(std::move(text));
        current.clear();
    };
    for (const auto& line : splitLines(file)) {
        if (line == "%" || line == "%%") {
            flush();
            continue;
        }
        std::string clean = withoutAnsiEscapes(line);
        std::replace(clean.begin(), clean.end(), '\t', ' ');
        current.push_back(std::move(clean));
    }
    flush();
    return texts;
}

std::string decodeHtmlEntities(const std::string& text)
{
    static const std::map<std::string, char32_t> named = {
        {"amp", '&'},       {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
        {"apos", '\''},     {"nbsp", ' '},     {"mdash", 0x2014}, {"ndash", 0x2013},
        {"hellip", 0x2026}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C},
        {"rdquo", 0x201D},  {"copy", 0xA9},    {"reg", 0xAE},     {"trade", 0x2122},
        {"laquo", 0xAB},    {"raquo", 0xBB},   {"times", 0xD7},   {"middot", 0xB7}};
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const std::size_t end = text[i] == '&' ? text.find(';', i) : std::string::npos;
        if (end == std::string::npos || end - i > 10) {
            out += text[i];
            continue;
        }
        const std::string name = text.substr(i + 1, end - i - 1);
        char32_t codePoint = 0;
        if (name.size() > 1 && name[0] == '#')
            codePoint = static_cast<char32_t>(name[1] == 'x' || name[1] == 'X'
                                                  ? std::strtoul(name.c_str() + 2, nullptr, 16)
                                                  : std::strtoul(name.c_str() + 1, nullptr, 10));
        else if (const auto it = named.find(name); it != named.end())
            codePoint = it->second;
        if (codePoint == 0 || codePoint > 0x10FFFF) {
            out += text[i];
            continue;
        }
        unicode::append(out, codePoint == 0xA0 ? U' ' : codePoint);
        i = end;
    }
    return out;
}

std::vector<std::string> htmlParagraphs(const std::string& html)
{
    std::vector<std::string> paragraphs;
    std::string lower = html;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    for (std::size_t at = lower.find("<p"); at != std::string::npos; at = lower.find("<p", at)) {
        if (lower.compare(at, 4, "<pre") == 0) { // a listing: not prose, whatever it holds
            const std::size_t pre = lower.find("</pre>", at);
            at = pre == std::string::npos ? lower.size() : pre + 6;
            continue;
        }
        const char next = at + 2 < lower.size() ? lower[at + 2] : '\0';
        const std::size_t open = lower.find('>', at);
        if ((next != '>' && next != ' ' && next != '\n' && next != '\t') ||
            open == std::string::npos) {
            at += 2;
            continue;
        }
        // An unclosed <p> ends where the next <p> or <pre> starts.
        const std::size_t close = lower.find("</p>", open);
        const std::size_t nextOpen = lower.find("<p", open);
        const std::size_t end = std::min(close, nextOpen == std::string::npos ? close : nextOpen);
        if (end == std::string::npos)
            break;
        std::string text;
        bool inTag = false;
        for (std::size_t i = open + 1; i < end; ++i) {
            if (html[i] == '<')
                inTag = true;
            else if (html[i] == '>')
                inTag = false;
            else if (!inTag)
                text += html[i];
        }
        std::string paragraph = joinWrappedLines(splitLines(decodeHtmlEntities(text)));
        if (!paragraph.empty())
            paragraphs.push_back(std::move(paragraph));
        at = end;
    }
    return paragraphs;
}

} // namespace domaintune
