#include "core/data/squadreader.h"

#include "core/common/boundedjson.h"
#include "core/data/decodedfile.h"
#include "core/text/unicodeutil.h"

#include <nlohmann/json.hpp>

namespace domaintune {
namespace {

// Byte offset of code point @p characters in UTF-8 @p text (SQuAD offsets count characters).
bool hasSquadShape(const nlohmann::json& document)
{
    if (!document.is_object() || !document.contains("data") || !document["data"].is_array() ||
        document["data"].empty())
        return false;
    const nlohmann::json& first = document["data"][0];
    if (!first.is_object() || !first.contains("paragraphs"))
        return false;
    // SQuAD: a list of paragraphs; cpgQA: one paragraph object per article.
    const nlohmann::json& paragraphs = first["paragraphs"];
    return paragraphs.is_array() || (paragraphs.is_object() && paragraphs.contains("qas"));
}

/** An article's paragraphs as a list, whether written as a list or as one object. */
nlohmann::json paragraphsOf(const nlohmann::json& article)
{
    const nlohmann::json paragraphs = article.value("paragraphs", nlohmann::json());
    if (paragraphs.is_object())
        return nlohmann::json::array({paragraphs});
    return paragraphs.is_array() ? paragraphs : nlohmann::json::array();
}

} // namespace

bool looksLikeSquad(const std::string& jsonText)
{
    const nlohmann::json document = parseBoundedJsonOrDiscarded(jsonText);
    return !document.is_discarded() && hasSquadShape(document);
}

SquadReader::SquadReader(ImportContext& context) : m_context(context) {}

bool SquadReader::readQuestion(const std::string& path, const void* qaPointer,
                               const std::string& context, Example& example)
{
    const nlohmann::json& qa = *static_cast<const nlohmann::json*>(qaPointer);
    example = Example();
    example.text = qa.value("question", std::string());
    example.textPair = context;
    example.id = qa.contains("id") ? qa["id"].dump() : std::string();
    if (qa.contains("id") && qa["id"].is_string())
        example.id = qa["id"].get<std::string>();
    example.source = path;
    for (const nlohmann::json& answer : qa.value("answers", nlohmann::json::array())) {
        Answer span{answer.value("text", std::string()),
                    unicode::byteOffsetOfCharacter(context,
                                                   answer.value("answer_start", std::int64_t(-1)))};
        if (span.start < 0 || context.compare(static_cast<std::size_t>(span.start),
                                              span.text.size(), span.text) != 0) {
            m_context.report().skipRecord({path, 0,
                                           "question " + example.id + ": answer \"" + span.text +
                                               "\" is not at its answer_start in the context",
                                           "Fix answer_start (it counts characters, not bytes)."});
            return false;
        }
        example.answers.push_back(std::move(span));
    }
    return true;
}

SourceInfo SquadReader::read(const std::string& path, const ExampleVisitor& visit)
{
    DecodedFile file(path, m_context);
    SourceInfo info = SourceInfo::make(path, CorpusFormat::Squad, file.encoding());
    info.columns = {"question", "context", "answers", "id"};
    std::string text, line;
    while (file.nextLine(line))
        text += line + '\n';
    const nlohmann::json document = parseBoundedJsonOrDiscarded(text);
    if (document.is_discarded() || !hasSquadShape(document)) {
        m_context.report().add({path, 0, "not SQuAD-style JSON (data[].paragraphs[].qas)",
                                "Check the file, or import it as --format json."});
        return info;
    }
    Example example;
    for (const nlohmann::json& article : document["data"]) {
        ++info.documents;
        for (const nlohmann::json& paragraph : paragraphsOf(article)) {
            const std::string context = paragraph.value("context", std::string());
            for (const nlohmann::json& qa : paragraph.value("qas", nlohmann::json())) {
                m_context.report().countRecord();
                if (!readQuestion(path, &qa, context, example))
                    continue;
                ++info.examples;
                if (!visit(example))
                    return info;
            }
        }
    }
    return info;
}

} // namespace domaintune
