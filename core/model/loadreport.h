#pragma once

#include <string>
#include <vector>

namespace domaintune {

/**
 * What happened when a checkpoint's tensors were matched to a model's parameters. Plain value
 * type; shown to the user after loading (the GUI's model page, the CLI's stderr).
 */
struct LoadReport
{
    std::vector<std::string> files;            ///< Weight files read.
    std::string format;                        ///< "safetensors", "pytorch-zip", ...
    std::size_t loaded = 0;                    ///< Parameters taken from the checkpoint.
    std::vector<std::string> newlyInitialised; ///< Parameters the checkpoint lacked.
    std::vector<std::string> unused;           ///< Checkpoint tensors the model has no use for.
    std::vector<std::string> ignoredBuffers;   ///< position_ids, attn.bias, ... (recomputed).
    std::vector<std::string> notes;            ///< Renamings, conversions, resized heads.

    /** Returns true when some backbone (non-head) parameter had to be initialised randomly. */
    bool backboneIncomplete = false;

    /** Returns a multi-line human summary (English; the GUI translates its own wording). */
    std::string summary() const;
};

} // namespace domaintune
