#include "core/text/precompiledcharsmap.h"

#include "core/text/unicodeutil.h"

#include <cstring>
#include <stdexcept>
#include <unicode/brkiter.h>
#include <unicode/utext.h>

namespace domaintune {
namespace {

// darts-clone's unit layout.
bool hasLeaf(std::uint32_t unit)
{
    return ((unit >> 8) & 1) != 0;
}
std::uint32_t value(std::uint32_t unit)
{
    return unit & 0x7FFFFFFFu;
}
std::uint32_t label(std::uint32_t unit)
{
    return unit & (0x80000000u | 0xFFu);
}
std::uint32_t offset(std::uint32_t unit)
{
    return (unit >> 10) << ((unit & (1u << 9)) >> 6);
}

int base64Value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

using Changes = std::vector<NormalizedText::Change>;

// The library's replace(): the new characters replace the old ones one for one; extra new
// ones are insertions, missing ones are removed with the last change made so far.
void replace(Changes& changes, std::string_view oldPart, std::string_view newPart)
{
    const auto oldCount = static_cast<long>(unicode::countCharacters(oldPart));
    long newCount = 0;
    std::size_t length = 0;
    for (std::size_t pos = 0; pos < newPart.size(); pos += length, ++newCount)
        changes.push_back({unicode::decode(newPart, pos, length), 0});
    const long diff = newCount - oldCount;
    if (diff > 0) {
        for (long i = 0; i < diff; ++i)
            changes[changes.size() - 1 - static_cast<std::size_t>(i)].change = 1;
    } else if (diff < 0 && !changes.empty()) {
        changes.back().change += static_cast<int>(diff);
    }
}

// Extended grapheme cluster boundaries (byte offsets) of UTF-8 @p text.
std::vector<std::size_t> graphemeBoundaries(const std::string& text)
{
    std::vector<std::size_t> out{0};
    UErrorCode status = U_ZERO_ERROR;
    thread_local std::unique_ptr<icu::BreakIterator> iterator(
        icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
    UText* utext = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
    if (!iterator || U_FAILURE(status)) {
        utext_close(utext);
        std::size_t length = 0; // fall back to single characters
        for (std::size_t pos = 0; pos < text.size(); pos += length) {
            unicode::decode(text, pos, length);
            out.push_back(std::min(text.size(), pos + std::max<std::size_t>(length, 1)));
        }
        return out;
    }
    iterator->setText(utext, status);
    for (int32_t at = iterator->next(); at != icu::BreakIterator::DONE; at = iterator->next())
        out.push_back(static_cast<std::size_t>(at));
    iterator->setText(icu::UnicodeString()); // drop the reference to utext
    utext_close(utext);
    return out;
}

} // namespace

NormalizedText PrecompiledCharsMap::normalize(const NormalizedText& text) const
{
    const std::string& s = text.text();
    const std::vector<std::size_t> bounds = graphemeBoundaries(s);
    Changes changes;
    changes.reserve(s.size());
    bool modified = false;
    for (std::size_t g = 0; g + 1 < bounds.size(); ++g) {
        const std::string_view grapheme(s.data() + bounds[g], bounds[g + 1] - bounds[g]);
        if (grapheme.size() < 6) {
            if (const auto replacement = transform(grapheme)) {
                modified = true;
                replace(changes, grapheme, *replacement);
                continue;
            }
        }
        std::size_t length = 0;
        for (std::size_t pos = 0; pos < grapheme.size(); pos += length) {
            const char32_t c = unicode::decode(grapheme, pos, length);
            length = std::max<std::size_t>(length, 1);
            const std::string_view part = grapheme.substr(pos, length);
            if (const auto replacement = transform(part)) {
                modified = true;
                replace(changes, part, *replacement);
            } else {
                changes.push_back({c, 0});
            }
        }
    }
    if (!modified)
        return text;
    NormalizedText out = text;
    out.transformRange(0, out.size(), changes, 0);
    return out;
}

std::string decodeBase64(std::string_view text)
{
    while (!text.empty() && text.back() == '=')
        text.remove_suffix(1);
    if (text.size() % 4 == 1)
        throw std::invalid_argument("base64 text has an impossible length");
    std::string out;
    out.reserve(text.size() * 3 / 4);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const char c : text) {
        const int v = base64Value(c);
        if (v < 0)
            throw std::invalid_argument("base64 text holds a character outside the alphabet");
        buffer = (buffer << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
        }
    }
    return out;
}

std::shared_ptr<const PrecompiledCharsMap> PrecompiledCharsMap::parse(std::string_view bytes)
{
    if (bytes.size() < 4)
        throw std::invalid_argument("the character map is shorter than its 4-byte header");
    std::uint32_t trieSize = 0;
    for (int i = 3; i >= 0; --i)
        trieSize = (trieSize << 8) | static_cast<unsigned char>(bytes[static_cast<std::size_t>(i)]);
    if (trieSize % 4 != 0 || trieSize == 0 || trieSize > bytes.size() - 4)
        throw std::invalid_argument("the character map's trie size (" + std::to_string(trieSize) +
                                    " bytes) does not fit its " + std::to_string(bytes.size()) +
                                    " bytes");
    auto map = std::shared_ptr<PrecompiledCharsMap>(new PrecompiledCharsMap());
    map->m_units.resize(trieSize / 4);
    for (std::size_t i = 0; i < map->m_units.size(); ++i) {
        std::uint32_t unit = 0;
        for (int b = 3; b >= 0; --b)
            unit = (unit << 8) | static_cast<unsigned char>(bytes[4 + i * 4 + b]);
        map->m_units[i] = unit;
    }
    map->m_normalized = std::string(bytes.substr(4 + trieSize));
    if (!unicode::isValid(map->m_normalized))
        throw std::invalid_argument("the character map's replacement strings are not UTF-8");
    return map;
}

std::optional<std::string_view> PrecompiledCharsMap::transform(std::string_view chunk) const
{
    // darts-clone's commonPrefixSearch, stopping at the first (shortest) key found.
    std::size_t node = offset(m_units[0]);
    for (const char byte : chunk) {
        const auto c = static_cast<unsigned char>(byte);
        if (c == 0)
            break;
        node ^= c;
        if (node >= m_units.size())
            return std::nullopt;
        const std::uint32_t unit = m_units[node];
        if (label(unit) != c)
            return std::nullopt;
        node ^= offset(unit);
        if (node >= m_units.size())
            return std::nullopt;
        if (hasLeaf(unit)) {
            const std::size_t index = value(m_units[node]);
            if (index >= m_normalized.size())
                return std::string_view();
            const char* begin = m_normalized.data() + index;
            return std::string_view(begin, strnlen(begin, m_normalized.size() - index));
        }
    }
    return std::nullopt;
}

} // namespace domaintune
