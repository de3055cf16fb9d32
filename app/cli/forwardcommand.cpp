#include "commands.h"
#include "core/common/boundedjson.h"
#include "core/common/error.h"
#include "core/model/pretrainedmodel.h"

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

namespace domaintune::cli {
namespace {

std::vector<std::vector<std::int64_t>> readRows(const nlohmann::json& json, const char* key,
                                                const std::string& file, bool required)
{
    const auto it = json.find(key);
    if (it == json.end()) {
        if (required)
            throw Error(file, 0, std::string("the inputs lack \"") + key + "\"",
                        "Give {\"input_ids\": [[...], ...]} and optionally attention_mask and "
                        "token_type_ids.");
        return {};
    }
    try {
        return it->get<std::vector<std::vector<std::int64_t>>>();
    } catch (const nlohmann::json::exception&) {
        throw Error(file, 0, std::string("\"") + key + "\" is not a list of lists of integers");
    }
}

nlohmann::json nested(const FloatArray& array, std::size_t dim, std::size_t& offset)
{
    nlohmann::json out = nlohmann::json::array();
    if (dim + 1 == array.shape.size()) {
        for (std::int64_t i = 0; i < array.shape[dim]; ++i)
            out.push_back(array.values[offset++]);
        return out;
    }
    for (std::int64_t i = 0; i < array.shape[dim]; ++i)
        out.push_back(nested(array, dim + 1, offset));
    return out;
}

} // namespace

int runForward(CommandLine& commandLine)
{
    commandLine.allowOnly({"model", "inputs", "head"});
    const std::string file = commandLine.required("inputs");
    const std::string headName = commandLine.value("head", "auto");
    if (headName != "auto" && headName != "base")
        throw Error("--head takes auto or base, not '" + headName + "'.");

    std::ifstream in(file);
    if (!in)
        throw Error(file, 0, "cannot open the inputs file", "Check the path.");
    nlohmann::json json;
    try {
        json = parseBoundedJson(in);
    } catch (const nlohmann::json::parse_error& e) {
        throw Error(file, 0, std::string("not valid JSON (") + e.what() + ")");
    }
    if (!json.is_object())
        throw Error(file, 0, "the inputs must be a JSON object");
    ForwardInputs inputs;
    inputs.inputIds = readRows(json, "input_ids", file, true);
    inputs.attentionMask = readRows(json, "attention_mask", file, false);
    inputs.tokenTypeIds = readRows(json, "token_type_ids", file, false);

    const auto model =
        PretrainedModel::load(commandLine.modelFolder(commandLine.required("model")));
    std::cerr << model->loadReport().summary();
    const auto outputs = model->forward(inputs, headName == "base");
    nlohmann::json result = nlohmann::json::object();
    for (const auto& [name, array] : outputs) {
        std::size_t offset = 0;
        result[name] = nested(array, 0, offset);
    }
    std::cout << result.dump() << '\n';
    return 0;
}

} // namespace domaintune::cli
