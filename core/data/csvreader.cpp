#include "core/data/csvreader.h"

#include "core/data/delimitersniffer.h"

namespace domaintune {
namespace {

// Parses @p line into @p record's fields, continuing an open quoted field; returns true
// while a quoted field is still open at the end of the line.
bool parseLine(const std::string& line, char delimiter, Record& record, bool inQuotes,
               bool& fieldStarted)
{
    std::vector<std::string>& values = record.values;
    if (values.empty())
        values.emplace_back();
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (inQuotes) {
            if (c != '"') {
                values.back() += c;
            } else if (i + 1 < line.size() && line[i + 1] == '"') {
                values.back() += '"';
                ++i;
            } else {
                inQuotes = false;
            }
        } else if (c == delimiter) {
            values.emplace_back();
            fieldStarted = false;
            continue;
        } else if (c == '"' && !fieldStarted && values.back().empty()) {
            inQuotes = true;
        } else {
            values.back() += c;
        }
        fieldStarted = true;
    }
    return inQuotes;
}

std::vector<std::string> numberedColumns(std::size_t count)
{
    std::vector<std::string> names;
    for (std::size_t i = 1; i <= count; ++i)
        names.push_back("column" + std::to_string(i));
    return names;
}

} // namespace

CsvReader::CsvReader(DecodedFile& file, char delimiter, int hasHeader) : m_file(file)
{
    std::vector<std::string> lines;
    std::string line;
    while (m_pending.size() < 50 && m_file.nextLine(line))
        m_pending.emplace_back(line, m_file.lineNumber());
    for (const auto& pending : m_pending)
        lines.push_back(pending.first);
    m_delimiter = delimiter != 0 ? delimiter : sniffDelimiter(lines);
    Record first;
    if (!parseRecord(first))
        return;
    m_hasHeader =
        hasHeader >= 0 ? hasHeader == 1 : looksLikeHeader(first.values, lines, m_delimiter);
    if (m_hasHeader) {
        m_columns = first.values;
        return;
    }
    m_columns = numberedColumns(first.values.size());
    m_first = std::move(first);
}

bool CsvReader::nextLine(std::string& line, std::int64_t& number)
{
    if (!m_pending.empty()) {
        line = std::move(m_pending.front().first);
        number = m_pending.front().second;
        m_pending.pop_front();
        return true;
    }
    if (!m_file.nextLine(line))
        return false;
    number = m_file.lineNumber();
    return true;
}

// Reads lines until a record is complete. On an unterminated quote, reports it and pushes the
// lines after the opening one back, so parsing resumes right after the bad line.
bool CsvReader::parseRecord(Record& record)
{
    std::vector<std::pair<std::string, std::int64_t>> lines;
    std::string line;
    std::int64_t number = 0;
    for (;;) {
        record.values.clear();
        lines.clear();
        if (!nextLine(line, number))
            return false;
        if (line.empty())
            continue; // blank lines between records carry nothing
        record.line = number;
        bool fieldStarted = false;
        bool open = parseLine(line, m_delimiter, record, false, fieldStarted);
        lines.emplace_back(std::move(line), number);
        while (open && lines.size() < maxRecordLines() && nextLine(line, number)) {
            record.values.back() += '\n';
            open = parseLine(line, m_delimiter, record, true, fieldStarted);
            lines.emplace_back(std::move(line), number);
        }
        if (!open)
            return true;
        giveUpRecord(lines);
    }
}

void CsvReader::giveUpRecord(std::vector<std::pair<std::string, std::int64_t>>& lines)
{
    const std::int64_t start = lines.front().second;
    for (std::size_t i = lines.size(); i-- > 1;)
        m_pending.emplace_front(std::move(lines[i]));
    m_file.context().report().skipRecord(
        {m_file.path(), start,
         "a quoted field opens here and is never closed (" + std::to_string(lines.size()) +
             " line(s) read looking for the closing quote)",
         "Close the quote, or double a quote meant literally (\"\")."});
}

bool CsvReader::next(Record& record)
{
    if (m_first) {
        record = std::move(*m_first);
        m_first.reset();
    } else if (!parseRecord(record)) {
        return false;
    }
    while (record.values.size() != m_columns.size()) {
        m_file.context().report().skipRecord(
            {m_file.path(), record.line,
             "expected " + std::to_string(m_columns.size()) + " fields, found " +
                 std::to_string(record.values.size()),
             "Quote fields that contain the delimiter, or fix the row."});
        if (!parseRecord(record))
            return false;
    }
    return true;
}

} // namespace domaintune
