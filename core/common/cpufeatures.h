#pragma once

#include <string>
#include <vector>

namespace domaintune {

/** The instruction-set extensions of this machine's CPU that decide how fast tensors compute. */
struct CpuFeatures
{
    std::string model; ///< /proc/cpuinfo's "model name", e.g. "AMD EPYC 9654".
    bool avx2 = false;
    bool avx512 = false;     ///< AVX-512 Foundation.
    bool avx512Bf16 = false; ///< AVX-512 BF16 (vdpbf16ps): bf16 dot products at twice fp32's rate.
    bool amxBf16 = false;    ///< Intel AMX tiles with bf16 (Sapphire Rapids and later).

    /** bf16 matrix products are native on this CPU (AMX or AVX-512 BF16), not emulated. */
    bool nativeBf16() const { return avx512Bf16 || amxBf16; }
    /** The present ones by their usual names, widest last: "AVX2", "AVX-512", "AVX-512 BF16",
     *  "AMX-BF16". */
    std::vector<std::string> names() const;
};

/** Parses the text of /proc/cpuinfo (its first processor's "flags" and "model name"). */
CpuFeatures parseCpuInfo(const std::string& cpuinfo);
/** This machine's, read once from /proc/cpuinfo; all false when it cannot be read. */
const CpuFeatures& cpuFeatures();

} // namespace domaintune
