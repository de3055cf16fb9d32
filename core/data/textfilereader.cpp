#include "core/data/textfilereader.h"

#include "core/data/decodedfile.h"

#include <algorithm>
#include <filesystem>

namespace domaintune {
namespace {

bool isTextExtension(const std::filesystem::path& path)
{
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension == ".txt" || extension == ".md" || extension == ".markdown" ||
           extension == ".text";
}

bool isBlank(const std::string& line)
{
    return line.find_first_not_of(" \t") == std::string::npos;
}

} // namespace

TextFileReader::TextFileReader(ImportContext& context) : m_context(context) {}

std::vector<std::string> TextFileReader::textFiles(const std::string& folder)
{
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder))
        if (entry.is_regular_file() && isTextExtension(entry.path()))
            files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

bool TextFileReader::readFile(const std::string& file, const std::string& id,
                              const std::vector<std::string>& labels, SourceInfo& info,
                              const ExampleVisitor& visit)
{
    DecodedFile decoded(file, m_context);
    if (info.encoding.empty())
        info.encoding = decoded.encoding();
    const bool blocks = m_context.options().textUnit == TextUnit::Block;
    Example example;
    std::size_t block = 0;
    const auto deliver = [&]() {
        if (example.text.empty())
            return true;
        example.source = file;
        example.labels = labels;
        example.id = blocks ? id + "#" + std::to_string(++block) : id;
        m_context.report().countRecord();
        ++info.examples;
        const bool more = visit(example);
        example = Example();
        return more;
    };
    std::string line;
    while (decoded.nextLine(line)) {
        if (blocks && isBlank(line)) {
            if (!deliver())
                return false;
            continue;
        }
        if (example.text.empty())
            example.line = decoded.lineNumber();
        else
            example.text += '\n';
        example.text += line;
    }
    ++info.documents;
    return deliver() && !m_context.cancelled();
}

SourceInfo TextFileReader::read(const std::string& path, const ExampleVisitor& visit)
{
    SourceInfo info = SourceInfo::make(path, CorpusFormat::PlainText);
    info.columns = {"text"};
    if (!std::filesystem::is_directory(path)) {
        readFile(path, std::filesystem::path(path).filename().string(), {}, info, visit);
        return info;
    }
    for (const std::string& file : textFiles(path)) {
        const std::string id = std::filesystem::relative(file, path).string();
        if (!readFile(file, id, {}, info, visit))
            break;
    }
    return info;
}

} // namespace domaintune
