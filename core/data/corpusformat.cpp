#include "core/data/corpusformat.h"

#include "core/common/error.h"
#include "core/data/delimitersniffer.h"
#include "core/data/squadreader.h"
#include "core/data/textfilereader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <vector>

namespace domaintune {
namespace {

const std::vector<std::pair<CorpusFormat, const char*>>& names()
{
    static const std::vector<std::pair<CorpusFormat, const char*>> all = {
        {CorpusFormat::Auto, "auto"},
        {CorpusFormat::Csv, "csv"},
        {CorpusFormat::Json, "json"},
        {CorpusFormat::Jsonl, "jsonl"},
        {CorpusFormat::Squad, "squad"},
        {CorpusFormat::Conll, "conll"},
        {CorpusFormat::FolderPerLabel, "folder-per-label"},
        {CorpusFormat::PlainText, "text"}};
    return all;
}

std::string extensionOf(const std::string& path)
{
    std::string extension = std::filesystem::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension;
}

std::vector<std::string> firstLines(const std::string& path, std::size_t count)
{
    std::ifstream in(path, std::ios::binary);
    std::vector<std::string> lines;
    std::string line;
    while (lines.size() < count && std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        lines.push_back(line);
    }
    return lines;
}

bool looksLikeTag(const std::string& tag)
{
    if (tag == "O")
        return true;
    return tag.size() > 2 && (tag[1] == '-' || tag[1] == '_') &&
           std::string("BIESLU").find(tag[0]) != std::string::npos;
}

// Token lines (no spaces inside the token) with a tag-like column after the token.
bool looksLikeConll(const std::vector<std::string>& lines)
{
    std::size_t tokenLines = 0, tagged = 0;
    for (const std::string& line : lines) {
        if (line.find_first_not_of(" \t") == std::string::npos || line.rfind("-DOCSTART-", 0) == 0)
            continue;
        ++tokenLines;
        const char separator = line.find('\t') != std::string::npos ? '\t' : ' ';
        std::vector<std::string> columns;
        for (std::size_t start = 0, end = 0; end != std::string::npos; start = end + 1) {
            end = line.find(separator, start);
            columns.push_back(line.substr(start, end == std::string::npos ? end : end - start));
        }
        const bool tagColumn =
            std::any_of(columns.begin() + 1, columns.end(),
                        [](const std::string& column) { return looksLikeTag(column); });
        if (columns.size() >= 2 && columns.size() <= 12 && !columns[0].empty() && tagColumn)
            ++tagged;
    }
    return tokenLines > 0 && tagged * 10 >= tokenLines * 9;
}

CorpusFormat detectFolder(const std::string& path)
{
    for (const auto& entry : std::filesystem::directory_iterator(path))
        if (entry.is_regular_file() && entry.path().extension() == ".txt")
            return CorpusFormat::PlainText; // loose files: not folder-per-label
    for (const auto& entry : std::filesystem::directory_iterator(path)) {
        if (entry.is_directory() && !TextFileReader::textFiles(entry.path().string()).empty() &&
            extensionOf(TextFileReader::textFiles(entry.path().string()).front()) == ".txt")
            return CorpusFormat::FolderPerLabel;
    }
    return CorpusFormat::PlainText;
}

} // namespace

std::string corpusFormatName(CorpusFormat format)
{
    for (const auto& [value, name] : names())
        if (value == format)
            return name;
    return "auto";
}

CorpusFormat parseCorpusFormat(const std::string& name)
{
    std::string known;
    for (const auto& [value, text] : names()) {
        if (name == text)
            return value;
        known += (known.empty() ? "" : ", ") + std::string(text);
    }
    throw Error("Unknown corpus format \"" + name + "\". Use one of: " + known + ".");
}

CorpusFormat detectCorpusFormat(const std::string& path)
{
    if (!std::filesystem::exists(path))
        throw Error(path, 0, "no such file or folder", "Check the path.");
    if (std::filesystem::is_directory(path))
        return detectFolder(path);
    const std::string extension = extensionOf(path);
    if (extension == ".jsonl" || extension == ".ndjson")
        return CorpusFormat::Jsonl;
    if (extension == ".json") {
        std::ifstream in(path, std::ios::binary);
        const std::string text((std::istreambuf_iterator<char>(in)), {});
        return looksLikeSquad(text) ? CorpusFormat::Squad : CorpusFormat::Json;
    }
    if (extension == ".md" || extension == ".markdown")
        return CorpusFormat::PlainText;
    const std::vector<std::string> lines = firstLines(path, 200);
    if (looksLikeConll(lines))
        return CorpusFormat::Conll;
    if (extension == ".csv" || extension == ".tsv" || extension == ".psv")
        return CorpusFormat::Csv;
    const char delimiter = sniffDelimiter(lines);
    const std::size_t withDelimiter = static_cast<std::size_t>(
        std::count_if(lines.begin(), lines.end(), [&](const std::string& line) {
            return line.find(delimiter) != std::string::npos;
        }));
    return !lines.empty() && withDelimiter * 10 >= lines.size() * 9 ? CorpusFormat::Csv
                                                                    : CorpusFormat::PlainText;
}

} // namespace domaintune
