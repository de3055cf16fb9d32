#include "commands.h"
#include "core/common/boundedjson.h"
#include "core/common/error.h"
#include "core/text/tokenizerfactory.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

namespace domaintune::cli {
namespace {

// One JSONL line: a JSON string, or an object with a string "text".
std::string textOfLine(const std::string& line, const std::string& file, std::int64_t number)
{
    nlohmann::json json;
    try {
        json = parseBoundedJson(line);
    } catch (const nlohmann::json::exception& e) {
        throw Error(file, number, std::string("not valid JSON (") + e.what() + ")",
                    "Write one JSON string or {\"text\": ...} object per line.");
    }
    if (json.is_string())
        return json.get<std::string>();
    if (json.is_object() && json.contains("text") && json["text"].is_string())
        return json["text"].get<std::string>();
    if (json.is_object())
        throw Error(file, number, "the object has no string field \"text\"",
                    "Write one JSON string or {\"text\": ...} object per line.");
    throw Error(file, number,
                "expected a JSON string or an object, got " + std::string(json.type_name()),
                "Write one JSON string or {\"text\": ...} object per line.");
}

std::vector<std::string> readTexts(const std::string& file)
{
    std::error_code error;
    if (std::filesystem::is_directory(file, error))
        throw Error(file, 0, "is a folder, not a file of texts",
                    "Give --input a JSONL file (one {\"text\": ...} per line) or a text file.");
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw Error(file, 0, "cannot open the input file", "Check the path given to --input.");
    std::vector<std::string> texts;
    std::string line;
    for (std::int64_t number = 1; std::getline(in, line); ++number) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos)
            continue;
        texts.push_back(textOfLine(line, file, number));
    }
    return texts;
}

void printEncoding(const Encoding& encoding)
{
    nlohmann::ordered_json offsets = nlohmann::ordered_json::array();
    for (const ByteSpan& span : encoding.offsets)
        offsets.push_back({span.begin, span.end});
    const nlohmann::ordered_json out = {
        {"ids", encoding.ids}, {"tokens", encoding.tokens}, {"offsets", std::move(offsets)}};
    std::cout << out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

} // namespace

int runTokenize(CommandLine& commandLine)
{
    commandLine.allowOnly({"model", "text", "input"}, {"no-special-tokens"});
    if (commandLine.has("text") == commandLine.has("input"))
        throw Error("Give exactly one of --text TEXT or --input FILE.jsonl; see --help.");
    const std::string model = commandLine.modelFolder(commandLine.required("model"));
    const std::unique_ptr<Tokenizer> tokenizer = loadTokenizer(model);
    std::cerr << "tokenizer: " << tokenizer->kind() << " (" << tokenizer->vocabSize()
              << " tokens)\n";
    EncodeOptions options;
    options.addSpecialTokens = !commandLine.has("no-special-tokens");
    const std::vector<std::string> texts = commandLine.has("text")
                                               ? std::vector<std::string>{commandLine.value("text")}
                                               : readTexts(commandLine.required("input"));
    const std::vector<Encoding> encodings = tokenizer->encodeBatch(texts, options);
    for (std::size_t i = 0; i < encodings.size(); ++i) {
        if (encodings[i].invalidUtf8 > 0)
            std::cerr << "warning: text " << i + 1 << ": " << encodings[i].invalidUtf8
                      << " invalid UTF-8 sequence(s) replaced by U+FFFD\n";
        printEncoding(encodings[i]);
    }
    return 0;
}

} // namespace domaintune::cli
