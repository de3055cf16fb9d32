#include "commands.h"
#include "core/common/error.h"
#include "core/model/generation.h"
#include "core/text/tokendecoder.h"
#include "core/text/tokenizerfactory.h"

#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace domaintune::cli {
namespace {

std::vector<std::int64_t> parseIds(const std::string& text)
{
    std::vector<std::int64_t> ids;
    std::stringstream list(text);
    for (std::string item; std::getline(list, item, ',');) {
        try {
            std::size_t used = 0;
            ids.push_back(std::stoll(item, &used));
            if (used != item.size())
                throw std::invalid_argument(item);
        } catch (const std::exception&) {
            throw Error("--input-ids takes comma-separated token ids such as 464,3290,318; \"" +
                        item + "\" is not one.");
        }
    }
    return ids;
}

} // namespace

int runGenerate(CommandLine& commandLine)
{
    commandLine.allowOnly({"model", "prompt", "input-ids", "max-new-tokens", "temperature", "top-k",
                           "top-p", "repetition-penalty", "seed"},
                          {"greedy", "no-cache"});
    if (commandLine.has("prompt") == commandLine.has("input-ids"))
        throw Error("Give the text to continue with --prompt TEXT or as --input-ids 1,2,3 (one "
                    "of them).");
    const std::string folder = commandLine.modelFolder(commandLine.required("model"));
    const auto model = PretrainedModel::load(folder);
    std::unique_ptr<Tokenizer> tokenizer;
    std::vector<std::int64_t> prompt;
    if (commandLine.has("prompt")) {
        tokenizer = loadTokenizer(folder);
        EncodeOptions options;
        options.addSpecialTokens = false;
        const auto encoding = tokenizer->encode(commandLine.value("prompt"), options);
        prompt.assign(encoding.ids.begin(), encoding.ids.end());
    } else {
        prompt = parseIds(commandLine.value("input-ids"));
        try {
            tokenizer = loadTokenizer(folder);
        } catch (const Error&) {
            // Token ids need no tokenizer; the text is left out without one.
        }
    }
    GenerationOptions options;
    options.maxNewTokens = commandLine.integer("max-new-tokens", options.maxNewTokens);
    const bool sampling =
        commandLine.has("temperature") || commandLine.has("top-k") || commandLine.has("top-p");
    if (sampling && commandLine.has("greedy"))
        throw Error("--greedy excludes --temperature, --top-k and --top-p (they shape sampling).");
    options.greedy = !sampling;
    options.temperature = commandLine.number("temperature", options.temperature);
    options.topK = commandLine.integer("top-k", options.topK);
    options.topP = commandLine.number("top-p", options.topP);
    options.repetitionPenalty = commandLine.number("repetition-penalty", options.repetitionPenalty);
    options.seed = static_cast<std::uint64_t>(
        commandLine.integer("seed", static_cast<std::int64_t>(options.seed)));
    options.useCache = !commandLine.has("no-cache");
    const GenerationResult result = generate(*model, prompt, options);

    std::vector<std::int64_t> all = prompt;
    all.insert(all.end(), result.newIds.begin(), result.newIds.end());
    nlohmann::json out = {{"new_ids", result.newIds},
                          {"ids", all},
                          {"stop_reason", result.stopReason},
                          {"text", tokenizer
                                       ? nlohmann::json(decodeTokens(*tokenizer, result.newIds))
                                       : nlohmann::json(nullptr)}};
    std::cout << out.dump() << '\n';
    return 0;
}

} // namespace domaintune::cli
