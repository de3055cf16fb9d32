#pragma once

#include <string>

namespace domaintune {

/** Which BLAS implementation serves the process's fp32 matrix products. */
enum class BlasKind
{
    OpenBlas,  ///< OpenBLAS: the fast one DomainTune depends on.
    Reference, ///< Netlib reference BLAS: correct but ~50x slower.
    Other,     ///< Another optimised BLAS (MKL, BLIS, ATLAS...).
    Unknown    ///< No BLAS symbols are loaded in this process.
};

/** What detectBlas() found. Plain value type. */
struct BlasInfo
{
    BlasKind kind = BlasKind::Unknown;
    std::string library; ///< Resolved path of the shared object that defines sgemm_.
    std::string config;  ///< OpenBLAS's build description (openblas_get_config), if any.
    int threads = -1;    ///< OpenBLAS's thread count, or -1 when not OpenBLAS.

    /** Returns true when matrix products will be slow enough that the user must be warned. */
    bool isSlow() const { return kind == BlasKind::Reference; }
    /** Returns a one-line, actionable warning for slow BLAS, or an empty string. */
    std::string warning() const;
};

/** Returns a stable lower-case name for @p kind ("openblas", "reference", ...). */
const char* blasKindName(BlasKind kind);

/** Classifies a BLAS shared object by its resolved file path. Pure function. */
BlasKind classifyBlasLibrary(const std::string& resolvedPath);

/**
 * Inspects the running process for the library that provides sgemm_ (the symbol LibTorch calls
 * for fp32 matrix products). Thread-safe; cheap (a few dlsym/dladdr calls).
 */
BlasInfo detectBlas();

/**
 * Sets OpenBLAS's own thread count when OpenBLAS is loaded. Returns false when it is not.
 * Call from the main thread before training starts.
 */
bool setBlasThreads(int threads);

} // namespace domaintune
