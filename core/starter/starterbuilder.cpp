#include "core/starter/starterbuilder.h"

#include "core/common/error.h"
#include "core/data/debianlicenses.h"
#include "core/data/dpkgdatabase.h"
#include "core/data/generalcorpus.h"
#include "core/model/safetensorsfile.h"
#include "core/store/sha256.h"
#include "core/train/pretrainer.h"
#include "core/train/task.h"
#include "domaintune/version.h"

#include <chrono>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sys/file.h>
#include <thread>
#include <unistd.h>

namespace domaintune {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

constexpr int kRecipeFormat = 1;

/** The settings of a preset: what the model is and how it is trained. */
struct Preset
{
    std::string name;
    std::uint64_t corpusMb = 0;
    PretrainSpec spec;
};

Preset presetFor(const StarterBuildParams& params)
{
    Preset preset;
    PretrainSpec& spec = preset.spec;
    if (params.tiny) {
        preset.name = "tiny";
        preset.corpusMb = 1;
        spec.vocabSize = 4000;
        spec.layers = 2;
        spec.hidden = 32;
        spec.heads = 2;
        spec.maxLength = 32;
        spec.batchSize = 16;
        spec.maxSteps = 20;
        spec.learningRate = 1e-3;
    } else {
        preset.name = "default";
        preset.corpusMb = 12;
        spec.vocabSize = 6000;
        spec.layers = 4;
        spec.hidden = 256;
        spec.heads = 4;
        spec.maxLength = 128;
        spec.batchSize = 32;
        spec.maxSteps = 3000;
        spec.learningRate = 1e-3;
        spec.checkpointSteps = 100;
    }
    spec.seed = 42;
    if (params.steps > 0)
        spec.maxSteps = params.steps;
    spec.threads = params.threads > 0
                       ? params.threads
                       : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    return preset;
}

/** What the assets depend on: a build is up to date when these are unchanged. */
Json inputsOf(const Preset& preset, const std::string& systemRoot)
{
    const auto installed = DpkgDatabase(systemRoot).installedVersions();
    Json packages = Json::object();
    for (const auto& source : generalCorpusSources())
        for (const auto& package : source.packages)
            if (const auto it = installed.find(package); it != installed.end())
                packages[package] = it->second;
    const PretrainSpec& spec = preset.spec;
    return {{"format", kRecipeFormat},
            {"preset", preset.name},
            {"corpus", {{"max_mb", preset.corpusMb}}},
            {"model",
             {{"architecture", "bert"},
              {"vocab_size", spec.vocabSize},
              {"layers", spec.layers},
              {"hidden", spec.hidden},
              {"heads", spec.heads},
              {"max_length", spec.maxLength}}},
            {"training",
             {{"task", taskInfo(Task::MaskedLm).name},
              {"steps", spec.maxSteps},
              {"batch_size", spec.batchSize},
              {"learning_rate", spec.learningRate},
              {"seed", spec.seed}}},
            {"packages", std::move(packages)}};
}

Json readJson(const fs::path& path)
{
    std::ifstream in(path);
    if (!in)
        return {};
    try {
        return Json::parse(in);
    } catch (const nlohmann::json::exception&) {
        return {};
    }
}

/** Writes @p json to PATH.partial and renames it over @p path. */
void writeJsonAtomically(const fs::path& path, const Json& json)
{
    const fs::path partial = path.string() + ".partial";
    {
        std::ofstream out(partial);
        out << json.dump(2) << '\n';
        if (!out.flush())
            throw Error(path.string(), 0, "cannot write the file", "Check the free disk space.");
    }
    fs::rename(partial, path);
}

void say(EventSink& sink, const std::string& message)
{
    TrainingEvent event;
    event.message = message;
    sink.onEvent(event);
}

/** Holds an exclusive flock(2) on ROOT/.lock; a second build waits for the first. */
class BuildLock
{
public:
    BuildLock(const fs::path& root, EventSink& sink)
    {
        const std::string path = (root / ".lock").string();
        m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (m_fd < 0)
            throw Error(path, 0, "cannot create the lock file", "Check the folder's permissions.");
        if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
            say(sink, "another starter build is running; waiting for it to finish");
            ::flock(m_fd, LOCK_EX);
        }
    }
    ~BuildLock() { ::close(m_fd); }
    BuildLock(const BuildLock&) = delete;
    BuildLock& operator=(const BuildLock&) = delete;

private:
    int m_fd = -1;
};

std::string csvField(const std::string& text)
{
    std::string out = "\"";
    for (const char c : text)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + '"';
}

/**
 * The sample task: text,label,licence rows from the copyright files, labelled by licence family
 * (the licence itself in its own column, a harder task to choose in the wizard); returns its
 * recipe record.
 */
Json buildSample(const fs::path& folder, const std::string& systemRoot)
{
    const auto examples =
        readDebianLicenseFamilies((fs::path(systemRoot) / "usr/share/doc").string());
    if (examples.empty())
        throw Error((fs::path(systemRoot) / "usr/share/doc").string(), 0,
                    "no machine-readable copyright files with enough licence texts were found",
                    "The sample task needs a Debian system's /usr/share/doc/*/copyright files.");
    fs::create_directories(folder);
    const fs::path file = folder / "debian-licenses.csv";
    std::map<std::string, std::size_t> counts;
    {
        std::ofstream out(file, std::ios::binary);
        out << "text,label,licence\n";
        for (const auto& example : examples) {
            const std::string& licence = example.labels.front();
            const std::string family = licenseFamily(licence);
            out << csvField(example.text) << ',' << csvField(family) << ',' << csvField(licence)
                << '\n';
            ++counts[family];
        }
        if (!out.flush())
            throw Error(file.string(), 0, "cannot write the sample task",
                        "Check the free disk space.");
    }
    return {{"path", "sample/debian-licenses.csv"},
            {"format", kSampleFormat},
            {"source", "DEP-5 License paragraphs of /usr/share/doc/*/copyright"},
            {"labelled_by", "licence family"},
            {"rows", examples.size()},
            {"labels", counts},
            {"bytes", fs::file_size(file)},
            {"sha256", Sha256::hexOfFile(file.string())}};
}

/** The corpus file in the work folder, written once; returns its summary. */
Json buildCorpus(const fs::path& work, const Preset& preset, const std::string& systemRoot,
                 EventSink& sink)
{
    const fs::path file = work / "corpus" / "general-corpus.txt";
    const fs::path summaryFile = work / "corpus" / "summary.json";
    if (fs::exists(file) && fs::exists(summaryFile))
        return readJson(summaryFile);
    fs::create_directories(file.parent_path());
    GeneralCorpusOptions options;
    options.root = systemRoot;
    options.maxBytes = preset.corpusMb << 20;
    options.progress = [&sink](const std::string& message) { say(sink, message); };
    const GeneralCorpus corpus = readGeneralCorpus(options);
    Json summary = generalCorpusJson(corpus);
    summary["sha256"] = writeGeneralCorpus(corpus, file.string());
    writeJsonAtomically(summaryFile, summary);
    say(sink, "general corpus: " + std::to_string(corpus.paragraphs.size()) + " paragraphs, " +
                  std::to_string(corpus.bytes >> 20) + " MB from " +
                  std::to_string(corpus.sources.size()) + " sources");
    return summary;
}

std::int64_t parameterCount(const fs::path& weights)
{
    std::int64_t count = 0;
    const SafetensorsFile file = SafetensorsFile::open(weights.string());
    for (const auto& tensor : file.tensors())
        count += tensor.numel();
    return count;
}

/** Pretrains in WORK/pretrain (resuming a checkpoint); returns the model record, or null. */
Json buildModel(const fs::path& work, const Preset& preset, EventSink& sink,
                const TrainingControl& control)
{
    PretrainSpec spec = preset.spec;
    spec.corpus = {(work / "corpus" / "general-corpus.txt").string()};
    spec.outputDir = (work / "pretrain").string();
    const bool resume = fs::exists(work / "pretrain" / "checkpoint" / "state.json");
    if (resume)
        say(sink, "resuming the interrupted pretraining");
    const TrainResult result = pretrainFromScratch(spec, sink, control, resume);
    if (result.status == "cancelled")
        return nullptr;
    if (result.status != "completed")
        throw Error("Pretraining the starter model failed: " + result.message);
    const fs::path weights = fs::path(result.modelDir) / "model.safetensors";
    return {{"path", "model"},
            {"steps", result.steps},
            {"parameters", parameterCount(weights)},
            {"heldout_metrics", result.metrics},
            {"bytes", fs::file_size(weights)},
            {"sha256", Sha256::hexOfFile(weights.string())}};
}

/** The starter model DomainTune ships, and the recipe that built it. */
struct ShippedStarter
{
    fs::path folder;
    Json recipe;
};

/** The shipped starter when this build should use it: one exists and was built by the same
 * settings (the installed packages may differ: the model no longer depends on them). */
std::optional<ShippedStarter> shippedStarterFor(const StarterBuildParams& params,
                                                const Json& inputs, EventSink& sink)
{
    if (params.tiny || params.fromScratch || params.steps > 0)
        return std::nullopt;
    const std::string found = shippedStarterRoot();
    if (found.empty())
        return std::nullopt;
    ShippedStarter shipped{found, readJson(fs::path(found) / "recipe.json")};
    // Compared without key order (a recipe may have been rewritten by another tool).
    const auto settingsOf = [](Json json) {
        if (json.is_object())
            json.erase("packages");
        return nlohmann::json::parse(json.dump());
    };
    const Json& recipe = shipped.recipe;
    if (!recipe.is_object() || !recipe.contains("inputs") || !recipe.contains("model") ||
        settingsOf(recipe["inputs"]) != settingsOf(inputs)) {
        say(sink, "the shipped starter model (" + found +
                      ") was built by another recipe; pretraining here instead");
        return std::nullopt;
    }
    return shipped;
}

/** Whether the shipped weights are the ones its recipe names (says so when not). */
bool shippedWeightsMatch(const ShippedStarter& shipped, EventSink& sink)
{
    const fs::path weights = shipped.folder / "model" / "model.safetensors";
    if (fs::exists(weights) && Sha256::hexOfFile(weights.string()) ==
                                   shipped.recipe["model"].value("sha256", std::string()))
        return true;
    say(sink, "the shipped starter model (" + weights.string() +
                  ") does not match its recipe's SHA-256; pretraining here instead");
    return false;
}

/** Copies the shipped model into WORK/pretrain/model. */
void copyShippedModel(const ShippedStarter& shipped, const fs::path& work, EventSink& sink)
{
    say(sink, "using the starter model shipped with DomainTune (" + shipped.folder.string() + ")");
    const fs::path target = work / "pretrain" / "model";
    fs::remove_all(target);
    fs::create_directories(target.parent_path());
    fs::copy(shipped.folder / "model", target, fs::copy_options::recursive);
    for (const auto& entry : fs::directory_iterator(target)) // installed files are read-only
        fs::permissions(entry.path(), fs::perms::owner_write, fs::perm_options::add);
}

std::string utcNow()
{
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
    gmtime_r(&now, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

/** Moves @p from over @p to (removing what was there). */
void replacePath(const fs::path& from, const fs::path& to)
{
    fs::remove_all(to);
    fs::rename(from, to);
}

double since(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/** ROOT/.build, emptied when it holds a partial build with other inputs (or on --force). */
fs::path prepareWorkFolder(const fs::path& root, const Json& inputs, bool force)
{
    const fs::path work = root / ".build";
    if (force || readJson(work / "inputs.json") != inputs)
        fs::remove_all(work);
    fs::create_directories(work);
    writeJsonAtomically(work / "inputs.json", inputs);
    return work;
}

/** Moves the results into ROOT; recipe.json, which decides readiness, goes first and last. */
void publish(const fs::path& root, const fs::path& work, bool model, bool sample,
             const Json& recipe)
{
    fs::remove(root / "recipe.json");
    if (model)
        replacePath(work / "pretrain" / "model", root / "model");
    if (sample)
        replacePath(work / "sample", root / "sample");
    writeJsonAtomically(root / "recipe.json", recipe);
    fs::remove_all(work);
}

} // namespace

StarterBuildResult buildStarterAssets(const StarterBuildParams& params, EventSink& sink,
                                      const TrainingControl& control)
{
    const auto started = Clock::now();
    const fs::path root = params.root.empty() ? defaultStarterRoot() : params.root;
    fs::create_directories(root);
    const BuildLock lock(root, sink);
    const Preset preset = presetFor(params);
    Json recipe = readJson(root / "recipe.json");
    StarterBuildResult result;
    result.assets = starterAssetsAt(root.string());
    const auto builtFrom = [&](const Json& inputs) {
        return recipe.is_object() && recipe.contains("inputs") && recipe["inputs"] == inputs;
    };
    Json inputs = inputsOf(preset, params.systemRoot);
    auto shipped = shippedStarterFor(params, inputs, sink);
    if (shipped) {
        // The shipped weights are hashed only when they are to be copied, not on every call
        // that keeps their copy in place (its own hash is checked by modelReady).
        const Json shippedInputs = shipped->recipe["inputs"];
        const bool copyKept = !params.force && result.assets.modelReady && builtFrom(shippedInputs);
        if (copyKept || shippedWeightsMatch(*shipped, sink))
            inputs = shippedInputs;
        else
            shipped.reset();
    }
    const bool sameInputs = builtFrom(inputs);
    result.builtModel = params.force || !result.assets.modelReady || !sameInputs;
    result.builtSample = params.force || !result.assets.sampleReady;
    if (!result.builtModel && !result.builtSample) {
        result.status = "up-to-date";
        result.recipe = recipe;
        return result;
    }

    const fs::path work = prepareWorkFolder(root, inputs, params.force);
    // A model rebuilt alone keeps the ready sample's record, and the sample alone the model's.
    const Json keptSample = recipe.is_object() && recipe.contains("sample") && !result.builtSample
                                ? recipe["sample"]
                                : Json();
    if (!recipe.is_object() || result.builtModel)
        recipe = Json::object();
    if (!keptSample.is_null())
        recipe["sample"] = keptSample;
    recipe["format"] = kRecipeFormat;
    recipe["inputs"] = inputs;
    recipe["domaintune_version"] = DOMAINTUNE_VERSION;
    recipe["command"] = params.commandLine;
    recipe["built"] = utcNow();
    recipe["threads"] = preset.spec.threads;
    if (result.builtModel && shipped) {
        copyShippedModel(*shipped, work, sink);
        const Json& original = shipped->recipe;
        for (const char* key : {"corpus", "model"})
            if (original.contains(key))
                recipe[key] = original[key];
        recipe["origin"] = {{"shipped", shipped->folder.string()}};
        for (const char* key : {"built", "command", "threads", "seconds", "ship_command"})
            if (original.contains(key))
                recipe["origin"][key] = original[key];
    } else if (result.builtModel) {
        auto phase = Clock::now();
        recipe["corpus"] = buildCorpus(work, preset, params.systemRoot, sink);
        recipe["seconds"]["corpus"] = since(phase);
        phase = Clock::now();
        Json model = buildModel(work, preset, sink, control);
        if (model.is_null()) {
            result.status = "cancelled";
            result.seconds = since(started);
            return result;
        }
        recipe["seconds"]["pretraining"] = since(phase);
        recipe["model"] = std::move(model);
    }
    if (result.builtSample) {
        say(sink, "writing the sample task from /usr/share/doc/*/copyright");
        recipe["sample"] = buildSample(work / "sample", params.systemRoot);
    }
    result.seconds = since(started);
    recipe["seconds"]["total"] = result.seconds;
    publish(root, work, result.builtModel, result.builtSample, recipe);
    result.status = "built";
    result.recipe = recipe;
    result.assets = starterAssetsAt(root.string());
    return result;
}

} // namespace domaintune
