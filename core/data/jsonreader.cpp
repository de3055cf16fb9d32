#include "core/data/jsonreader.h"

#include "core/common/boundedjson.h"
#include "core/common/error.h"
#include "core/data/decodedfile.h"
#include "core/data/labelmap.h"
#include "core/data/recordmapper.h"
#include "core/data/recordstream.h"

#include <algorithm>
#include <deque>
#include <map>
#include <nlohmann/json.hpp>

namespace domaintune {
namespace {

using Flat = std::vector<std::pair<std::string, std::string>>;

std::string scalarText(const nlohmann::json& value)
{
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_null())
        return {};
    return value.dump();
}

void flatten(const nlohmann::json& value, const std::string& path, Flat& out)
{
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it)
            flatten(it.value(), path.empty() ? it.key() : path + "." + it.key(), out);
        return;
    }
    if (value.is_array() && std::all_of(value.begin(), value.end(),
                                        [](const auto& item) { return item.is_primitive(); })) {
        std::string joined;
        for (std::size_t i = 0; i < value.size(); ++i)
            joined += (i == 0 ? "" : std::string(1, kListSeparator)) + scalarText(value[i]);
        out.emplace_back(path, joined);
        return;
    }
    out.emplace_back(path.empty() ? "text" : path,
                     value.is_array() ? value.dump() : scalarText(value));
}

Record toRecord(const Flat& flat, const std::vector<std::string>& columns, std::int64_t line)
{
    Record record;
    record.line = line;
    record.values.resize(columns.size());
    for (const auto& [path, text] : flat) {
        const auto at = std::find(columns.begin(), columns.end(), path);
        if (at != columns.end())
            record.values[static_cast<std::size_t>(at - columns.begin())] = text;
    }
    return record;
}

const nlohmann::json* recordArray(const nlohmann::json& document)
{
    if (document.is_array())
        return &document;
    for (const char* key : {"data", "records", "examples", "rows"})
        if (document.is_object() && document.contains(key) && document[key].is_array())
            return &document[key];
    return nullptr;
}

} // namespace

JsonReader::JsonReader(ImportContext& context) : m_context(context) {}

namespace {

// Pulls flattened records out of a JSONL stream or a parsed JSON array.
class FlatSource
{
public:
    FlatSource(DecodedFile& file, CorpusFormat format, ImportContext& context)
        : m_file(file), m_context(context), m_lines(format == CorpusFormat::Jsonl)
    {
        if (!m_lines)
            parseWhole();
    }

    bool next(Flat& flat, std::int64_t& line)
    {
        flat.clear();
        if (!m_lines) {
            if (m_array == nullptr || m_index >= m_array->size())
                return false;
            line = 0;
            flatten((*m_array)[m_index++], {}, flat);
            return true;
        }
        std::string text;
        while (m_file.nextLine(text)) {
            if (text.find_first_not_of(" \t") == std::string::npos)
                continue;
            line = m_file.lineNumber();
            try {
                const nlohmann::json record = parseBoundedJson(text);
                if (!record.is_object()) { // else "the label is empty" would hide why
                    m_context.report().skipRecord(
                        {m_file.path(), line,
                         std::string("the line is a JSON ") + record.type_name() +
                             ", not an object of fields",
                         "Write one JSON object per line, e.g. {\"text\": \"...\", "
                         "\"label\": \"...\"}."});
                    continue;
                }
                flatten(record, {}, flat);
                return true;
            } catch (const nlohmann::json::exception& e) {
                m_context.report().skipRecord({m_file.path(), line,
                                               std::string("not valid JSON: ") + e.what(),
                                               "Write one JSON object per line."});
            }
        }
        return false;
    }

private:
    void parseWhole()
    {
        std::string text, line;
        while (m_file.nextLine(line))
            text += line + '\n';
        try {
            m_document = parseBoundedJson(text);
        } catch (const nlohmann::json::exception& e) {
            m_context.report().add({m_file.path(), 0, std::string("not valid JSON: ") + e.what(),
                                    "Check the file with a JSON validator."});
            return;
        }
        m_array = recordArray(m_document);
        if (m_array == nullptr)
            m_context.report().add({m_file.path(), 0, "no array of records found",
                                    "Give an array of objects, or {\"data\": [...]}."});
    }

    DecodedFile& m_file;
    ImportContext& m_context;
    bool m_lines;
    nlohmann::json m_document;
    const nlohmann::json* m_array = nullptr;
    std::size_t m_index = 0;
};

} // namespace

SourceInfo JsonReader::read(const std::string& path, CorpusFormat format,
                            const ExampleVisitor& visit)
{
    DecodedFile file(path, m_context);
    SourceInfo info = SourceInfo::make(path, format, file.encoding());
    FlatSource source(file, format, m_context);
    std::vector<Flat> flats;
    std::vector<std::int64_t> lines;
    std::vector<std::string> columns;
    Flat flat;
    std::int64_t line = 0;
    while (flats.size() < kMappingSampleSize && source.next(flat, line)) {
        for (const auto& field : flat)
            if (std::find(columns.begin(), columns.end(), field.first) == columns.end())
                columns.push_back(field.first);
        flats.push_back(flat);
        lines.push_back(line);
    }
    std::deque<Record> sample;
    for (std::size_t i = 0; i < flats.size(); ++i)
        sample.push_back(toRecord(flats[i], columns, lines[i]));
    const RecordSource next = [&](Record& record) {
        if (!source.next(flat, line))
            return false;
        record = toRecord(flat, columns, line);
        return true;
    };
    mapRecords(columns, sample, next, m_context, info, visit);
    return info;
}

} // namespace domaintune
