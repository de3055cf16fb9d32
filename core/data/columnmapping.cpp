#include "core/data/columnmapping.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <utility>

namespace domaintune {
namespace {

std::string lower(std::string text)
{
    for (char& c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

// The last path component, lower-cased ("meta.Text" -> "text").
std::string baseName(const std::string& column)
{
    const std::size_t dot = column.rfind('.');
    return lower(dot == std::string::npos ? column : column.substr(dot + 1));
}

std::string byName(const std::vector<std::string>& columns, const std::vector<std::string>& hints,
                   const std::set<std::string>& taken)
{
    for (const std::string& hint : hints)
        for (const std::string& column : columns)
            if (baseName(column) == hint && taken.count(column) == 0)
                return column;
    return {};
}

double averageLength(const std::vector<Record>& sample, std::size_t column)
{
    double total = 0;
    for (const Record& record : sample)
        if (column < record.values.size())
            total += static_cast<double>(record.values[column].size());
    return sample.empty() ? 0 : total / static_cast<double>(sample.size());
}

std::string longestColumn(const std::vector<std::string>& columns,
                          const std::vector<Record>& sample, const std::set<std::string>& taken)
{
    std::string best;
    double bestLength = -1;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const double length = averageLength(sample, i);
        if (taken.count(columns[i]) == 0 && length > bestLength) {
            best = columns[i];
            bestLength = length;
        }
    }
    return best;
}

std::string fewValuesColumn(const std::vector<std::string>& columns,
                            const std::vector<Record>& sample, const std::set<std::string>& taken)
{
    std::string best;
    double bestLength = 1e300;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        std::set<std::string> distinct;
        bool blanks = false;
        for (const Record& record : sample)
            if (i < record.values.size()) {
                distinct.insert(record.values[i]);
                blanks |= record.values[i].find_first_not_of(" \t") == std::string::npos;
            }
        const bool few = !blanks && distinct.size() >= 2 && distinct.size() <= 100 &&
                         distinct.size() * 2 <= sample.size();
        const double length = averageLength(sample, i);
        if (few && taken.count(columns[i]) == 0 && length < bestLength) {
            best = columns[i];
            bestLength = length;
        }
    }
    return best;
}

std::string pairFor(const std::string& text, const std::vector<std::string>& columns,
                    const std::set<std::string>& taken)
{
    static const std::vector<std::pair<std::string, std::string>> partners = {
        {"sentence1", "sentence2"},
        {"premise", "hypothesis"},
        {"text_a", "text_b"},
        {"question", "context"},
        {"question1", "question2"}};
    for (const auto& [first, second] : partners)
        if (baseName(text) == first)
            return byName(columns, {second}, taken);
    return {};
}

} // namespace

ColumnMapping guessColumnMapping(const std::vector<std::string>& columns,
                                 const std::vector<Record>& sample, const ColumnMapping& given)
{
    ColumnMapping mapping = given;
    std::set<std::string> taken;
    for (const std::string* set : {&given.text, &given.textPair, &given.label, &given.id,
                                   &given.split, &given.answer, &given.answerStart})
        if (!set->empty())
            taken.insert(*set);
    const auto fill = [&](std::string& field, std::string value) {
        if (field.empty() && !value.empty()) {
            field = std::move(value);
            taken.insert(field);
        }
    };
    fill(mapping.id, byName(columns, {"id", "uid", "guid", "idx"}, taken));
    const auto exact = [&](const std::vector<std::string>& names) {
        for (const std::string& name : names)
            for (const std::string& column : columns)
                if (lower(column) == name && taken.count(column) == 0)
                    return column;
        return std::string();
    };
    const std::string question = given.text.empty() ? exact({"question"}) : given.text;
    const std::string context = given.textPair.empty() ? exact({"context"}) : given.textPair;
    if (!question.empty() && !context.empty() && lower(question) == "question" &&
        lower(context) == "context") {
        fill(mapping.text, question);
        fill(mapping.textPair, context);
        fill(mapping.answer, exact({"answers.text", "answer", "answers", "answer_text"}));
        fill(mapping.answerStart, exact({"answers.answer_start", "answer_start"}));
        fill(mapping.split, byName(columns, {"split", "subset", "fold"}, taken));
        return mapping; // a question-answering file has no label column
    }
    fill(mapping.split, byName(columns, {"split", "subset", "fold", "part", "partition"}, taken));
    fill(mapping.label, byName(columns,
                               {"label", "labels", "class", "category", "sentiment", "target",
                                "department", "intent", "topic"},
                               taken));
    fill(mapping.text,
         byName(columns,
                {"text", "content", "sentence", "sentence1", "text_a", "premise", "document",
                 "body", "review", "question", "question1", "ask", "query", "title"},
                taken));
    fill(mapping.text, longestColumn(columns, sample, taken));
    if (given.textPair.empty())
        fill(mapping.textPair, pairFor(mapping.text, columns, taken));
    if (given.label.empty())
        fill(mapping.label, fewValuesColumn(columns, sample, taken));
    return mapping;
}

} // namespace domaintune
