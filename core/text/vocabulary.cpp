#include "core/text/vocabulary.h"

#include "core/common/boundedjson.h"
#include "core/common/error.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace domaintune {
namespace {

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path, 0, "cannot open the vocabulary file",
                    "Check that the model folder is complete and readable.");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

} // namespace

const std::string& Vocabulary::token(int id) const
{
    static const std::string empty;
    if (id < 0 || id >= size())
        return empty;
    return m_tokens[static_cast<std::size_t>(id)];
}

void Vocabulary::add(std::string_view token, int id, const std::string& source, std::int64_t line)
{
    if (id < 0)
        throw Error(source, line, "negative token id " + std::to_string(id),
                    "Ids in a vocabulary start at 0.");
    if (static_cast<std::size_t>(id) >= m_tokens.size()) {
        m_tokens.resize(static_cast<std::size_t>(id) + 1);
        m_used.resize(static_cast<std::size_t>(id) + 1);
    }
    if (m_used[static_cast<std::size_t>(id)])
        throw Error(source, line, "token id " + std::to_string(id) + " is used twice",
                    "Every token needs its own id; the file is damaged.");
    if (!m_ids.insert(token, id))
        throw Error(source, line,
                    "duplicate token '" + std::string(token) + "' (first as id " +
                        std::to_string(m_ids.find(token)) + ")",
                    "Remove the repeated line; a vocabulary lists every token once.");
    m_tokens[static_cast<std::size_t>(id)] = std::string(token);
    m_used[static_cast<std::size_t>(id)] = true;
}

Vocabulary Vocabulary::fromTextFile(const std::string& path)
{
    const std::string data = readFile(path);
    Vocabulary vocabulary;
    std::size_t start = 0;
    int id = 0;
    while (start < data.size()) {
        std::size_t end = data.find('\n', start);
        if (end == std::string::npos)
            end = data.size();
        std::string_view line(data.data() + start, end - start);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        vocabulary.add(line, id, path, id + 1);
        ++id;
        start = end + 1;
    }
    if (id == 0)
        throw Error(path, 0, "the vocabulary is empty", "Choose the model's vocab.txt.");
    return vocabulary;
}

Vocabulary Vocabulary::fromJsonFile(const std::string& path)
{
    const std::string data = readFile(path);
    nlohmann::json json;
    try {
        json = parseBoundedJson(data);
    } catch (const nlohmann::json::exception& e) {
        throw Error(path, 0, std::string("not valid JSON: ") + e.what(),
                    "Choose the model's vocab.json ({\"token\": id, ...}).");
    }
    if (!json.is_object() || json.empty())
        throw Error(path, 0, "expected a non-empty JSON object {\"token\": id, ...}",
                    "Choose the model's vocab.json.");
    Vocabulary vocabulary;
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (!it.value().is_number_integer())
            throw Error(path, 0, "the id of token '" + it.key() + "' is not an integer",
                        "Choose the model's vocab.json.");
        vocabulary.add(it.key(), it.value().get<int>(), path);
    }
    return vocabulary;
}

} // namespace domaintune
