#include "core/text/sentencepieceplugin.h"

#include "core/common/error.h"

#include <climits>
#include <cstdlib>
#include <dlfcn.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef DOMAINTUNE_PLUGIN_INSTALL_DIR
#define DOMAINTUNE_PLUGIN_INSTALL_DIR "/usr/lib/domaintune"
#endif

namespace domaintune {
namespace {

constexpr const char* kPluginFile = "libdomaintune_spm.so";

std::string executableDirectory()
{
    char buffer[PATH_MAX];
    const ssize_t n = readlink("/proc/self/exe", buffer, sizeof buffer - 1);
    if (n <= 0)
        return {};
    std::string path(buffer, static_cast<size_t>(n));
    return path.substr(0, path.find_last_of('/'));
}

bool isFile(const std::string& path)
{
    struct stat st
    {};
    return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

template <typename Fn>
Fn resolve(void* handle, const char* name, const std::string& path)
{
    void* address = dlsym(handle, name);
    if (!address)
        throw Error(path, 0, std::string("the sentencepiece plugin lacks the symbol ") + name,
                    "Rebuild DomainTune so that the plugin matches the application.");
    return reinterpret_cast<Fn>(address);
}

} // namespace

std::vector<std::string> SentencePiecePlugin::searchDirectories()
{
    std::vector<std::string> dirs;
    if (const char* env = std::getenv("DOMAINTUNE_PLUGIN_DIR"); env && *env)
        dirs.emplace_back(env);
    const std::string exeDir = executableDirectory();
    if (!exeDir.empty()) {
        dirs.push_back(exeDir + "/../lib/domaintune");
        dirs.push_back(exeDir);
    }
    dirs.emplace_back(DOMAINTUNE_PLUGIN_INSTALL_DIR);
    return dirs;
}

SentencePiecePlugin::SentencePiecePlugin()
{
    std::string searched;
    for (const auto& dir : searchDirectories()) {
        const std::string candidate = dir + '/' + kPluginFile;
        searched += (searched.empty() ? "" : ", ") + dir;
        if (isFile(candidate)) {
            m_path = candidate;
            break;
        }
    }
    if (m_path.empty())
        throw Error(std::string("The sentencepiece plugin ") + kPluginFile +
                    " was not found (searched: " + searched +
                    "). Reinstall DomainTune, or set DOMAINTUNE_PLUGIN_DIR to its folder.");

        // DEEPBIND: the plugin's own references (sentencepiece -> its bundled protobuf) bind inside
        // the plugin first, never to LibTorch's protobuf already in the process. AddressSanitizer
        // cannot run a DEEPBIND library: in its builds (tests/sanitize/run.sh, the fuzzers) the
        // programs without LibTorch load the plugin fine, while the instrumented CLI gets
        // protobuf's version check as a load error (no sanitized test needs that).
#if defined(__SANITIZE_ADDRESS__) // gcc
    constexpr int kBinding = 0;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) // clang (the fuzzers)
    constexpr int kBinding = 0;
#else
    constexpr int kBinding = RTLD_DEEPBIND;
#endif
#else
    constexpr int kBinding = RTLD_DEEPBIND;
#endif
    void* handle = dlopen(m_path.c_str(), RTLD_NOW | RTLD_LOCAL | kBinding);
    if (!handle)
        throw Error(m_path, 0, std::string("cannot load the sentencepiece plugin: ") + dlerror(),
                    "Install libsentencepiece0 (`sudo scripts/install-deps`).");

    const auto abi = resolve<dt_spm_abi_version_fn>(handle, "dt_spm_abi_version", m_path);
    if (abi() != DT_SPM_ABI_VERSION)
        throw Error(m_path, 0,
                    "the sentencepiece plugin has interface version " + std::to_string(abi()) +
                        " but this build expects " + std::to_string(DT_SPM_ABI_VERSION),
                    "Rebuild DomainTune so that the plugin matches the application.");
    load = resolve<dt_spm_load_fn>(handle, "dt_spm_load", m_path);
    free = resolve<dt_spm_free_fn>(handle, "dt_spm_free", m_path);
    vocabSize = resolve<dt_spm_vocab_size_fn>(handle, "dt_spm_vocab_size", m_path);
    pieceToId = resolve<dt_spm_piece_to_id_fn>(handle, "dt_spm_piece_to_id", m_path);
    idToPiece = resolve<dt_spm_id_to_piece_fn>(handle, "dt_spm_id_to_piece", m_path);
    specialId = resolve<dt_spm_special_id_fn>(handle, "dt_spm_special_id", m_path);
    encode = resolve<dt_spm_encode_fn>(handle, "dt_spm_encode", m_path);
    train = resolve<dt_spm_train_fn>(handle, "dt_spm_train", m_path);
    // The handle is intentionally never closed: models may live until process exit.
}

const SentencePiecePlugin& SentencePiecePlugin::instance()
{
    static const SentencePiecePlugin plugin;
    return plugin;
}

} // namespace domaintune
