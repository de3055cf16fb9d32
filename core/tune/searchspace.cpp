#include "core/tune/searchspace.h"

#include "core/common/error.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace domaintune {
namespace {

struct ScaleName
{
    ParameterScale scale;
    const char* name;
};

constexpr ScaleName kScales[] = {{ParameterScale::Uniform, "uniform"},
                                 {ParameterScale::LogUniform, "log-uniform"},
                                 {ParameterScale::Integer, "int"},
                                 {ParameterScale::Choice, "choice"}};

/** The spec's JSON value at @p key ("a.b" descends into objects); null when absent. */
nlohmann::json* find(nlohmann::json& spec, const std::string& key)
{
    nlohmann::json* node = &spec;
    std::size_t begin = 0;
    for (;;) {
        const auto dot = key.find('.', begin);
        const std::string part = key.substr(begin, dot == std::string::npos ? dot : dot - begin);
        if (!node->is_object() || !node->contains(part))
            return nullptr;
        node = &(*node)[part];
        if (dot == std::string::npos)
            return node;
        begin = dot + 1;
    }
}

SearchParameter logUniform(const std::string& key, double low, double high)
{
    SearchParameter parameter;
    parameter.key = key;
    parameter.scale = ParameterScale::LogUniform;
    parameter.low = low;
    parameter.high = high;
    return parameter;
}

SearchParameter uniform(const std::string& key, double low, double high)
{
    SearchParameter parameter = logUniform(key, low, high);
    parameter.scale = ParameterScale::Uniform;
    return parameter;
}

SearchParameter choice(const std::string& key, std::vector<nlohmann::json> values)
{
    SearchParameter parameter;
    parameter.key = key;
    parameter.scale = ParameterScale::Choice;
    parameter.choices = std::move(values);
    return parameter;
}

} // namespace

std::string parameterScaleName(ParameterScale scale)
{
    for (const auto& entry : kScales)
        if (entry.scale == scale)
            return entry.name;
    return "uniform";
}

double SearchParameter::toUnit(const nlohmann::json& value) const
{
    switch (scale) {
    case ParameterScale::Choice: {
        const auto found = std::find(choices.begin(), choices.end(), value);
        const auto index = found == choices.end() ? 0 : found - choices.begin();
        return (double(index) + 0.5) / double(choices.size());
    }
    case ParameterScale::LogUniform:
        return high > low ? (std::log(value.get<double>()) - std::log(low)) /
                                (std::log(high) - std::log(low))
                          : 0.5;
    case ParameterScale::Integer:
        // Each whole number owns an equal slice of [0, 1].
        return (value.get<double>() - low + 0.5) / (high - low + 1);
    case ParameterScale::Uniform:
        return high > low ? (value.get<double>() - low) / (high - low) : 0.5;
    }
    return 0.5;
}

nlohmann::json SearchParameter::fromUnit(double unit) const
{
    unit = std::clamp(unit, 0.0, 1.0);
    switch (scale) {
    case ParameterScale::Choice: {
        const auto index =
            std::min(choices.size() - 1, static_cast<std::size_t>(unit * double(choices.size())));
        return choices[index];
    }
    case ParameterScale::LogUniform:
        return std::clamp(std::exp(std::log(low) + unit * (std::log(high) - std::log(low))), low,
                          high);
    case ParameterScale::Integer:
        return static_cast<std::int64_t>(
            std::clamp(std::floor(low + unit * (high - low + 1)), low, high));
    case ParameterScale::Uniform:
        return low + unit * (high - low);
    }
    return nullptr;
}

bool SearchParameter::contains(const nlohmann::json& value) const
{
    if (scale == ParameterScale::Choice)
        return std::find(choices.begin(), choices.end(), value) != choices.end();
    if (!value.is_number())
        return false;
    const double number = value.get<double>();
    if (scale == ParameterScale::Integer && std::floor(number) != number)
        return false;
    return number >= low && number <= high;
}

SearchSpace SearchSpace::defaults(const TrainSpec& base)
{
    SearchSpace space;
    // Ranges from common practice: whole encoders fine-tune at 1e-5..1e-4 (BERT's paper uses
    // 2e-5..5e-5), a lone head or LoRA adapters learn from fresh weights and take more.
    if (base.lora.rank > 0)
        space.parameters.push_back(logUniform("learning_rate", 5e-5, 5e-3));
    else if (base.freeze.preset == "head-only")
        space.parameters.push_back(logUniform("learning_rate", 1e-4, 3e-2));
    else
        space.parameters.push_back(logUniform("learning_rate", 1e-5, 3e-4));
    space.parameters.push_back(uniform("warmup_ratio", 0.0, 0.2));
    space.parameters.push_back(choice("weight_decay", {0.0, 0.01, 0.1}));
    space.parameters.push_back(choice("batch_size", {8, 16, 32}));
    if (base.lora.rank > 0)
        space.parameters.push_back(choice("lora_r", {4, 8, 16}));
    return space;
}

SearchSpace SearchSpace::fromJson(const nlohmann::json& json, const std::string& source)
{
    if (!json.is_object() || json.empty())
        throw Error(source, 0,
                    "a search space is a JSON object of parameter -> {\"type\": ...}, e.g. "
                    "{\"learning_rate\": {\"type\": \"log-uniform\", \"low\": 1e-5, \"high\": "
                    "1e-3}}");
    // The keys a spec has: anything else is a typo that must not be ignored.
    const nlohmann::json reference = TrainSpec().toJson();
    SearchSpace space;
    for (const auto& item : json.items()) {
        // Named copies: a lambda below uses the key (C++17 lambdas cannot capture bindings).
        const std::string key = item.key();
        const nlohmann::json& entry = item.value();
        const auto fail = [&](const std::string& what) {
            throw Error(source, 0, "search parameter \"" + key + "\": " + what);
        };
        // Hyper-parameters only: the data, the validation split, the seed and the metric stay
        // the base spec's, or trials would not be measured alike.
        static const std::set<std::string> searchable = {"learning_rate",
                                                         "batch_size",
                                                         "epochs",
                                                         "warmup_ratio",
                                                         "weight_decay",
                                                         "schedule",
                                                         "max_grad_norm",
                                                         "max_length",
                                                         "gradient_accumulation",
                                                         "dropout",
                                                         "freeze.preset",
                                                         "freeze.top_k",
                                                         "freeze.layer_decay",
                                                         "freeze.gradual_unfreezing",
                                                         "class_weights",
                                                         "lora_r",
                                                         "lora_alpha",
                                                         "lora_dropout",
                                                         "use_rslora",
                                                         "mlm_probability",
                                                         "whole_word_masking"};
        nlohmann::json copy = reference;
        if (find(copy, key) == nullptr || searchable.count(key) == 0) {
            std::string names;
            for (const auto& name : searchable)
                names += (names.empty() ? "" : ", ") + name;
            fail("not a hyper-parameter a search may change; use one of " + names);
        }
        if (!entry.is_object() || !entry.contains("type") || !entry["type"].is_string())
            fail("needs {\"type\": \"log-uniform\"|\"uniform\"|\"int\"|\"choice\", ...}");
        SearchParameter parameter;
        parameter.key = key;
        const std::string type = entry["type"];
        bool known = false;
        for (const auto& scale : kScales)
            if (type == scale.name) {
                parameter.scale = scale.scale;
                known = true;
            }
        if (!known)
            fail("unknown type \"" + type + "\"; use log-uniform, uniform, int or choice");
        if (parameter.scale == ParameterScale::Choice) {
            if (!entry.contains("values") || !entry["values"].is_array() || entry["values"].empty())
                fail("a choice needs a non-empty \"values\" list");
            for (const auto& value : entry["values"])
                parameter.choices.push_back(value);
        } else {
            if (!entry.contains("low") || !entry.contains("high") || !entry["low"].is_number() ||
                !entry["high"].is_number())
                fail("needs numbers \"low\" and \"high\"");
            parameter.low = entry["low"];
            parameter.high = entry["high"];
            if (!(parameter.low <= parameter.high))
                fail("low is above high");
            if (parameter.scale == ParameterScale::LogUniform && parameter.low <= 0)
                fail("a log-uniform range must be above 0");
            if (parameter.scale == ParameterScale::Integer &&
                (std::floor(parameter.low) != parameter.low ||
                 std::floor(parameter.high) != parameter.high))
                fail("an int range needs whole numbers");
        }
        space.parameters.push_back(std::move(parameter));
    }
    return space;
}

nlohmann::json SearchSpace::toJson() const
{
    nlohmann::json json = nlohmann::json::object();
    for (const auto& parameter : parameters) {
        nlohmann::json entry = {{"type", parameterScaleName(parameter.scale)}};
        if (parameter.scale == ParameterScale::Choice)
            entry["values"] = parameter.choices;
        else {
            entry["low"] = parameter.low;
            entry["high"] = parameter.high;
        }
        json[parameter.key] = entry;
    }
    return json;
}

nlohmann::json SearchSpace::valuesOf(const TrainSpec& base) const
{
    nlohmann::json spec = base.toJson();
    nlohmann::json values = nlohmann::json::object();
    for (const auto& parameter : parameters)
        if (const nlohmann::json* value = find(spec, parameter.key))
            values[parameter.key] = *value;
    return values;
}

TrainSpec SearchSpace::apply(const TrainSpec& base, const nlohmann::json& values) const
{
    nlohmann::json spec = base.toJson();
    for (const auto& [key, value] : values.items()) {
        nlohmann::json* target = find(spec, key);
        if (target == nullptr)
            throw Error("search parameter \"" + key + "\" is not a key of a run spec");
        *target = value;
    }
    try {
        TrainSpec trial = TrainSpec::fromJson(spec);
        trial.validate();
        return trial;
    } catch (const Error& e) {
        throw Error("the search space gives an invalid run spec (" + values.dump() +
                    "): " + e.what());
    } catch (const nlohmann::json::exception& e) {
        throw Error("the search space gives a value of the wrong type (" + values.dump() +
                    "): " + e.what());
    }
}

} // namespace domaintune
