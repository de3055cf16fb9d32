#include "core/text/textpipeline.h"

#include "core/text/bertnormalizer.h"
#include "core/text/bertpretokenizer.h"
#include "core/text/gpt2pretokenizer.h"
#include "core/text/unicodeutil.h"

#include <functional>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace domaintune::pipeline {
namespace {

using CharMap = std::function<void(char32_t, std::u32string&)>;

NormalizedText mapCharacters(const NormalizedText& in, const CharMap& map)
{
    NormalizedText out;
    out.reserve(in.size());
    const std::string& text = in.text();
    std::size_t length = 0;
    std::u32string mapped;
    for (std::size_t pos = 0; pos < text.size(); pos += length) {
        const char32_t c = unicode::decode(text, pos, length);
        mapped.clear();
        map(c, mapped);
        const ByteSpan origin = in.originOf(pos);
        for (const char32_t m : mapped)
            out.append(m, origin.begin, origin.end);
    }
    return out;
}

// Normalises chunks that start at normalisation boundaries, so that composition works and
// every output character maps to the chunk's original bytes.
NormalizedText unicodeForm(const NormalizedText& in, const icu::Normalizer2& form)
{
    NormalizedText out;
    const std::string& text = in.text();
    icu::UnicodeString chunk;
    ByteSpan origin;
    const auto flush = [&] {
        UErrorCode status = U_ZERO_ERROR;
        const icu::UnicodeString normalized = form.normalize(chunk, status);
        for (int32_t i = 0; U_SUCCESS(status) && i < normalized.length();) {
            const UChar32 c = normalized.char32At(i);
            out.append(static_cast<char32_t>(c), origin.begin, origin.end);
            i += U16_LENGTH(c);
        }
        chunk.remove();
    };
    std::size_t length = 0;
    for (std::size_t pos = 0; pos < text.size(); pos += length) {
        const char32_t c = unicode::decode(text, pos, length);
        if (!chunk.isEmpty() && form.hasBoundaryBefore(static_cast<UChar32>(c)))
            flush();
        if (chunk.isEmpty())
            origin = in.originOf(pos);
        origin.end = std::max(origin.end, in.originOf(pos).end);
        chunk.append(static_cast<UChar32>(c));
    }
    if (!chunk.isEmpty())
        flush();
    return out;
}

// The library's Strip: White_Space characters off the ends; the others keep their origins.
NormalizedText strip(const NormalizedText& in, bool left, bool right)
{
    const std::string& text = in.text();
    std::vector<NormalizedText::Change> kept;
    std::size_t length = 0, leading = 0, trailing = 0;
    bool inside = false;
    for (std::size_t pos = 0; pos < text.size(); pos += length) {
        const char32_t c = unicode::decode(text, pos, length);
        const bool space = unicode::isWhiteSpace(c);
        if (!inside && space && left) {
            ++leading;
            continue;
        }
        inside = true;
        kept.push_back({c, 0});
        trailing = space ? trailing + 1 : 0;
    }
    if (!right)
        trailing = 0;
    kept.resize(kept.size() - trailing);
    if (leading == 0 && trailing == 0)
        return in;
    NormalizedText out = in;
    out.transformRange(0, out.size(), kept, leading);
    return out;
}

const icu::Normalizer2& form(NormalizerStep::Kind kind)
{
    UErrorCode status = U_ZERO_ERROR;
    switch (kind) {
    case NormalizerStep::Kind::Nfc:
        return *icu::Normalizer2::getNFCInstance(status);
    case NormalizerStep::Kind::Nfkc:
        return *icu::Normalizer2::getNFKCInstance(status);
    case NormalizerStep::Kind::Nfkd:
        return *icu::Normalizer2::getNFKDInstance(status);
    default:
        return *icu::Normalizer2::getNFDInstance(status);
    }
}

// \w (Unicode): letters, marks, decimal numbers, connector punctuation.
bool isWordChar(char32_t c)
{
    return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_ALPHABETIC) ||
           (U_GET_GC_MASK(static_cast<UChar32>(c)) & (U_GC_M_MASK | U_GC_ND_MASK | U_GC_PC_MASK));
}

// Splits [span) into runs; class 0 = separator (dropped), others kept, a new run per change.
void splitRuns(std::string_view text, ByteSpan span, std::vector<ByteSpan>& out,
               const std::function<int(char32_t)>& classOf)
{
    std::size_t length = 0, start = span.begin;
    int current = 0;
    for (std::size_t pos = span.begin; pos < span.end; pos += length) {
        const int kind = classOf(unicode::decode(text, pos, length));
        if (kind != current && current != 0)
            out.push_back({start, pos});
        if (kind != current)
            start = pos;
        current = kind;
    }
    if (current != 0)
        out.push_back({start, span.end});
}

// Rewrites @p text with @p rewrite (which reports old -> new positions) and moves the spans.
void rewrite(NormalizedText& text, std::vector<ByteSpan>& words,
             const std::function<NormalizedText(std::vector<std::size_t>&)>& rewriteText)
{
    std::vector<std::size_t> moved(text.size() + 1, 0);
    NormalizedText result = rewriteText(moved);
    for (ByteSpan& word : words)
        word = {moved[word.begin], moved[word.end]};
    text = std::move(result);
}

void metaspace(NormalizedText& text, std::vector<ByteSpan>& words, const PreTokenizerStep& step)
{
    rewrite(text, words, [&](std::vector<std::size_t>& moved) {
        NormalizedText out;
        const std::string& s = text.text();
        // The library replaces spaces first, then prepends unless the text starts with one.
        if (step.addPrefixSpace && !s.empty() && s[0] != ' ' &&
            s.compare(0, step.replacement.size(), step.replacement) != 0)
            out.append(step.replacement, text.originOf(0).begin, text.originOf(0).end);
        for (std::size_t pos = 0; pos < s.size(); ++pos) {
            moved[pos] = pos == 0 ? 0 : out.size();
            const ByteSpan origin = text.originOf(pos);
            if (s[pos] == ' ')
                out.append(step.replacement, origin.begin, origin.end);
            else
                out.push(s[pos], origin.begin, origin.end);
        }
        moved[s.size()] = out.size();
        return out;
    });
    if (!step.split)
        return;
    std::vector<ByteSpan> split;
    for (const ByteSpan& word : words) {
        std::size_t start = word.begin;
        for (std::size_t pos = word.begin + 1; pos < word.end; ++pos)
            if (text.text().compare(pos, step.replacement.size(), step.replacement) == 0) {
                split.push_back({start, pos});
                start = pos;
            }
        split.push_back({start, word.end});
    }
    words = std::move(split);
}

void byteLevel(NormalizedText& text, std::vector<ByteSpan>& words, const PreTokenizerStep& step)
{
    if (step.addPrefixSpace && !text.empty() && text.text()[0] != ' ')
        rewrite(text, words, [&](std::vector<std::size_t>& moved) {
            NormalizedText out;
            out.push(' ', text.originOf(0).begin, text.originOf(0).end);
            for (std::size_t pos = 0; pos < text.size(); ++pos) {
                moved[pos] = pos == 0 ? 0 : pos + 1;
                out.push(text.text()[pos], text.originOf(pos).begin, text.originOf(pos).end);
            }
            moved[text.size()] = text.size() + 1;
            return out;
        });
    if (!step.useRegex)
        return;
    std::vector<ByteSpan> split;
    for (const ByteSpan& word : words) {
        std::vector<ByteSpan> parts;
        Gpt2PreTokenizer::split(
            std::string_view(text.text()).substr(word.begin, word.end - word.begin), parts);
        for (const ByteSpan& part : parts)
            split.push_back({word.begin + part.begin, word.begin + part.end});
    }
    words = std::move(split);
}

} // namespace

NormalizedText normalize(const NormalizedText& text, const NormalizerStep& step)
{
    using Kind = NormalizerStep::Kind;
    switch (step.kind) {
    case Kind::Bert:
        return BertNormalizer(step.bert).normalize(text);
    case Kind::Lowercase:
        return mapCharacters(text,
                             [](char32_t c, std::u32string& out) { unicode::appendLower(out, c); });
    case Kind::Precompiled:
        return step.charsMap->normalize(text);
    case Kind::Replace:
        return step.replace->normalize(text);
    case Kind::Strip:
        return strip(text, step.stripLeft, step.stripRight);
    case Kind::StripAccents:
        return mapCharacters(text, [](char32_t c, std::u32string& out) {
            if (!unicode::isMark(c))
                out += c;
        });
    default:
        return unicodeForm(text, form(step.kind));
    }
}

void preTokenize(NormalizedText& text, std::vector<ByteSpan>& words, const PreTokenizerStep& step)
{
    using Kind = PreTokenizerStep::Kind;
    const std::string_view all = text.text();
    std::vector<ByteSpan> split;
    switch (step.kind) {
    case Kind::ByteLevel:
        return byteLevel(text, words, step);
    case Kind::Metaspace:
        return metaspace(text, words, step);
    case Kind::Bert:
        for (const ByteSpan& word : words) {
            std::vector<ByteSpan> parts;
            BertPreTokenizer::split(all.substr(word.begin, word.end - word.begin), parts);
            for (const ByteSpan& part : parts)
                split.push_back({word.begin + part.begin, word.begin + part.end});
        }
        break;
    case Kind::WhitespaceSplit:
        for (const ByteSpan& word : words)
            splitRuns(all, word, split,
                      [](char32_t c) { return unicode::isWhiteSpace(c) ? 0 : 1; });
        break;
    case Kind::Whitespace:
        for (const ByteSpan& word : words)
            splitRuns(all, word, split, [](char32_t c) {
                return unicode::isWhiteSpace(c) ? 0 : isWordChar(c) ? 1 : 2;
            });
        break;
    }
    words = std::move(split);
}

} // namespace domaintune::pipeline
