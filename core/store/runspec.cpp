#include "core/store/runspec.h"

#include "core/common/error.h"

#include <nlohmann/json.hpp>

namespace domaintune::runspec {
namespace {

void flattenInto(const nlohmann::json& value, const std::string& prefix,
                 std::map<std::string, std::string>& out)
{
    if (value.is_object() && !value.empty()) {
        for (const auto& [key, child] : value.items())
            flattenInto(child, prefix.empty() ? key : prefix + '.' + key, out);
    } else if (value.is_array() && !value.empty()) {
        for (std::size_t i = 0; i < value.size(); ++i)
            flattenInto(value[i], prefix + '[' + std::to_string(i) + ']', out);
    } else {
        out[prefix] = value.dump();
    }
}

} // namespace

std::string validated(const std::string& json, const std::string& what, Shape shape)
{
    nlohmann::json value;
    try {
        value = nlohmann::json::parse(json);
    } catch (const nlohmann::json::parse_error& e) {
        throw Error("The " + what + " is not valid JSON (" + e.what() +
                    "); give a JSON object such as {\"task\": \"seq-cls\"}.");
    }
    if (shape == Shape::Object && !value.is_object())
        throw Error("The " + what + " must be a JSON object, not " + value.type_name() + ".");
    if (shape == Shape::Array && !value.is_array())
        throw Error("The " + what + " must be a JSON array, not " + value.type_name() + ".");
    return value.dump();
}

std::map<std::string, std::string> flatten(const std::string& json)
{
    std::map<std::string, std::string> out;
    flattenInto(nlohmann::json::parse(json), {}, out);
    return out;
}

} // namespace domaintune::runspec
