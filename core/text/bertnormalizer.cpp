#include "core/text/bertnormalizer.h"

#include "core/text/unicodeutil.h"

namespace domaintune {
namespace {

std::size_t previousStart(std::string_view text, std::size_t pos)
{
    do
        --pos;
    while (pos > 0 && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80);
    return pos;
}

// Python's Final_Sigma: a cased letter before (skipping case-ignorables), none after.
bool isFinalSigma(std::string_view text, std::size_t pos, std::size_t length)
{
    std::size_t size = 0;
    bool casedBefore = false;
    for (std::size_t p = pos; p > 0;) {
        p = previousStart(text, p);
        const char32_t c = unicode::decode(text, p, size);
        if (unicode::isCaseIgnorable(c))
            continue;
        casedBefore = unicode::isCased(c);
        break;
    }
    if (!casedBefore)
        return false;
    for (std::size_t p = pos + length; p < text.size(); p += size) {
        const char32_t c = unicode::decode(text, p, size);
        if (unicode::isCaseIgnorable(c))
            continue;
        return !unicode::isCased(c);
    }
    return true;
}

} // namespace

BertNormalizer::BertNormalizer(BertNormalizerOptions options)
    : m_options(options), m_stripAccents(options.stripAccents.value_or(options.lowercase))
{}

void BertNormalizer::appendCharacter(NormalizedText& out, std::string_view text, char32_t c,
                                     std::size_t pos, std::size_t length, ByteSpan origin) const
{
    if (m_options.cleanText) {
        if (c == 0 || c == unicode::kReplacementCharacter || unicode::isBertControl(c))
            return;
        if (unicode::isBertWhitespace(c)) {
            out.push(' ', origin.begin, origin.end);
            return;
        }
    }
    const bool cjk = m_options.handleChineseChars && unicode::isCjkIdeograph(c);
    if (cjk)
        out.push(' ', origin.begin, origin.end);
    std::u32string lowered;
    if (m_options.lowercase)
        unicode::appendLower(lowered, c,
                             c == 0x3A3 && m_options.finalSigma && isFinalSigma(text, pos, length));
    else
        lowered += c;
    for (const char32_t l : lowered) {
        if (!m_stripAccents) {
            out.append(l, origin.begin, origin.end);
            continue;
        }
        for (const char32_t d : unicode::decomposeCanonical(l))
            if (!unicode::isMark(d))
                out.append(d, origin.begin, origin.end);
    }
    if (cjk)
        out.push(' ', origin.begin, origin.end);
}

NormalizedText BertNormalizer::normalize(std::string_view text) const
{
    return run(text, [](std::size_t pos, std::size_t length) {
        return ByteSpan{pos, pos + length};
    });
}

NormalizedText BertNormalizer::normalize(const NormalizedText& input) const
{
    return run(input.text(), [&](std::size_t pos, std::size_t) { return input.originOf(pos); });
}

template <typename Origin>
NormalizedText BertNormalizer::run(std::string_view text, const Origin& originOf) const
{
    NormalizedText out;
    out.reserve(text.size() + 8);
    std::size_t length = 0;
    for (std::size_t pos = 0; pos < text.size(); pos += length) {
        const auto byte = static_cast<unsigned char>(text[pos]);
        if (byte >= 0x80) {
            const char32_t c = unicode::decode(text, pos, length);
            appendCharacter(out, text, c, pos, length, originOf(pos, length));
            continue;
        }
        length = 1;
        const ByteSpan origin = originOf(pos, length);
        if (byte < 0x20 || byte == 0x7F) {
            const bool space = byte == '\t' || byte == '\n' || byte == '\r';
            if (m_options.cleanText && !space)
                continue;
            out.push(m_options.cleanText ? ' ' : static_cast<char>(byte), origin.begin, origin.end);
            continue;
        }
        const bool upper = byte >= 'A' && byte <= 'Z';
        out.push(static_cast<char>(upper && m_options.lowercase ? byte + 32 : byte), origin.begin,
                 origin.end);
    }
    return out;
}

} // namespace domaintune
