#include "core/common/blasinfo.h"

#include <climits>
#include <cstdlib>
#include <dlfcn.h>

namespace domaintune {
namespace {

bool contains(const std::string& text, const char* needle)
{
    return text.find(needle) != std::string::npos;
}

template <typename Fn>
Fn symbol(const char* name)
{
    return reinterpret_cast<Fn>(dlsym(RTLD_DEFAULT, name));
}

} // namespace

const char* blasKindName(BlasKind kind)
{
    switch (kind) {
    case BlasKind::OpenBlas:
        return "openblas";
    case BlasKind::Reference:
        return "reference";
    case BlasKind::Other:
        return "other";
    case BlasKind::Unknown:
        break;
    }
    return "unknown";
}

BlasKind classifyBlasLibrary(const std::string& resolvedPath)
{
    if (resolvedPath.empty())
        return BlasKind::Unknown;
    if (contains(resolvedPath, "openblas"))
        return BlasKind::OpenBlas;
    if (contains(resolvedPath, "mkl") || contains(resolvedPath, "blis") ||
        contains(resolvedPath, "atlas"))
        return BlasKind::Other;
    // Debian installs the reference implementation as .../blas/libblas.so.3 behind the
    // libblas.so.3 alternative.
    if (contains(resolvedPath, "/blas/libblas.so") || contains(resolvedPath, "libblas.so") ||
        contains(resolvedPath, "librefblas"))
        return BlasKind::Reference;
    return BlasKind::Other;
}

std::string BlasInfo::warning() const
{
    if (!isSlow())
        return {};
    return "Matrix products use the reference BLAS (" + library +
           "), which trains about 50 times slower. Install OpenBLAS: "
           "`sudo apt-get install libopenblas0-pthread`, then restart DomainTune.";
}

BlasInfo detectBlas()
{
    BlasInfo info;
    void* sgemm = dlsym(RTLD_DEFAULT, "sgemm_");
    if (!sgemm)
        return info;
    Dl_info where{};
    if (dladdr(sgemm, &where) && where.dli_fname) {
        char resolved[PATH_MAX];
        info.library = realpath(where.dli_fname, resolved) ? resolved : where.dli_fname;
    }
    info.kind = classifyBlasLibrary(info.library);

    // libopenblas.so.0 can be loaded (through LAPACK) while sgemm_ resolves elsewhere, so only
    // the library that owns sgemm_ decides the kind.
    if (info.kind != BlasKind::OpenBlas)
        return info;
    using ConfigFn = char* (*)();
    using ThreadsFn = int (*)();
    if (auto config = symbol<ConfigFn>("openblas_get_config"))
        info.config = config();
    if (auto threads = symbol<ThreadsFn>("openblas_get_num_threads"))
        info.threads = threads();
    return info;
}

bool setBlasThreads(int threads)
{
    using SetThreadsFn = void (*)(int);
    auto set = symbol<SetThreadsFn>("openblas_set_num_threads");
    if (!set || threads < 1)
        return false;
    set(threads);
    return true;
}

} // namespace domaintune
