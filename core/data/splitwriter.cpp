#include "core/data/splitwriter.h"

#include "core/common/error.h"

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>

namespace domaintune {

std::string exampleToJsonLine(const Example& example)
{
    nlohmann::ordered_json json;
    json["text"] = example.text;
    if (!example.textPair.empty())
        json["text_pair"] = example.textPair;
    if (!example.labels.empty())
        json["labels"] = example.labels;
    if (!example.tokens.empty()) {
        json["tokens"] = example.tokens;
        json["tags"] = example.tags;
    }
    for (const Answer& answer : example.answers)
        json["answers"].push_back({{"text", answer.text}, {"start", answer.start}});
    if (!example.id.empty())
        json["id"] = example.id;
    return json.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::map<std::string, std::string> writeSplitsJsonl(const std::vector<Example>& examples,
                                                    const std::string& folder)
{
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    std::map<std::string, std::string> paths;
    std::map<std::string, std::unique_ptr<std::ofstream>> files;
    for (const Example& example : examples) {
        const std::string split = example.split.empty() ? "unsplit" : example.split;
        auto& file = files[split];
        if (!file) {
            paths[split] = (std::filesystem::path(folder) / (split + ".jsonl")).string();
            file = std::make_unique<std::ofstream>(paths[split] + ".part", std::ios::binary);
            if (!*file)
                throw Error(paths[split], 0, "cannot write the split file",
                            "Check that the output folder is writable.");
        }
        *file << exampleToJsonLine(example) << '\n';
    }
    for (auto& [split, file] : files) {
        file->close();
        if (!*file)
            throw Error(paths[split], 0, "writing the split file failed",
                        "Check the free disk space.");
        std::filesystem::rename(paths[split] + ".part", paths[split]);
    }
    return paths;
}

} // namespace domaintune
