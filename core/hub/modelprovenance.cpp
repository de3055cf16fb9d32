#include "core/hub/modelprovenance.h"

#include "core/common/boundedjson.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace domaintune {
namespace fs = std::filesystem;

namespace {

// "models--ORG--NAME" -> "ORG/NAME" (Hub names hold no "--" of their own in the org part).
std::string idOfRepoFolder(const std::string& name)
{
    const std::string prefix = "models--";
    if (name.rfind(prefix, 0) != 0)
        return {};
    std::string rest = name.substr(prefix.size());
    const std::size_t separator = rest.find("--");
    if (separator == std::string::npos)
        return rest;
    return rest.substr(0, separator) + "/" + rest.substr(separator + 2);
}

} // namespace

nlohmann::json modelProvenance(const std::string& modelDir)
{
    std::error_code error;
    fs::path path = fs::absolute(fs::path(modelDir), error).lexically_normal();
    if (error)
        path = fs::path(modelDir);
    if (!path.has_filename())
        path = path.parent_path();
    const fs::path snapshots = path.parent_path();
    const fs::path repo = snapshots.parent_path();
    const std::string id = idOfRepoFolder(repo.filename().string());
    if (snapshots.filename() != "snapshots" || id.empty())
        return {{"kind", "folder"}, {"path", path.string()}};

    nlohmann::json out = {{"kind", "hub-cache"},
                          {"id", id},
                          {"revision", path.filename().string()},
                          {"cache", repo.parent_path().string()}};
    nlohmann::json refs = nlohmann::json::array();
    for (fs::recursive_directory_iterator it(repo / "refs", error), end; !error && it != end;
         it.increment(error)) {
        if (!it->is_regular_file(error))
            continue;
        std::ifstream in(it->path());
        std::string commit;
        std::getline(in, commit);
        if (commit == path.filename().string())
            refs.push_back(it->path().lexically_relative(repo / "refs").string());
    }
    out["refs"] = refs;
    std::ifstream note(repo / ".domaintune-source.json");
    if (note) {
        try {
            const nlohmann::json source = parseBoundedJson(note);
            if (source.is_object() && source.value("snapshot", "") == path.filename().string()) {
                nlohmann::json installed = nlohmann::json::object();
                for (const char* key :
                     {"source", "package", "version", "wheel", "wheel_sha256", "licence"})
                    if (source.contains(key) && source[key].is_string())
                        installed[key] = source[key];
                out["installed_from"] = installed;
            }
        } catch (const nlohmann::json::exception&) {
            // A damaged note only loses the extra line; the id and revision stand.
        }
    }
    return out;
}

std::string provenanceSummary(const nlohmann::json& provenance)
{
    if (!provenance.is_object())
        return {};
    const auto text = [&](const nlohmann::json& node, const char* key) {
        return node.contains(key) && node[key].is_string() ? node[key].get<std::string>()
                                                           : std::string();
    };
    if (text(provenance, "kind") != "hub-cache")
        return text(provenance, "path");
    std::string line = text(provenance, "id");
    const std::string revision = text(provenance, "revision");
    if (!revision.empty())
        line += " @ " + revision.substr(0, 7);
    if (provenance.contains("installed_from") && provenance["installed_from"].is_object()) {
        const auto& from = provenance["installed_from"];
        if (text(from, "source") == "pypi")
            line += " (PyPI wheel " + text(from, "package") + " " + text(from, "version") + ")";
    }
    return line;
}

} // namespace domaintune
