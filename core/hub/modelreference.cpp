#include "core/hub/modelreference.h"

#include "core/common/error.h"
#include "core/hub/hubcache.h"
#include "core/hub/hubmodelid.h"

#include <filesystem>

namespace domaintune {

std::string resolveModelReference(const std::string& reference, const std::string& cacheRoot)
{
    std::error_code error;
    if (reference.empty() || std::filesystem::exists(reference, error))
        return reference; // a folder or file: the loaders say what is wrong with it, if anything
    const auto at = reference.rfind('@');
    const std::string id = reference.substr(0, at);
    const std::string revision = at == std::string::npos ? "main" : reference.substr(at + 1);
    try {
        HubModelId::parse(id);
    } catch (const Error&) {
        throw Error(reference, 0, "no such folder",
                    "Give a model folder, or a Hugging Face model id such as "
                    "sentence-transformers/all-MiniLM-L6-v2 that is in the Hugging Face cache.");
    }
    const std::string snapshot = findCachedSnapshot(cacheRoot, id, revision);
    if (snapshot.empty())
        throw Error("'" + reference + "' is not a folder, and " + id + " (revision " + revision +
                    ") is not in the Hugging Face cache at " + cacheRoot +
                    ". Download it first: domaintune-cli models download " + id +
                    (revision == "main" ? "" : " --revision " + revision));
    return snapshot;
}

} // namespace domaintune
