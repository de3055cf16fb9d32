#pragma once

#include "core/data/importcontext.h"
#include "core/data/textdecoder.h"

#include <cstdint>
#include <fstream>
#include <memory>
#include <string>

namespace domaintune {

/**
 * A text file read line by line as UTF-8, whatever its encoding, in bounded memory (1 MiB
 * chunks). Detects the encoding unless the options name one, skips a byte-order mark, reports
 * replaced invalid bytes (file, line) and empty or binary files to the context's report, counts
 * progress and polls cancellation once per chunk.
 *
 * Not thread-safe: one reader per file.
 */
class DecodedFile
{
public:
    /** Opens @p path; throws domaintune::Error when it cannot be read. */
    DecodedFile(const std::string& path, ImportContext& context);

    /**
     * Sets @p line to the next line without its line break ("\n" or "\r\n"). Returns false at
     * the end, when the file is unusable (empty, binary) or when the import was cancelled.
     */
    bool nextLine(std::string& line);
    /** Returns the 1-based number of the line nextLine() returned last. */
    std::int64_t lineNumber() const { return m_lineNumber; }
    /** Returns the encoding in use (IANA/ICU name), empty for an unusable file. */
    const std::string& encoding() const { return m_encoding; }
    const std::string& path() const { return m_path; }
    ImportContext& context() { return m_context; }
    /** Returns false for an empty or binary file (already reported). */
    bool usable() const { return m_usable; }

private:
    void chooseEncoding();
    bool fill();
    void reportReplacements();

    std::string m_path;
    ImportContext& m_context;
    std::ifstream m_in;
    std::unique_ptr<TextDecoder> m_decoder;
    std::string m_encoding;
    std::string m_text;
    std::size_t m_pos = 0;
    std::string m_chunk;
    std::int64_t m_lineNumber = 0;
    bool m_usable = true;
    bool m_eof = false;
    /** The line end: '\n' (with an optional '\r' before it), or '\r' for files that have
     * no '\n' at all (classic Mac OS), decided from the first chunk. 0 until then. */
    char m_lineEnd = 0;
};

} // namespace domaintune
