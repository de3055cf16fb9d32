#include "core/starter/starterassets.h"

#include "core/store/sha256.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <pwd.h>
#include <unistd.h>
#include <vector>

namespace domaintune {
namespace {

namespace fs = std::filesystem;

std::string environment(const char* name)
{
    const char* value = std::getenv(name);
    return value ? std::string(value) : std::string();
}

std::string homeDirectory()
{
    std::string home = environment("HOME");
    if (home.empty())
        if (const passwd* entry = getpwuid(getuid()); entry && entry->pw_dir)
            home = entry->pw_dir;
    return home.empty() ? fs::temp_directory_path().string() : home;
}

nlohmann::json readRecipe(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        return {};
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception&) {
        return {}; // a damaged recipe makes the assets not ready; the next build rewrites it
    }
}

/** Whether @p file exists with the size and SHA-256 that @p record (from the recipe) names. */
bool matches(const fs::path& file, const nlohmann::json& record)
{
    std::error_code error;
    if (!record.is_object() || !record.contains("sha256") || !fs::is_regular_file(file, error))
        return false;
    if (record.contains("bytes") && record["bytes"].is_number_unsigned() &&
        fs::file_size(file, error) != record["bytes"].get<std::uintmax_t>())
        return false;
    try {
        return Sha256::hexOfFile(file.string()) == record["sha256"].get<std::string>();
    } catch (const std::exception&) {
        return false;
    }
}

bool hasTokenizer(const fs::path& model)
{
    for (const char* name : {"spiece.model", "tokenizer.json", "vocab.txt", "vocab.json"})
        if (fs::exists(model / name))
            return true;
    return false;
}

} // namespace

std::string defaultStarterRoot()
{
    if (const std::string explicitRoot = environment("DOMAINTUNE_STARTER_DIR");
        !explicitRoot.empty())
        return explicitRoot;
    if (const std::string cache = environment("XDG_CACHE_HOME"); !cache.empty())
        return (fs::path(cache) / "domaintune" / "starter").string();
    return (fs::path(homeDirectory()) / ".cache" / "domaintune" / "starter").string();
}

StarterAssets starterAssetsAt(const std::string& root)
{
    StarterAssets assets;
    assets.root = root;
    assets.modelDir = (fs::path(root) / "model").string();
    assets.sampleTaskFile = (fs::path(root) / "sample" / "debian-licenses.csv").string();
    assets.recipeFile = (fs::path(root) / "recipe.json").string();
    const nlohmann::json recipe = readRecipe(assets.recipeFile);
    if (!recipe.is_object())
        return assets;
    const fs::path model(assets.modelDir);
    assets.modelReady = fs::exists(model / "config.json") && hasTokenizer(model) &&
                        recipe.contains("model") &&
                        matches(model / "model.safetensors", recipe["model"]);
    const auto sample = recipe.find("sample");
    assets.sampleReady = sample != recipe.end() && sample->is_object() &&
                         sample->contains("format") && (*sample)["format"] == kSampleFormat &&
                         matches(assets.sampleTaskFile, *sample);
    return assets;
}

std::string shippedStarterRoot()
{
    const std::string chosen = environment("DOMAINTUNE_SHIPPED_STARTER");
    if (chosen == "none")
        return {};
    std::vector<fs::path> candidates;
    if (!chosen.empty()) {
        candidates.emplace_back(chosen);
    } else {
        std::error_code error;
        const fs::path executable = fs::read_symlink("/proc/self/exe", error);
        if (!error)
            candidates.push_back(executable.parent_path().parent_path() / "share" / "domaintune" /
                                 "starter");
        candidates.emplace_back(DOMAINTUNE_SOURCE_DIR "/assets/starter");
    }
    for (const auto& candidate : candidates) {
        std::error_code error;
        if (fs::is_regular_file(candidate / "recipe.json", error))
            return candidate.string();
    }
    return {};
}

StarterAssets locateStarterAssets()
{
    return starterAssetsAt(defaultStarterRoot());
}

} // namespace domaintune
