#pragma once

#include "core/data/decodedfile.h"
#include "core/data/record.h"

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace domaintune {

/**
 * Reads delimited records (CSV, TSV, ...) from a DecodedFile, streaming: RFC 4180 quoting
 * ("" inside quotes, delimiters and line breaks inside quoted fields), delimiter sniffing
 * among , TAB ; | and header guessing unless told. Ragged rows and unterminated quotes go to
 * the report (skipped) or stop the import, as the policy says; after an unterminated quote the
 * reader resumes on the line after the opening one, so one stray quote costs one record.
 * Memory: the current record plus a few look-ahead lines.
 *
 * Not thread-safe: one reader per file.
 */
class CsvReader
{
public:
    /** @p delimiter 0 sniffs; @p hasHeader -1 guesses, 0 no, 1 yes. */
    CsvReader(DecodedFile& file, char delimiter, int hasHeader);

    /** Returns the column names: the header, or "column1", "column2", ... */
    const std::vector<std::string>& columns() const { return m_columns; }
    char delimiter() const { return m_delimiter; }
    bool hasHeader() const { return m_hasHeader; }

    /** Reads the next well-formed record into @p record; returns false at the end. */
    bool next(Record& record);

    /** Longest quoted field, in lines, before the quote counts as unterminated. */
    static constexpr std::size_t maxRecordLines() { return 20000; }

private:
    bool nextLine(std::string& line, std::int64_t& number);
    bool parseRecord(Record& record);
    void giveUpRecord(std::vector<std::pair<std::string, std::int64_t>>& lines);

    DecodedFile& m_file;
    char m_delimiter = ',';
    bool m_hasHeader = false;
    std::vector<std::string> m_columns;
    std::deque<std::pair<std::string, std::int64_t>> m_pending;
    std::optional<Record> m_first; // the first data record when there is no header
};

} // namespace domaintune
