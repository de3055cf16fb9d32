#pragma once

#include <cstdint>
#include <string>

namespace domaintune {

/**
 * The run bundle: one self-contained file (".dtbundle") that carries runs between histories.
 *
 * Layout (integers little-endian):
 *
 *     offset 0   8 bytes   magic "DTBUNDLE"
 *     offset 8   4 bytes   format version (uint32), currently 1
 *     offset 12  8 bytes   manifest length N (uint64), at most 64 MiB
 *     offset 20  N bytes   manifest, UTF-8 JSON
 *     then       members' bytes, concatenated in manifest order, no padding; nothing after them
 *
 * Manifest: {"format": "domaintune-run-bundle", "format_version": 1, "created_at": MS,
 *            "members": [{"name": "runs/UUID/run.json", "size": BYTES, "sha256": HEX}, ...]}
 *
 * Member names are relative '/'-separated paths: no leading '/', no "." or ".." component, no
 * backslash, drive letter or control character, at most 255 bytes, each name once. Each run is
 * "runs/UUID/run.json" (record, spec, curves, evaluations, artefact metadata); model files,
 * when exported, are "runs/UUID/files/INDEX/NAME[/...]" for the run's artefact INDEX.
 * A reader checks all of this, and every member's size and SHA-256, before using anything.
 */
namespace bundleformat {

constexpr char Magic[8] = {'D', 'T', 'B', 'U', 'N', 'D', 'L', 'E'};
constexpr std::uint32_t Version = 1;
constexpr std::uint64_t HeaderSize = 20;
constexpr std::uint64_t MaxManifestSize = 64ull << 20;
constexpr const char* FormatName = "domaintune-run-bundle";

/** One member as the manifest lists it, with its offset in the bundle file. */
struct Entry
{
    std::string name;
    std::uint64_t size = 0;
    std::string sha256;
    std::uint64_t offset = 0;
};

/**
 * Throws domaintune::Error naming @p bundlePath when @p name is not a safe member name (see
 * above): absolute, escaping with "..", and so on. Thread-safe.
 */
void checkMemberName(const std::string& name, const std::string& bundlePath);

} // namespace bundleformat
} // namespace domaintune
