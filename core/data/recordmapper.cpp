#include "core/data/recordmapper.h"

#include "core/common/error.h"
#include "core/text/unicodeutil.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace domaintune {
namespace {

std::vector<std::string> splitLabels(const std::string& value, const std::string& separator)
{
    std::vector<std::string> labels;
    const auto keep = [&](std::string label) {
        const std::size_t begin = label.find_first_not_of(" \t");
        const std::size_t end = label.find_last_not_of(" \t");
        if (begin != std::string::npos)
            labels.push_back(label.substr(begin, end - begin + 1));
    };
    if (separator.empty() && value.find(kListSeparator) == std::string::npos) {
        keep(value);
        return labels;
    }
    const std::string by = separator.empty() ? std::string(1, kListSeparator) : separator;
    std::string rest = value;
    std::replace(rest.begin(), rest.end(), kListSeparator, by[0]);
    for (std::size_t start = 0;;) {
        const std::size_t at = rest.find(by, start);
        keep(rest.substr(start, at == std::string::npos ? std::string::npos : at - start));
        if (at == std::string::npos)
            break;
        start = at + by.size();
    }
    return labels;
}

std::string joinColumns(const std::vector<std::string>& columns)
{
    std::string joined;
    for (const std::string& column : columns)
        joined += (joined.empty() ? "" : ", ") + column;
    return joined;
}

} // namespace

RecordMapper::RecordMapper(const std::vector<std::string>& columns, const ColumnMapping& mapping,
                           const LabelMap& labels, const std::string& file)
    : m_mapping(mapping), m_labels(labels), m_file(file)
{
    if (mapping.text.empty())
        throw Error(file, 0,
                    "no text column could be chosen (columns: " + joinColumns(columns) + ")",
                    "Name the text column (--text-column).");
    m_text = resolve(columns, mapping.text);
    m_pair = resolve(columns, mapping.textPair);
    m_label = resolve(columns, mapping.label);
    m_id = resolve(columns, mapping.id);
    m_split = resolve(columns, mapping.split);
    m_answer = resolve(columns, mapping.answer);
    m_answerStart = resolve(columns, mapping.answerStart);
    if (m_answer >= 0 && m_pair < 0)
        throw Error(file, 0, "an answer column (\"" + mapping.answer + "\") needs a context column",
                    "Name the context column (the second text).");
}

int RecordMapper::resolve(const std::vector<std::string>& columns, const std::string& name) const
{
    if (name.empty())
        return -1;
    const auto found = std::find(columns.begin(), columns.end(), name);
    if (found == columns.end())
        throw Error(m_file, 0,
                    "there is no column \"" + name + "\" (columns: " + joinColumns(columns) + ")",
                    "Use one of the columns listed.");
    return static_cast<int>(found - columns.begin());
}

bool RecordMapper::map(const Record& record, Example& example, ImportReport& report) const
{
    const auto field = [&](int column) -> const std::string& {
        static const std::string none;
        return column >= 0 && static_cast<std::size_t>(column) < record.values.size()
                   ? record.values[static_cast<std::size_t>(column)]
                   : none;
    };
    example = Example();
    example.text = field(m_text);
    example.textPair = field(m_pair);
    example.id = field(m_id);
    example.split = field(m_split);
    example.source = m_file;
    example.line = record.line;
    return mapLabels(record, example, report) && mapAnswers(record, example, report);
}

bool RecordMapper::mapAnswers(const Record& record, Example& example, ImportReport& report) const
{
    if (m_answer < 0)
        return true;
    const auto items = [&](int column) {
        std::vector<std::string> values;
        if (column < 0 || static_cast<std::size_t>(column) >= record.values.size())
            return values;
        const std::string& value = record.values[static_cast<std::size_t>(column)];
        for (std::size_t start = 0; !value.empty();) {
            const std::size_t at = value.find(kListSeparator, start);
            values.push_back(value.substr(start, at == std::string::npos ? at : at - start));
            if (at == std::string::npos)
                break;
            start = at + 1;
        }
        return values;
    };
    std::vector<std::string> texts = items(m_answer);
    std::vector<std::string> starts = items(m_answerStart);
    // SQuAD's own list of answer objects in one field: [{"text", "answer_start"}, ...].
    if (texts.size() == 1 && texts[0].rfind("[{", 0) == 0) {
        const auto list = nlohmann::json::parse(texts[0], nullptr, false);
        if (list.is_array()) {
            texts.clear();
            starts.clear();
            for (const auto& item : list) {
                texts.push_back(item.is_object() ? item.value("text", std::string()) : "");
                const auto start = item.is_object() ? item.value("answer_start", nlohmann::json())
                                                    : nlohmann::json();
                starts.push_back(start.is_number_integer() ? start.dump() : "");
            }
        }
    }
    const std::string& context = example.textPair;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        if (texts[i].empty())
            continue; // a blank answer: the question has none (SQuAD v2)
        std::int64_t start = -1;
        if (i < starts.size() && !starts[i].empty()) {
            char* end = nullptr;
            long long characters = std::strtoll(starts[i].c_str(), &end, 10);
            if (end != nullptr && *end == '.') {
                // "177.0": a whole number written as a float (pandas does, for a column with
                // gaps) counts.
                const double value = std::strtod(starts[i].c_str(), &end);
                if (end != nullptr && *end == '\0' && std::floor(value) == value && value >= 0)
                    characters = static_cast<long long>(value);
                else
                    end = nullptr;
            }
            if (end == nullptr || *end != '\0') {
                report.skipRecord({m_file, record.line,
                                   "answer_start \"" + starts[i] + "\" is not a number",
                                   "Give the answer's start in characters, or leave the column "
                                   "out to have the answer found in its context."});
                return false;
            }
            start = unicode::byteOffsetOfCharacter(context, characters);
        } else {
            const std::size_t at = context.find(texts[i]);
            start = at == std::string::npos ? -1 : static_cast<std::int64_t>(at);
        }
        if (start < 0 ||
            context.compare(static_cast<std::size_t>(start), texts[i].size(), texts[i]) != 0) {
            report.skipRecord(
                {m_file, record.line,
                 "the answer \"" + texts[i] + "\" is not " +
                     (i < starts.size() && !starts[i].empty() ? "at its answer_start in" : "in") +
                     " the context",
                 "Fix the answer or its start (it counts characters, not bytes)."});
            return false;
        }
        example.answers.push_back({texts[i], start});
    }
    return true;
}

bool RecordMapper::mapLabels(const Record& record, Example& example, ImportReport& report) const
{
    if (m_label < 0)
        return true;
    example.labels =
        splitLabels(record.values[static_cast<std::size_t>(m_label)], m_mapping.labelSeparator);
    if (example.labels.empty()) {
        report.skipRecord({m_file, record.line,
                           "the label (column \"" + m_mapping.label + "\") is empty",
                           "Fill in the label or drop the row; unlabelled rows cannot train a "
                           "classifier."});
        return false;
    }
    if (m_labels.empty())
        return true;
    for (std::string& label : example.labels) {
        const std::string* name = m_labels.find(label);
        if (name == nullptr) {
            report.skipRecord({m_file, record.line,
                               "label \"" + label + "\" is not named in " + m_labels.source(),
                               "Add it to the label file or fix the row."});
            return false;
        }
        label = *name;
    }
    return true;
}

} // namespace domaintune
