#include "core/data/encodingdetector.h"

#include "core/common/error.h"
#include "core/text/unicodeutil.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <memory>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <utility>

namespace domaintune {
namespace {

constexpr std::size_t kHeadBytes = 64u << 10;
constexpr std::size_t kSampleBytes = 64u << 10;

EncodingGuess fromBom(std::string_view head)
{
    const auto starts = [&](const char* bom, std::size_t n) {
        return head.size() >= n && std::memcmp(head.data(), bom, n) == 0;
    };
    if (starts("\xEF\xBB\xBF", 3))
        return {"UTF-8", 100, 3, false, "byte-order mark"};
    if (starts("\xFF\xFE\0\0", 4))
        return {"UTF-32LE", 100, 4, false, "byte-order mark"};
    if (starts("\0\0\xFE\xFF", 4))
        return {"UTF-32BE", 100, 4, false, "byte-order mark"};
    if (starts("\xFF\xFE", 2))
        return {"UTF-16LE", 100, 2, false, "byte-order mark"};
    if (starts("\xFE\xFF", 2))
        return {"UTF-16BE", 100, 2, false, "byte-order mark"};
    return {};
}

// UTF-16 text without a BOM has NULs at every other byte for ASCII-range characters.
EncodingGuess fromNulBytes(std::string_view head)
{
    std::size_t even = 0, odd = 0;
    for (std::size_t i = 0; i < head.size(); ++i)
        if (head[i] == '\0')
            ++((i % 2 == 0) ? even : odd);
    if (even + odd == 0)
        return {};
    const std::size_t half = head.size() / 2;
    if (odd * 10 > half * 7 && even * 10 <= half)
        return {"UTF-16LE", 80, 0, false, "NUL byte pattern"};
    if (even * 10 > half * 7 && odd * 10 <= half)
        return {"UTF-16BE", 80, 0, false, "NUL byte pattern"};
    EncodingGuess binary{"", 0, 0, true, "NUL bytes"};
    return binary;
}

struct Utf8Counts
{
    std::size_t multiByte = 0;
    std::size_t invalid = 0;
    bool hasC1 = false; // bytes 0x80..0x9F, read as single bytes
};

Utf8Counts countUtf8(std::string_view sample)
{
    Utf8Counts counts;
    for (std::size_t pos = 0; pos < sample.size();) {
        const unsigned char byte = static_cast<unsigned char>(sample[pos]);
        if (byte >= 0x80 && byte <= 0x9F)
            counts.hasC1 = true;
        if (byte < 0x80) {
            ++pos;
            continue;
        }
        std::size_t length = 1;
        const char32_t c = unicode::decode(sample, pos, length);
        if (c == unicode::kReplacementCharacter && length == 1)
            ++counts.invalid;
        else
            ++counts.multiByte;
        pos += length;
    }
    return counts;
}

EncodingGuess fromIcuDetector(std::string_view sample, bool hasC1)
{
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> detector(ucsdet_open(&status),
                                                                        &ucsdet_close);
    ucsdet_setText(detector.get(), sample.data(), static_cast<int32_t>(sample.size()), &status);
    const UCharsetMatch* match = ucsdet_detect(detector.get(), &status);
    if (U_FAILURE(status) || match == nullptr)
        return {"ISO-8859-1", 10, 0, false, "no confident guess; latin-1 keeps every byte"};
    std::string name = ucsdet_getName(match, &status);
    const int confidence = ucsdet_getConfidence(match, &status);
    if (name == "windows-1252" && !hasC1)
        name = "ISO-8859-1";
    // ICU's detector names text direction too ("IBM420_ltr", "IBM424_rtl"); its converters do
    // not know those names (found by fuzz_corpus).
    if (const auto suffix = name.rfind('_');
        suffix != std::string::npos &&
        (name.substr(suffix) == "_ltr" || name.substr(suffix) == "_rtl"))
        name.erase(suffix);
    try {
        return {standardEncodingName(name), confidence, 0, false, "ICU charset detector"};
    } catch (const Error&) {
        return {"ISO-8859-1", 10, 0, false,
                "ICU guessed " + name + ", which it cannot decode; latin-1 keeps every byte"};
    }
}

/**
 * Lines of valid UTF-8 (with non-ASCII characters) beside lines that are not: decoding it all
 * in one legacy encoding would turn the UTF-8 lines into mojibake without a word. Returns the
 * per-line guess, or an empty name when the sample is not mixed.
 */
EncodingGuess mixedLines(std::string_view sample)
{
    std::string legacy;
    bool utf8 = false;
    for (std::size_t pos = 0; pos < sample.size();) {
        std::size_t end = sample.find('\n', pos);
        if (end == std::string_view::npos)
            end = sample.size();
        const std::string_view line = sample.substr(pos, end - pos);
        const Utf8Counts counts = countUtf8(line);
        if (counts.invalid > 0)
            legacy.append(line).push_back('\n');
        else if (counts.multiByte > 0)
            utf8 = true;
        pos = end + 1;
    }
    if (!utf8 || legacy.empty())
        return {};
    const EncodingGuess other = fromIcuDetector(legacy, countUtf8(legacy).hasC1);
    if (other.name == "UTF-8")
        return {};
    EncodingGuess guess{"UTF-8", 60, 0, false,
                        "mixed: UTF-8 lines and " + other.name +
                            " lines (each line is read in its own encoding; the " + other.name +
                            " lines are reported)"};
    guess.fallback = other.name;
    return guess;
}

} // namespace

EncodingGuess detectEncoding(std::string_view head, std::string_view sample)
{
    EncodingGuess guess = fromBom(head);
    if (!guess.name.empty())
        return guess;
    guess = fromNulBytes(head);
    if (!guess.name.empty() || guess.binary)
        return guess;
    const Utf8Counts counts = countUtf8(sample);
    if (counts.multiByte == 0 && counts.invalid == 0)
        return {"UTF-8", 100, 0, false, "ASCII only"};
    if (counts.invalid == 0)
        return {"UTF-8", 100, 0, false, "valid UTF-8"};
    if (counts.multiByte >= 4 * counts.invalid)
        return {"UTF-8", 90, 0, false, "mostly valid UTF-8 (invalid bytes will be reported)"};
    if (auto mixed = mixedLines(sample); !mixed.name.empty())
        return mixed;
    return fromIcuDetector(sample, counts.hasC1);
}

namespace {

// Appends to @p sample every line of @p chunk that holds a byte >= 0x80.
void appendNonAsciiLines(std::string_view chunk, std::string& sample)
{
    std::size_t pos = 0;
    while (pos < chunk.size() && sample.size() < kSampleBytes) {
        const auto high = std::find_if(chunk.begin() + pos, chunk.end(), [](char c) {
            return static_cast<unsigned char>(c) >= 0x80;
        });
        if (high == chunk.end())
            return;
        const std::size_t at = static_cast<std::size_t>(high - chunk.begin());
        const std::size_t newline = chunk.rfind('\n', at);
        const std::size_t begin = newline == std::string_view::npos ? 0 : newline + 1;
        std::size_t end = chunk.find('\n', at);
        end = end == std::string_view::npos ? chunk.size() : end + 1;
        sample.append(chunk.substr(begin, end - begin));
        pos = end;
    }
}

} // namespace

std::pair<std::string, std::string> collectEncodingSample(const std::string& path,
                                                          std::size_t maxScanBytes)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path, 0, "cannot open the file", "Check the path and its permissions.");
    std::string head(kHeadBytes, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    std::string sample;
    std::string carry;
    appendNonAsciiLines(head.substr(0, head.rfind('\n') + 1), sample);
    if (head.rfind('\n') != std::string::npos)
        carry = head.substr(head.rfind('\n') + 1);
    else
        carry = head;
    std::string chunk(1u << 20, '\0');
    for (std::size_t scanned = head.size();
         in && scanned < maxScanBytes && sample.size() < kSampleBytes;) {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        const std::size_t got = static_cast<std::size_t>(in.gcount());
        scanned += got;
        std::string text = carry + chunk.substr(0, got);
        const std::size_t lastNewline = text.rfind('\n');
        const std::size_t cut =
            (lastNewline == std::string::npos || !in) ? text.size() : lastNewline + 1;
        appendNonAsciiLines(std::string_view(text).substr(0, cut), sample);
        carry = text.substr(cut);
        if (carry.size() > (1u << 20)) { // a file without line breaks: sample what we have
            appendNonAsciiLines(carry, sample);
            carry.clear();
        }
    }
    if (!carry.empty() && sample.size() < kSampleBytes)
        appendNonAsciiLines(carry, sample);
    return {std::move(head), std::move(sample)};
}

EncodingGuess detectFileEncoding(const std::string& path)
{
    const auto [head, sample] = collectEncodingSample(path);
    return detectEncoding(head, sample);
}

std::string standardEncodingName(const std::string& name)
{
    UErrorCode status = U_ZERO_ERROR;
    UConverter* converter = ucnv_open(name.c_str(), &status);
    if (U_FAILURE(status) || converter == nullptr)
        throw Error("Unknown text encoding \"" + name +
                    "\". Use an IANA/ICU name such as UTF-8, UTF-16LE, GB18030, GBK, Big5, "
                    "ISO-8859-1, windows-1252 or Shift_JIS.");
    const std::string icuName = ucnv_getName(converter, &status);
    ucnv_close(converter);
    for (const char* standard : {"MIME", "IANA"}) {
        status = U_ZERO_ERROR;
        const char* standardName = ucnv_getStandardName(icuName.c_str(), standard, &status);
        if (U_SUCCESS(status) && standardName != nullptr)
            return standardName;
    }
    return icuName;
}

} // namespace domaintune
