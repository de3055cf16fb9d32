#include "core/data/conllreader.h"

#include "core/data/decodedfile.h"
#include "core/data/tagcounter.h"

namespace domaintune {
namespace {

std::vector<std::string> splitColumns(const std::string& line)
{
    std::vector<std::string> columns;
    const bool tabs = line.find('\t') != std::string::npos;
    std::size_t start = 0;
    while (start <= line.size()) {
        std::size_t end = tabs ? line.find('\t', start) : line.find(' ', start);
        if (end == std::string::npos)
            end = line.size();
        if (tabs || end > start)
            columns.push_back(line.substr(start, end - start));
        start = end + 1;
    }
    return columns;
}

bool isBlank(const std::string& line)
{
    return line.find_first_not_of(" \t") == std::string::npos;
}

// Collects one sentence's tokens and hands complete sentences on.
struct SentenceBuilder
{
    Example example;
    bool broken = false;
    std::size_t delivered = 0;
    TagCounter counter;

    bool finish(const ExampleVisitor& visit)
    {
        const bool keep = !example.tokens.empty() && !broken;
        bool more = true;
        if (keep) {
            counter.add(example.tags);
            for (const std::string& token : example.tokens)
                example.text += (example.text.empty() ? "" : " ") + token;
            ++delivered;
            more = visit(example);
        }
        const std::string source = example.source;
        example = Example();
        example.source = source;
        broken = false;
        return more;
    }
};

} // namespace

ConllReader::ConllReader(ImportContext& context) : m_context(context) {}

SourceInfo ConllReader::read(const std::string& path, const ExampleVisitor& visit)
{
    DecodedFile file(path, m_context);
    SourceInfo info = SourceInfo::make(path, CorpusFormat::Conll, file.encoding());
    SentenceBuilder sentence;
    sentence.example.source = path;
    std::string line;
    std::size_t width = 0;
    bool more = true;
    while (more && file.nextLine(line)) {
        if (isBlank(line)) {
            more = sentence.finish(visit);
            continue;
        }
        const std::vector<std::string> columns = splitColumns(line);
        if (columns[0] == "-DOCSTART-") {
            ++info.documents;
            more = sentence.finish(visit);
            continue;
        }
        if (width == 0)
            width = columns.size();
        const int tagColumn = m_context.options().conllTagColumn;
        const std::size_t tag = tagColumn < 0 ? width - static_cast<std::size_t>(-tagColumn)
                                              : static_cast<std::size_t>(tagColumn);
        if (columns.size() != width || width < 2 || tag >= width || tag == 0) {
            if (!sentence.broken)
                m_context.report().skipRecord(
                    {path, file.lineNumber(),
                     "expected " + std::to_string(width) + " columns (token ... tag), found " +
                         std::to_string(columns.size()) + "; the sentence is skipped",
                     "Fix the line, or check --tag-column and the column separator."});
            sentence.broken = true;
            continue;
        }
        if (sentence.example.tokens.empty())
            sentence.example.line = file.lineNumber();
        sentence.example.tokens.push_back(columns[0]);
        sentence.example.tags.push_back(columns[tag]);
    }
    if (more)
        sentence.finish(visit);
    info.examples = sentence.delivered;
    info.tagScheme = sentence.counter.scheme();
    info.entityTypes = sentence.counter.entities();
    for (std::size_t i = 0; i < width; ++i)
        info.columns.push_back(i == 0           ? "token"
                               : i + 1 == width ? "tag"
                                                : "column" + std::to_string(i + 1));
    return info;
}

} // namespace domaintune
