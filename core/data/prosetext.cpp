#include "core/data/prosetext.h"

#include <algorithm>

namespace domaintune {
namespace {

/** Decodes the code point at @p i (advancing it); returns 0xFFFD and sets @p bad on junk. */
char32_t decodeAt(const std::string& text, std::size_t& i, bool& bad)
{
    const auto byte = static_cast<unsigned char>(text[i]);
    const int extra = byte < 0x80           ? 0
                      : (byte >> 5) == 0x6  ? 1
                      : (byte >> 4) == 0xE  ? 2
                      : (byte >> 3) == 0x1E ? 3
                                            : -1;
    if (extra < 0 || i + static_cast<std::size_t>(extra) >= text.size()) {
        ++i;
        bad = true;
        return 0xFFFD;
    }
    char32_t codePoint = extra == 0 ? byte : byte & (0x3F >> extra);
    for (int k = 1; k <= extra; ++k) {
        const auto next = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
        if ((next & 0xC0) != 0x80) {
            ++i;
            bad = true;
            return 0xFFFD;
        }
        codePoint = (codePoint << 6) | (next & 0x3F);
    }
    i += static_cast<std::size_t>(extra) + 1;
    return codePoint;
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/** The code point that ends @p text (0 when empty or not UTF-8). */
char32_t lastCodePoint(const std::string& text)
{
    if (text.empty())
        return 0;
    std::size_t start = text.size() - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
        --start;
    bool bad = false;
    return decodeAt(text, start, bad);
}

char32_t firstCodePoint(const std::string& text)
{
    std::size_t i = 0;
    bool bad = false;
    return text.empty() ? 0 : decodeAt(text, i, bad);
}

bool isUtf8Continuation(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

/** Returns the end of the last sentence that fits in [0, limit), or npos. */
std::size_t lastSentenceEnd(const std::string& text, std::size_t limit)
{
    std::size_t best = std::string::npos;
    for (const char* end :
         {". ", "? ", "! ", "; ", "\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F", "\xEF\xBC\x9B"}) {
        const std::string mark(end);
        const std::size_t at = text.rfind(mark, limit - mark.size());
        if (at != std::string::npos && at > 0 &&
            (best == std::string::npos || at + mark.size() > best))
            best = at + mark.size();
    }
    return best;
}

} // namespace

bool isCjkCodePoint(char32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FA1F) || c == 0x2014 ||
           c == 0x2026 || c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019;
}

std::string collapseWhitespace(const std::string& text)
{
    std::string out;
    out.reserve(text.size());
    bool pendingSpace = false;
    for (const char c : text) {
        if (isSpace(c)) {
            pendingSpace = !out.empty();
            continue;
        }
        if (pendingSpace)
            out += ' ';
        pendingSpace = false;
        out += c;
    }
    return out;
}

std::string withoutSpacesBetweenCjk(const std::string& text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == ' ' && !out.empty() && i + 1 < text.size() &&
            isCjkCodePoint(lastCodePoint(out)) &&
            isCjkCodePoint(firstCodePoint(text.substr(i + 1, 4))))
            continue;
        out += text[i];
    }
    return out;
}

std::string joinWrappedLines(const std::vector<std::string>& lines)
{
    std::string out;
    for (const auto& raw : lines) {
        const std::string line = collapseWhitespace(raw);
        if (line.empty())
            continue;
        if (!out.empty() &&
            !(isCjkCodePoint(lastCodePoint(out)) && isCjkCodePoint(firstCodePoint(line))))
            out += ' ';
        out += line;
    }
    return out;
}

std::vector<std::string> splitLongParagraph(const std::string& paragraph, std::size_t maxBytes)
{
    std::vector<std::string> pieces;
    std::string rest = paragraph;
    while (rest.size() > maxBytes) {
        std::size_t cut = lastSentenceEnd(rest, maxBytes);
        if (cut == std::string::npos || cut < maxBytes / 4) {
            const std::size_t space = rest.rfind(' ', maxBytes);
            cut = space != std::string::npos && space > maxBytes / 4 ? space + 1 : maxBytes;
            while (cut > 0 && isUtf8Continuation(rest[cut]))
                --cut;
        }
        std::string piece = collapseWhitespace(rest.substr(0, cut));
        if (!piece.empty())
            pieces.push_back(std::move(piece));
        rest = collapseWhitespace(rest.substr(cut));
    }
    if (!rest.empty())
        pieces.push_back(rest);
    return pieces;
}

ProseProfile profileOf(const std::string& text)
{
    ProseProfile profile;
    bool inWord = false;
    for (std::size_t i = 0; i < text.size();) {
        bool bad = false;
        const char32_t c = decodeAt(text, i, bad);
        profile.validUtf8 = profile.validUtf8 && !bad;
        const bool asciiLetter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (asciiLetter && !inWord)
            ++profile.words;
        inWord = asciiLetter;
        if (c < 0x80 && isSpace(static_cast<char>(c)))
            continue;
        ++profile.characters;
        const bool cjk = isCjkCodePoint(c);
        const bool cjkPunctuation = (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF20) ||
                                    c == 0x2014 || c == 0x2026 || (c >= 0x2018 && c <= 0x201D);
        if (cjk && !cjkPunctuation)
            ++profile.cjk;
        if (asciiLetter || (c >= 0xC0 && !bad && !cjkPunctuation))
            ++profile.letters;
    }
    return profile;
}

} // namespace domaintune
