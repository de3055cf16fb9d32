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
    if (!article.is_object())
        return nlohmann::json::array();
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
    example.textPair = context;
    example.source = path;
    // Every field is checked for its type: a number or a list where text belongs is reported,
    // not thrown out of the reader.
    const auto skip = [&](const std::string& what, const std::string& hint) {
        m_context.report().skipRecord({path, 0, what, hint});
        return false;
    };
    if (!qa.is_object())
        return skip("a \"qas\" entry is not an object", "Each question is {\"id\", \"question\", "
                                                        "\"answers\"}.");
    if (qa.contains("id"))
        example.id = qa["id"].is_string() ? qa["id"].get<std::string>() : qa["id"].dump();
    const auto question = qa.find("question");
    if (question == qa.end() || !question->is_string())
        return skip("question " + example.id + ": \"question\" is not text",
                    "Give each question as a string.");
    example.text = question->get<std::string>();
    const auto answers = qa.find("answers");
    if (answers != qa.end() && !answers->is_array())
        return skip("question " + example.id + ": \"answers\" is not a list",
                    "Give the answers as [{\"text\", \"answer_start\"}] ([] for none).");
    for (const nlohmann::json& answer : answers == qa.end() ? nlohmann::json::array() : *answers) {
        const bool valid = answer.is_object() && answer.contains("text") &&
                           answer["text"].is_string() && answer.contains("answer_start") &&
                           answer["answer_start"].is_number_integer();
        if (!valid)
            return skip("question " + example.id +
                            ": an answer is not {\"text\": string, \"answer_start\": integer}",
                        "Fix the answer's fields.");
        Answer span{
            answer["text"].get<std::string>(),
            unicode::byteOffsetOfCharacter(context, answer["answer_start"].get<std::int64_t>())};
        if (span.start < 0 ||
            context.compare(static_cast<std::size_t>(span.start), span.text.size(), span.text) != 0)
            return skip("question " + example.id + ": answer \"" + span.text +
                            "\" is not at its answer_start in the context",
                        "Fix answer_start (it counts characters, not bytes).");
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
            const bool object = paragraph.is_object();
            const std::string context =
                object && paragraph.contains("context") && paragraph["context"].is_string()
                    ? paragraph["context"].get<std::string>()
                    : std::string();
            const nlohmann::json qas =
                object && paragraph.contains("qas") && paragraph["qas"].is_array()
                    ? paragraph["qas"]
                    : nlohmann::json::array();
            for (const nlohmann::json& qa : qas) {
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
