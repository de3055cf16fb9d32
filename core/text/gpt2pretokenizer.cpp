#include "core/text/gpt2pretokenizer.h"

#include "core/text/unicodeutil.h"

#include <array>

namespace domaintune {
namespace {

enum CharClass : unsigned char
{
    kLetter,
    kNumber,
    kSpace,
    kOther,
};

constexpr std::array<unsigned char, 128> makeAsciiTable()
{
    std::array<unsigned char, 128> table{};
    for (int c = 0; c < 128; ++c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            table[c] = kLetter;
        else if (c >= '0' && c <= '9')
            table[c] = kNumber;
        else if (c == ' ' || (c >= 0x09 && c <= 0x0D))
            table[c] = kSpace;
        else
            table[c] = kOther;
    }
    return table;
}

constexpr std::array<unsigned char, 128> kAscii = makeAsciiTable();

unsigned char classify(std::string_view text, std::size_t pos, std::size_t& length)
{
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) {
        length = 1;
        return kAscii[byte];
    }
    const char32_t c = unicode::decode(text, pos, length);
    if (unicode::isLetter(c))
        return kLetter;
    if (unicode::isNumber(c))
        return kNumber;
    return c == 0x85 || unicode::isWhiteSpace(c) ? kSpace : kOther;
}

// 's 't 'm 'd 're 've 'll: returns the match length at pos, or 0.
std::size_t contraction(std::string_view text, std::size_t pos)
{
    if (text[pos] != '\'' || pos + 1 >= text.size())
        return 0;
    const char a = text[pos + 1];
    if (a == 's' || a == 't' || a == 'm' || a == 'd')
        return 2;
    if (pos + 2 >= text.size())
        return 0;
    const char b = text[pos + 2];
    return (a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l') ? 3 : 0;
}

// End of the run of characters of class @p kind starting at pos.
std::size_t runEnd(std::string_view text, std::size_t pos, unsigned char kind)
{
    std::size_t length = 0;
    while (pos < text.size() && classify(text, pos, length) == kind)
        pos += length;
    return pos;
}

// \s+(?!\S)|\s+ at pos: the whitespace run, less its last character when a non-space follows.
std::size_t spaceEnd(std::string_view text, std::size_t pos)
{
    std::size_t length = 0, last = pos, end = pos;
    while (end < text.size() && classify(text, end, length) == kSpace) {
        last = end;
        end += length;
    }
    if (end == text.size() || last == pos)
        return end;
    return last;
}

} // namespace

void Gpt2PreTokenizer::split(std::string_view text, std::vector<ByteSpan>& words)
{
    std::size_t length = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        std::size_t end = pos + contraction(text, pos);
        if (end == pos) {
            std::size_t start = pos;
            unsigned char kind = classify(text, pos, length);
            if (text[pos] == ' ' && pos + 1 < text.size()) {
                const unsigned char next = classify(text, pos + 1, length);
                if (next != kSpace) {
                    start = pos + 1;
                    kind = next;
                }
            }
            end = kind == kSpace ? spaceEnd(text, pos) : runEnd(text, start, kind);
        }
        words.push_back({pos, end});
        pos = end;
    }
}

} // namespace domaintune
