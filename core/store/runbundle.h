#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace domaintune {

class RunStore;

/** What exportRuns() puts into a bundle besides records, curves and results. */
struct BundleExportOptions
{
    bool includeFiles = false; ///< Also copy the artefacts' files (checkpoints, models).
};

/** What exportRuns() wrote. */
struct BundleExportReport
{
    std::int64_t runs = 0;
    std::int64_t files = 0;
    std::uint64_t bytes = 0;
};

/** Where importBundle() puts model files that travel in a bundle. */
struct BundleImportOptions
{
    /** Folder for imported files; empty: "bundle-files" beside the history file. */
    std::string filesDirectory;
};

/** One run of a bundle and what became of it. */
struct BundleRunOutcome
{
    std::string uuid;
    std::string name;
    std::int64_t id = 0; ///< New local id, or the existing run's id when skipped.
    std::string reason;  ///< Why it was skipped (empty when imported).
};

/** What importBundle() did. */
struct BundleImportReport
{
    std::vector<BundleRunOutcome> imported;
    std::vector<BundleRunOutcome> skipped;
    std::int64_t files = 0;
};

/**
 * Writes runs @p runIds of @p store into the bundle @p path (see bundleformat.h): each run's
 * record and spec, all metric points, evaluations and artefact metadata, and the artefacts'
 * files when asked. Throws domaintune::Error for an unknown run id or an I/O failure.
 * Thread affinity: the thread that owns @p store.
 */
BundleExportReport exportRuns(RunStore& store, const std::vector<std::int64_t>& runIds,
                              const std::string& path, const BundleExportOptions& options = {});

/**
 * Imports the bundle @p path into @p store without clobbering anything: runs get new local ids
 * (parent links are remapped by uuid), runs already present (same uuid, or same fingerprint:
 * name, spec, model, dataset and creation time) are skipped and reported. The whole bundle is
 * validated first and written in one transaction: a damaged or tampered bundle throws
 * domaintune::Error and leaves the history unchanged. Thread affinity: @p store's thread.
 */
BundleImportReport importBundle(RunStore& store, const std::string& path,
                                const BundleImportOptions& options = {});

} // namespace domaintune
