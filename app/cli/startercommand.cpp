// `domaintune-cli starter build|status`: the cached starter model and sample task that the
// GUI's wizard opens with.
#include "cancelonsignal.h"
#include "commands.h"
#include "core/common/error.h"
#include "core/starter/starterbuilder.h"
#include "progressprinter.h"

#include <iostream>

namespace domaintune::cli {
namespace {

nlohmann::ordered_json assetsJson(const StarterAssets& assets)
{
    return {{"root", assets.root},
            {"model_dir", assets.modelDir},
            {"sample_task_file", assets.sampleTaskFile},
            {"recipe_file", assets.recipeFile},
            {"model_ready", assets.modelReady},
            {"sample_ready", assets.sampleReady}};
}

int build(const CommandLine& commandLine)
{
    StarterBuildParams params;
    params.root = commandLine.value("dir");
    params.force = commandLine.has("force");
    params.tiny = commandLine.has("tiny");
    params.steps = commandLine.integer("steps", 0);
    params.fromScratch = commandLine.has("from-scratch");
    params.threads = static_cast<int>(commandLine.integer("threads", 0));
    if (params.steps < 0 || params.threads < 0)
        throw Error("Give --steps and --threads as positive numbers (0: the default).");
    params.commandLine = "domaintune-cli starter build";
    if (params.tiny)
        params.commandLine += " --tiny";
    if (params.steps > 0)
        params.commandLine += " --steps " + std::to_string(params.steps);
    if (params.fromScratch)
        params.commandLine += " --from-scratch";

    ProgressPrinter printer;
    TrainingControl control;
    const StarterBuildResult result = [&] {
        const CancelOnSignal cancel(control, false);
        return buildStarterAssets(params, printer, control);
    }();

    auto json = assetsJson(result.assets);
    json["status"] = result.status;
    json["built_model"] = result.builtModel;
    json["built_sample"] = result.builtSample;
    json["seconds"] = result.seconds;
    if (result.status == "cancelled")
        std::cerr << "stopped; run the same command again to continue where it left off\n";
    else if (result.recipe.contains("model"))
        json["model"] = result.recipe["model"];
    std::cout << json.dump(2) << '\n';
    return result.status == "cancelled" ? 1 : 0;
}

int status(const CommandLine& commandLine)
{
    const StarterAssets assets =
        commandLine.has("dir") ? starterAssetsAt(commandLine.value("dir")) : locateStarterAssets();
    std::cout << assetsJson(assets).dump(2) << '\n';
    return 0;
}

} // namespace

int runStarter(CommandLine& commandLine)
{
    const auto& arguments = commandLine.positionals();
    const std::string action = arguments.empty() ? std::string() : arguments[0];
    if (action == "build") {
        commandLine.allowOnly({"dir", "steps", "threads"}, {"force", "tiny", "from-scratch"});
        return build(commandLine);
    }
    if (action == "status") {
        commandLine.allowOnly({"dir"});
        return status(commandLine);
    }
    throw Error("Give a starter action: build or status; see domaintune-cli starter --help.");
}

} // namespace domaintune::cli
