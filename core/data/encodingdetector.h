#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace domaintune {

/** The outcome of encoding detection. A plain value. */
struct EncodingGuess
{
    std::string name;          ///< IANA/ICU name, e.g. "UTF-8", "GB18030", "ISO-8859-1".
    int confidence = 0;        ///< 0..100 (100 for a BOM or clean UTF-8).
    std::size_t bomLength = 0; ///< Bytes of byte-order mark to skip.
    bool binary = false;       ///< NUL bytes without a UTF-16/32 pattern: not a text file.
    std::string reason;        ///< Why, in words ("byte-order mark", "ICU charset detector"...).
    /** Set when the lines mix encodings: name is "UTF-8" and the lines that are not valid
     * UTF-8 are read in this encoding instead (each one reported). */
    std::string fallback;
};

/**
 * Guesses the encoding of a file from @p head (its first bytes, for a byte-order mark, NUL
 * bytes and UTF-16 patterns) and @p sample (its lines that hold non-ASCII bytes; see
 * collectEncodingSample()).
 *
 * Order: BOM; UTF-16 without BOM (NUL pattern); binary (other NULs); pure ASCII or valid UTF-8
 * (also mostly-valid UTF-8 — at least four valid multi-byte sequences per invalid one — so a
 * UTF-8 file with a few stray latin-1 bytes is decoded as UTF-8 and the bad bytes reported);
 * lines that mix valid UTF-8 with lines in a legacy encoding: UTF-8, with the legacy encoding
 * (ICU's guess from those lines alone) as the per-line fallback; otherwise ICU's charset
 * detector (ucsdet). ICU's "windows-1252" is reported as "ISO-8859-1"
 * when the sample holds no byte in 0x80–0x9F: both decode such text identically, and latin-1 is
 * what the file is. Pure function; thread-safe.
 */
EncodingGuess detectEncoding(std::string_view head, std::string_view sample);

/**
 * Reads @p path and returns {head, sample}: the first 64 KiB, and up to 64 KiB of whole lines
 * holding non-ASCII bytes from anywhere in the first @p maxScanBytes (so a latin-1 byte on line
 * 4,000 is seen). Throws domaintune::Error when the file cannot be read. Thread-safe.
 */
std::pair<std::string, std::string> collectEncodingSample(const std::string& path,
                                                          std::size_t maxScanBytes = 64u << 20);

/** Detects the encoding of the file at @p path (collectEncodingSample() + detectEncoding()). */
EncodingGuess detectFileEncoding(const std::string& path);

/**
 * Returns the IANA name (ICU's MIME name, else ICU's canonical one) of the encoding the user
 * named, accepting ICU's aliases: "latin-1" -> "ISO-8859-1", "cp1252" -> "windows-1252",
 * "gbk" -> "GBK", "utf8" -> "UTF-8". Throws domaintune::Error for names ICU does not know.
 */
std::string standardEncodingName(const std::string& name);

} // namespace domaintune
