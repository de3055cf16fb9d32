#include "core/text/unicodeutil.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace domaintune::unicode {
namespace {

// Returns the length of the valid sequence at pos, or 0 and the length of the maximal invalid
// subpart in @p bad (Unicode's "substitution of maximal subparts", as Python's decoder does).
std::size_t validLength(std::string_view text, std::size_t pos, std::size_t& bad, char32_t& cp)
{
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[pos + i]); };
    const unsigned char lead = byte(0);
    bad = 1;
    if (lead < 0x80) {
        cp = lead;
        return 1;
    }
    std::size_t need = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF)
        need = 1;
    else if (lead >= 0xE0 && lead <= 0xEF) {
        need = 2;
        low = lead == 0xE0 ? 0xA0 : 0x80;
        high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        need = 3;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF;
    } else
        return 0;
    cp = lead & (need == 1 ? 0x1F : need == 2 ? 0x0F : 0x07);
    for (std::size_t i = 1; i <= need; ++i) {
        if (pos + i >= text.size())
            return 0;
        const unsigned char b = byte(i);
        if (b < (i == 1 ? low : 0x80) || b > (i == 1 ? high : 0xBF))
            return 0;
        cp = (cp << 6) | (b & 0x3F);
        bad = i + 1;
    }
    return need + 1;
}

} // namespace

char32_t decode(std::string_view text, std::size_t pos, std::size_t& length)
{
    const auto lead = static_cast<unsigned char>(text[pos]);
    if (lead < 0x80) {
        length = 1;
        return lead;
    }
    std::size_t bad = 1;
    char32_t cp = 0;
    length = validLength(text, pos, bad, cp);
    if (length == 0) {
        length = bad;
        return kReplacementCharacter;
    }
    return cp;
}

void append(std::string& out, char32_t c)
{
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

bool isValid(std::string_view text)
{
    std::size_t bad = 0;
    char32_t cp = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        if (static_cast<unsigned char>(text[pos]) < 0x80) {
            ++pos;
            continue;
        }
        const std::size_t length = validLength(text, pos, bad, cp);
        if (length == 0)
            return false;
        pos += length;
    }
    return true;
}

SanitizedText sanitize(std::string_view bytes)
{
    SanitizedText result;
    result.text.reserve(bytes.size() + 16);
    result.original.reserve(bytes.size() + 17);
    std::size_t bad = 0;
    char32_t cp = 0;
    for (std::size_t pos = 0; pos < bytes.size();) {
        std::size_t length = validLength(bytes, pos, bad, cp);
        if (length == 0) {
            ++result.invalidSequences;
            result.text += "\xEF\xBF\xBD";
            result.original.insert(result.original.end(), 3, static_cast<std::uint32_t>(pos));
            pos += bad;
            continue;
        }
        result.text.append(bytes.data() + pos, length);
        for (std::size_t i = 0; i < length; ++i)
            result.original.push_back(static_cast<std::uint32_t>(pos + i));
        pos += length;
    }
    result.original.push_back(static_cast<std::uint32_t>(bytes.size()));
    return result;
}

std::size_t countCharacters(std::string_view text)
{
    std::size_t count = 0;
    for (const char ch : text)
        count += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
    return count;
}

std::int64_t byteOffsetOfCharacter(std::string_view text, std::int64_t characters)
{
    std::int64_t seen = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80)
            continue;
        if (seen == characters)
            return static_cast<std::int64_t>(i);
        ++seen;
    }
    return seen == characters ? static_cast<std::int64_t>(text.size()) : -1;
}

bool isLetter(char32_t c)
{
    return (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_L_MASK) != 0;
}

bool isNumber(char32_t c)
{
    return (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_N_MASK) != 0;
}

bool isMark(char32_t c)
{
    return u_charType(static_cast<UChar32>(c)) == U_NON_SPACING_MARK;
}

bool isWhiteSpace(char32_t c)
{
    return u_isUWhiteSpace(static_cast<UChar32>(c));
}

bool isPythonWhiteSpace(char32_t c)
{
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 ||
           c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
           c == 0x202F || c == 0x205F || c == 0x3000;
}

bool isBertWhitespace(char32_t c)
{
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        return true;
    return u_charType(static_cast<UChar32>(c)) == U_SPACE_SEPARATOR;
}

bool isBertControl(char32_t c)
{
    if (c == '\t' || c == '\n' || c == '\r')
        return false;
    return (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_C_MASK) != 0;
}

bool isBertPunctuation(char32_t c)
{
    if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) ||
        (c >= 123 && c <= 126))
        return true;
    return (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_P_MASK) != 0;
}

bool isCjkIdeograph(char32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x20000 && c <= 0x2A6DF) || (c >= 0x2A700 && c <= 0x2B73F) ||
           (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

void appendLower(std::u32string& out, char32_t c, bool finalSigma)
{
    // Python's str.lower() is the simple mapping except for SpecialCasing's one unconditional
    // lower-case entry (U+0130) and the final-sigma context rule.
    if (c == 0x130) {
        out += U'i';
        out += char32_t(0x307);
    } else if (c == 0x3A3) {
        out += finalSigma ? char32_t(0x3C2) : char32_t(0x3C3);
    } else {
        out += static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
    }
}

bool isCased(char32_t c)
{
    return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_CASED);
}

bool isCaseIgnorable(char32_t c)
{
    return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_CASE_IGNORABLE);
}

std::u32string decomposeCanonical(char32_t c)
{
    std::u32string out;
    if (c < 0xC0) {
        out += c;
        return out;
    }
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    icu::UnicodeString decomposition;
    if (U_FAILURE(status) || !nfd->getDecomposition(static_cast<UChar32>(c), decomposition)) {
        out += c;
        return out;
    }
    for (int32_t i = 0; i < decomposition.length();) {
        const UChar32 part = decomposition.char32At(i);
        out += static_cast<char32_t>(part);
        i += U16_LENGTH(part);
    }
    return out;
}

} // namespace domaintune::unicode
