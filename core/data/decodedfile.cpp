#include "core/data/decodedfile.h"

#include "core/common/error.h"
#include "core/data/encodingdetector.h"

#include <cstring>

namespace domaintune {
namespace {

constexpr std::size_t kChunkBytes = 1u << 20;

std::size_t bomLengthFor(const std::string& encoding, const std::string& head)
{
    const auto starts = [&](const char* bom, std::size_t n) {
        return head.size() >= n && std::memcmp(head.data(), bom, n) == 0;
    };
    if (encoding == "UTF-8" && starts("\xEF\xBB\xBF", 3))
        return 3;
    if ((encoding == "UTF-16LE" && starts("\xFF\xFE", 2)) ||
        (encoding == "UTF-16BE" && starts("\xFE\xFF", 2)))
        return 2;
    return 0;
}

} // namespace

DecodedFile::DecodedFile(const std::string& path, ImportContext& context)
    : m_path(path), m_context(context), m_in(path, std::ios::binary)
{
    if (!m_in)
        throw Error(path, 0, "cannot open the file", "Check the path and its permissions.");
    m_in.seekg(0, std::ios::end);
    const std::streamoff size = m_in.tellg();
    m_in.seekg(0);
    if (size == 0) {
        m_usable = false;
        m_context.report().add({path, 0, "the file is empty (0 bytes)",
                                "Check that the export finished, or leave the file out."});
        return;
    }
    chooseEncoding();
}

void DecodedFile::chooseEncoding()
{
    std::string head(4, '\0');
    m_in.read(head.data(), 4);
    head.resize(static_cast<std::size_t>(m_in.gcount()));
    m_in.clear();
    std::size_t skip = 0;
    std::string fallback;
    if (m_context.options().encoding.empty()) {
        const EncodingGuess guess = detectFileEncoding(m_path);
        if (guess.binary) {
            m_usable = false;
            m_context.report().add({m_path, 0, "the file looks binary (it holds NUL bytes)",
                                    "Import a text export (CSV, JSON, CoNLL, plain text) "
                                    "instead, or name its encoding with --encoding."});
            return;
        }
        m_encoding = guess.name;
        fallback = guess.fallback;
        skip = guess.bomLength;
    } else {
        m_encoding = standardEncodingName(m_context.options().encoding);
        skip = bomLengthFor(m_encoding, head);
    }
    m_decoder = std::make_unique<TextDecoder>(m_encoding, fallback);
    m_in.seekg(static_cast<std::streamoff>(skip));
    m_context.advance(static_cast<std::int64_t>(skip));
}

bool DecodedFile::fill()
{
    if (m_eof || m_context.cancelled())
        return false;
    m_text.erase(0, m_pos);
    m_pos = 0;
    m_chunk.resize(kChunkBytes);
    m_in.read(m_chunk.data(), static_cast<std::streamsize>(m_chunk.size()));
    const std::size_t got = static_cast<std::size_t>(m_in.gcount());
    m_eof = got < kChunkBytes;
    m_decoder->decode(m_chunk.data(), got, m_eof, m_text);
    reportReplacements();
    return m_context.advance(static_cast<std::int64_t>(got));
}

void DecodedFile::reportReplacements()
{
    for (const std::int64_t line : m_decoder->takeFallbackLines())
        m_context.report().add(
            {m_path, line,
             "this line is not UTF-8 like the rest of the file; it was read as " +
                 m_decoder->fallback(),
             "Check its characters; re-save the file in one encoding (UTF-8 is best) to be "
             "sure."});
    for (const TextDecoder::Replacement& replacement : m_decoder->takeReplacements()) {
        m_context.report().addInvalidSequences(replacement.count);
        m_context.report().add(
            {m_path, replacement.line,
             std::to_string(replacement.count) + " byte sequence(s) invalid in " + m_encoding +
                 " were replaced by U+FFFD",
             "Re-save the file in one encoding (UTF-8 is best), or name the right one with "
             "--encoding."});
    }
}

bool DecodedFile::nextLine(std::string& line)
{
    if (!m_usable)
        return false;
    if (m_lineEnd == 0) {
        while (m_text.size() - m_pos < kChunkBytes && fill()) {
        }
        // CR alone ends lines only in a file without any '\n' (else a stray CR inside a line
        // of an LF or CRLF file would split it).
        const bool crOnly = m_text.find('\n', m_pos) == std::string::npos &&
                            m_text.find('\r', m_pos) != std::string::npos;
        m_lineEnd = crOnly ? '\r' : '\n';
    }
    for (;;) {
        const std::size_t newline = m_text.find(m_lineEnd, m_pos);
        if (newline != std::string::npos) {
            line.assign(m_text, m_pos, newline - m_pos);
            m_pos = newline + 1;
            break;
        }
        if (!fill()) {
            if (m_pos >= m_text.size() || m_context.cancelled())
                return false;
            line.assign(m_text, m_pos, std::string::npos);
            m_pos = m_text.size();
            break;
        }
    }
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    ++m_lineNumber;
    return true;
}

} // namespace domaintune
