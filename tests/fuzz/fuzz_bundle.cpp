// Run bundles from colleagues: the manifest, member names and checksums, run.json, artefact
// members, imported into a real SQLite history (rolled back or committed, never half).
#include "core/common/error.h"
#include "core/store/runbundle.h"
#include "core/store/runstore.h"
#include "fuzzinput.h"

#include <filesystem>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace domaintune;
    const std::string bundle = fuzz::writeInput(data, size, "runs.dtbundle");
    const std::string folder = std::filesystem::path(bundle).parent_path().string();
    std::filesystem::remove_all(folder + "/bundle-files");
    try {
        RunStore store(folder + "/history.sqlite");
        BundleImportOptions options;
        options.filesDirectory = folder + "/bundle-files";
        importBundle(store, bundle, options);
    } catch (const Error&) {
    }
    return 0;
}
