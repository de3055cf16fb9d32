#include "core/common/systeminfo.h"

#include "domaintune/version.h"

#include <ATen/Parallel.h>
#include <torch/cuda.h>
#include <torch/version.h>

#include <malloc.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace domaintune {

std::string SystemInfo::toJson() const
{
    nlohmann::json blasJson = {
        {"kind", blasKindName(blas.kind)}, {"library", blas.library}, {"slow", blas.isSlow()}};
    if (!blas.config.empty())
        blasJson["config"] = blas.config;
    if (blas.threads > 0)
        blasJson["threads"] = blas.threads;
    if (blas.isSlow())
        blasJson["warning"] = blas.warning();
    const nlohmann::json json = {
        {"version", version},
        {"torch_version", torchVersion},
        {"torch_threads", torchThreads},
        {"cpu_cores", cpuCores},
        {"cuda_available", cudaAvailable},
        {"cuda_devices", cudaDevices},
        {"data_parallel", {{"gloo", gloo}, {"nccl", nccl}}},
        {"blas", blasJson},
        {"cpu",
         {{"model", cpu.model}, {"features", cpu.names()}, {"native_bf16", cpu.nativeBf16()}}}};
    return json.dump(2);
}

SystemInfo collectSystemInfo()
{
    SystemInfo info;
    info.version = DOMAINTUNE_VERSION;
    info.torchVersion = TORCH_VERSION;
    info.torchThreads = at::get_num_threads();
    info.cpuCores = static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN));
    info.cudaAvailable = torch::cuda::is_available();
    info.cudaDevices = info.cudaAvailable ? static_cast<int>(torch::cuda::device_count()) : 0;
    info.blas = detectBlas();
    info.cpu = cpuFeatures();
#ifdef DOMAINTUNE_NO_GLOO
    info.gloo = false;
#endif
    return info;
}

void tuneProcessForTensors()
{
    // 32 MiB is glibc's ceiling for the mmap threshold on 64-bit; buffers below it are reused
    // from the heap instead of being unmapped and faulted back in on every forward pass.
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
    mallopt(M_TOP_PAD, 64 << 20);
}

} // namespace domaintune
