#include "core/text/bertpretokenizer.h"

#include "core/text/unicodeutil.h"

#include <array>

namespace domaintune {
namespace {

enum CharClass : unsigned char
{
    kWord,
    kSpace,
    kPunctuation,
};

constexpr std::array<unsigned char, 128> makeAsciiTable()
{
    std::array<unsigned char, 128> table{};
    for (int c = 0; c < 128; ++c) {
        if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) ||
            (c >= 123 && c <= 126))
            table[c] = kPunctuation;
        else if (c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F))
            table[c] = kSpace;
        else
            table[c] = kWord;
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
    if (unicode::isWhiteSpace(c) || unicode::isPythonWhiteSpace(c))
        return kSpace;
    return unicode::isBertPunctuation(c) ? kPunctuation : kWord;
}

} // namespace

void BertPreTokenizer::split(std::string_view text, std::vector<ByteSpan>& words)
{
    std::size_t wordStart = 0;
    bool inWord = false;
    std::size_t length = 0;
    for (std::size_t pos = 0; pos < text.size(); pos += length) {
        const unsigned char kind = classify(text, pos, length);
        if (kind == kWord) {
            if (!inWord)
                wordStart = pos;
            inWord = true;
            continue;
        }
        if (inWord)
            words.push_back({wordStart, pos});
        inWord = false;
        if (kind == kPunctuation)
            words.push_back({pos, pos + length});
    }
    if (inWord)
        words.push_back({wordStart, text.size()});
}

} // namespace domaintune
