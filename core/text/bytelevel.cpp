#include "core/text/bytelevel.h"

#include "core/text/unicodeutil.h"

namespace domaintune::bytelevel {
namespace {

bool printable(int b)
{
    return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
}

struct Table
{
    std::array<std::string, 256> chars;
    std::array<char32_t, 256> codePoints{};
    Table()
    {
        int next = 0;
        for (int b = 0; b < 256; ++b) {
            codePoints[b] = printable(b) ? static_cast<char32_t>(b) : 256 + next++;
            unicode::append(chars[b], codePoints[b]);
        }
    }
};

const Table& table()
{
    static const Table instance;
    return instance;
}

} // namespace

const std::string& charOf(unsigned char byte)
{
    return table().chars[byte];
}

int byteOf(char32_t c)
{
    const Table& t = table();
    for (int b = 0; b < 256; ++b)
        if (t.codePoints[b] == c)
            return b;
    return -1;
}

std::string encode(std::string_view bytes)
{
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const char byte : bytes)
        out += charOf(static_cast<unsigned char>(byte));
    return out;
}

ByteSpan trimOffsets(std::string_view token, ByteSpan span, bool first, bool addPrefixSpace)
{
    // One pass, no allocation (this runs for every token): the run of spaces ("Ġ" or white
    // space) at the start, and the one at the end.
    std::size_t leading = 0, trailing = 0, length = 0;
    bool inLeading = true;
    for (std::size_t pos = 0; pos < token.size(); pos += std::max<std::size_t>(length, 1)) {
        const char32_t c = unicode::decode(token, pos, length);
        const bool space = byteOf(c) == ' ' || unicode::isWhiteSpace(c);
        inLeading = inLeading && space;
        leading += inLeading;
        trailing = space ? trailing + 1 : 0;
    }
    if (leading > 0 && first && addPrefixSpace && leading == 1)
        leading = 0;
    span.begin = std::min(span.begin + leading, span.end);
    if (trailing > 0 && span.end >= trailing)
        span.end = std::max(span.end - trailing, span.begin);
    return span;
}

} // namespace domaintune::bytelevel
