#pragma once

#include "core/text/spm/spmapi.h"

#include <string>
#include <vector>

namespace domaintune {

/**
 * The loaded sentencepiece plugin (libdomaintune_spm.so) and its resolved C entry points.
 *
 * The plugin is opened once per process with RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND so that
 * sentencepiece's bundled protobuf never meets LibTorch's. Thread-safe after instance() returns.
 */
class SentencePiecePlugin
{
public:
    /**
     * Returns the process-wide plugin, loading it on first use. Throws domaintune::Error naming
     * every place searched when the plugin is missing or does not match this build.
     */
    static const SentencePiecePlugin& instance();

    /** Returns the directories searched for the plugin, in order. */
    static std::vector<std::string> searchDirectories();

    /** Returns the file the plugin was loaded from. */
    const std::string& path() const { return m_path; }

    dt_spm_load_fn load = nullptr;
    dt_spm_free_fn free = nullptr;
    dt_spm_vocab_size_fn vocabSize = nullptr;
    dt_spm_piece_to_id_fn pieceToId = nullptr;
    dt_spm_id_to_piece_fn idToPiece = nullptr;
    dt_spm_special_id_fn specialId = nullptr;
    dt_spm_encode_fn encode = nullptr;
    dt_spm_train_fn train = nullptr;

private:
    SentencePiecePlugin();
    std::string m_path;
};

} // namespace domaintune
