#pragma once

#include "core/common/blasinfo.h"
#include "core/common/cpufeatures.h"

#include <string>

namespace domaintune {

/** What the running process computes with. Plain value type; collected on any thread. */
struct SystemInfo
{
    std::string version;      ///< DomainTune's version.
    std::string torchVersion; ///< LibTorch's version, e.g. "1.13.1".
    int torchThreads = 1;     ///< LibTorch intra-op threads.
    int cpuCores = 1;         ///< Online CPUs.
    bool cudaAvailable = false;
    int cudaDevices = 0;
    BlasInfo blas;
    CpuFeatures cpu;
    /** Data-parallel training: Gloo (CPU) unless the LibTorch built against has no Gloo
     * headers (a PyTorch wheel's); NCCL (CUDA GPUs) would need a CUDA LibTorch with it, and
     * DomainTune does not build an NCCL group yet. */
    bool gloo = true;
    bool nccl = false;

    /** Returns the facts as a JSON object text (for `domaintune-cli system`). */
    std::string toJson() const;
};

/** Collects SystemInfo for this process. Loads nothing new; cheap. */
SystemInfo collectSystemInfo();

/**
 * Tunes the process for tensor work: glibc malloc keeps large freed buffers instead of returning
 * them to the OS (1.6x faster forward passes measured on Debian 12; see PLATFORM.md). Call once
 * at the start of main(), before any thread starts.
 */
void tuneProcessForTensors();

} // namespace domaintune
