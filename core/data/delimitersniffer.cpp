#include "core/data/delimitersniffer.h"

#include <algorithm>
#include <map>
#include <set>

namespace domaintune {
namespace {

// Field counts per record for one candidate delimiter (records may span lines inside quotes).
std::vector<int> fieldCounts(const std::vector<std::string>& lines, char delimiter)
{
    std::vector<int> counts;
    bool inQuotes = false;
    int fields = 1;
    for (const std::string& line : lines) {
        for (std::size_t i = 0; i < line.size(); ++i) {
            const char c = line[i];
            if (c == '"')
                inQuotes = !inQuotes;
            else if (c == delimiter && !inQuotes)
                ++fields;
        }
        if (!inQuotes) {
            if (!line.empty())
                counts.push_back(fields);
            fields = 1;
        }
    }
    return counts;
}

int score(const std::vector<int>& counts)
{
    std::map<int, int> frequency;
    for (int count : counts)
        ++frequency[count];
    int best = 0;
    for (const auto& [fields, times] : frequency)
        if (fields > 1)
            best = std::max(best, times);
    return best;
}

bool isNumber(const std::string& text)
{
    if (text.empty())
        return false;
    std::size_t digits = 0;
    for (char c : text) {
        if (c >= '0' && c <= '9')
            ++digits;
        else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E')
            return false;
    }
    return digits > 0;
}

} // namespace

char sniffDelimiter(const std::vector<std::string>& lines)
{
    char best = ',';
    int bestScore = 0;
    for (char candidate : {',', '\t', ';', '|'}) {
        const int candidateScore = score(fieldCounts(lines, candidate));
        if (candidateScore > bestScore) {
            best = candidate;
            bestScore = candidateScore;
        }
    }
    return best;
}

bool looksLikeHeader(const std::vector<std::string>& fields)
{
    std::set<std::string> seen;
    for (const std::string& field : fields) {
        if (field.empty() || field.size() > 64 || isNumber(field) || !seen.insert(field).second)
            return false;
    }
    return !fields.empty();
}

bool looksLikeHeader(const std::vector<std::string>& fields, const std::vector<std::string>& lines,
                     char delimiter)
{
    if (!looksLikeHeader(fields))
        return false;
    // A column name is not one of its column's values: "positive" in the first row of a
    // "sentence@label" file that says "positive" again below is data, not a header.
    for (std::size_t row = 1; row < lines.size(); ++row) {
        std::size_t column = 0, start = 0;
        const std::string& line = lines[row];
        while (column < fields.size()) {
            const std::size_t end = line.find(delimiter, start);
            const std::string value =
                line.substr(start, end == std::string::npos ? std::string::npos : end - start);
            if (value == fields[column] && value.size() <= 32)
                return false;
            if (end == std::string::npos)
                break;
            start = end + 1;
            ++column;
        }
    }
    return true;
}

} // namespace domaintune
