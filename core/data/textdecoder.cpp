#include "core/data/textdecoder.h"

#include "core/common/error.h"
#include "core/text/unicodeutil.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucnv_err.h>

namespace domaintune {
namespace {

struct CallbackContext
{
    std::vector<std::size_t>* marks;
    const char16_t* bufferStart;
};

// Replaces each bad sequence by U+FFFD and remembers where in the output it went.
void replaceAndMark(const void* context, UConverterToUnicodeArgs* args, const char*, int32_t,
                    UConverterCallbackReason reason, UErrorCode* status)
{
    if (reason > UCNV_IRREGULAR)
        return; // reset/close/clone: nothing to substitute
    const auto* ctx = static_cast<const CallbackContext*>(context);
    ctx->marks->push_back(static_cast<std::size_t>(reinterpret_cast<const char16_t*>(args->target) -
                                                   ctx->bufferStart));
    *status = U_ZERO_ERROR;
    const UChar replacement = 0xFFFD;
    ucnv_cbToUWriteUChars(args, &replacement, 1, 0, status);
}

UConverter* openConverter(const std::string& encoding)
{
    UErrorCode status = U_ZERO_ERROR;
    UConverter* converter = ucnv_open(encoding.c_str(), &status);
    if (U_FAILURE(status) || converter == nullptr)
        throw Error("Unknown text encoding \"" + encoding +
                    "\". Use an IANA/ICU name such as UTF-8, GB18030 or ISO-8859-1.");
    return converter;
}

bool validUtf8(std::string_view text)
{
    for (std::size_t pos = 0; pos < text.size();) {
        if (static_cast<unsigned char>(text[pos]) < 0x80) {
            ++pos;
            continue;
        }
        std::size_t length = 1;
        if (unicode::decode(text, pos, length) == unicode::kReplacementCharacter && length == 1)
            return false;
        pos += length;
    }
    return true;
}

} // namespace

TextDecoder::TextDecoder(const std::string& encoding, const std::string& fallback)
    : m_encoding(encoding), m_converter(openConverter(encoding)), m_fallbackName(fallback)
{
    if (!fallback.empty())
        m_fallback = openConverter(fallback);
}

TextDecoder::~TextDecoder()
{
    ucnv_close(m_converter);
    if (m_fallback)
        ucnv_close(m_fallback);
}

void TextDecoder::decode(const char* data, std::size_t size, bool flush, std::string& out)
{
    if (m_fallback)
        decodeLines(data, size, flush, out);
    else
        convert(m_converter, m_encoding, data, size, flush, out);
}

void TextDecoder::convert(UConverter* converter, const std::string& name, const char* data,
                          std::size_t size, bool flush, std::string& out)
{
    m_buffer.resize(size * 2 + 64);
    m_marks.clear();
    CallbackContext context{&m_marks, m_buffer.data()};
    UErrorCode status = U_ZERO_ERROR;
    ucnv_setToUCallBack(converter, &replaceAndMark, &context, nullptr, nullptr, &status);
    UChar* target = reinterpret_cast<UChar*>(m_buffer.data());
    const char* source = data;
    ucnv_toUnicode(converter, &target, target + m_buffer.size(), &source, data + size, nullptr,
                   flush, &status);
    if (U_FAILURE(status))
        throw Error("Cannot convert the text from " + name + ": " + u_errorName(status));
    const std::size_t length =
        static_cast<std::size_t>(reinterpret_cast<char16_t*>(target) - m_buffer.data());
    appendUtf8(m_buffer, length, out);
}

void TextDecoder::decodeLines(const char* data, std::size_t size, bool flush, std::string& out)
{
    m_pending.append(data, size);
    std::size_t start = 0;
    while (start < m_pending.size()) {
        std::size_t end = m_pending.find('\n', start);
        if (end == std::string::npos) {
            if (!flush)
                break; // wait for the rest of the line
            end = m_pending.size() - 1;
        }
        const std::string_view line(m_pending.data() + start, end + 1 - start);
        if (validUtf8(line)) {
            out.append(line);
            if (line.back() == '\n')
                ++m_line;
        } else {
            m_fallbackLines.push_back(m_line);
            ucnv_reset(m_fallback);
            convert(m_fallback, m_fallbackName, line.data(), line.size(), true, out);
        }
        start = end + 1;
    }
    m_pending.erase(0, start);
}

std::vector<std::int64_t> TextDecoder::takeFallbackLines()
{
    std::vector<std::int64_t> taken;
    taken.swap(m_fallbackLines);
    return taken;
}

void TextDecoder::appendUtf8(const std::u16string& units, std::size_t length, std::string& out)
{
    std::size_t mark = 0;
    for (std::size_t i = 0; i < length; ++i) {
        while (mark < m_marks.size() && m_marks[mark] == i) {
            if (m_replacements.empty() || m_replacements.back().line != m_line)
                m_replacements.push_back({m_line, 0});
            ++m_replacements.back().count;
            ++mark;
        }
        char32_t c = units[i];
        if (c < 0x80) {
            out += static_cast<char>(c);
            if (c == '\n')
                ++m_line;
            continue;
        }
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < length && units[i + 1] >= 0xDC00 &&
            units[i + 1] <= 0xDFFF) {
            c = 0x10000 + ((c - 0xD800) << 10) + (units[i + 1] - 0xDC00);
            ++i;
        } else if (c >= 0xD800 && c <= 0xDFFF) {
            c = 0xFFFD;
        }
        if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
        } else if (c < 0x10000) {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        }
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

std::vector<TextDecoder::Replacement> TextDecoder::takeReplacements()
{
    std::vector<Replacement> taken;
    taken.swap(m_replacements);
    return taken;
}

} // namespace domaintune
