#include "core/data/textnormalizer.h"

#include "core/common/error.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace domaintune {
namespace {

void toHalfWidth(icu::UnicodeString& text)
{
    for (int32_t i = 0; i < text.length(); ++i) {
        const char16_t c = text.charAt(i);
        if (c >= 0xFF01 && c <= 0xFF5E)
            text.setCharAt(i, static_cast<char16_t>(c - 0xFEE0));
        else if (c == 0x3000)
            text.setCharAt(i, u' ');
    }
}

icu::UnicodeString collapse(const icu::UnicodeString& text)
{
    icu::UnicodeString out;
    bool pendingSpace = false;
    for (int32_t i = 0; i < text.length();) {
        const UChar32 c = text.char32At(i);
        i += U16_LENGTH(c);
        if (u_isUWhiteSpace(c)) {
            pendingSpace = !out.isEmpty();
            continue;
        }
        if (pendingSpace)
            out.append(u' ');
        pendingSpace = false;
        out.append(c);
    }
    return out;
}

} // namespace

std::string NormalizationOptions::describe() const
{
    std::string text;
    const auto add = [&](bool on, const char* name) {
        if (on)
            text += (text.empty() ? "" : "+") + std::string(name);
    };
    add(nfkc, "nfkc");
    add(fullWidthToHalfWidth, "fullwidth");
    add(collapseWhitespace, "whitespace");
    return text.empty() ? "none" : text;
}

TextNormalizer::TextNormalizer(NormalizationOptions options) : m_options(options)
{
    if (!options.nfkc)
        return;
    UErrorCode status = U_ZERO_ERROR;
    m_nfkc = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status))
        throw Error(std::string("ICU cannot load its NFKC data: ") + u_errorName(status) +
                    ". Reinstall libicu.");
}

std::string TextNormalizer::normalize(std::string_view text) const
{
    if (!m_options.any())
        return std::string(text);
    icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    if (m_options.fullWidthToHalfWidth)
        toHalfWidth(unicode);
    if (m_options.nfkc) {
        UErrorCode status = U_ZERO_ERROR;
        unicode = static_cast<const icu::Normalizer2*>(m_nfkc)->normalize(unicode, status);
        if (U_FAILURE(status))
            throw Error(std::string("NFKC normalisation failed: ") + u_errorName(status));
    }
    if (m_options.collapseWhitespace)
        unicode = collapse(unicode);
    std::string out;
    unicode.toUTF8String(out);
    return out;
}

} // namespace domaintune
