#include "core/common/cpufeatures.h"

#include <fstream>
#include <set>
#include <sstream>

namespace domaintune {

std::vector<std::string> CpuFeatures::names() const
{
    std::vector<std::string> present;
    if (avx2)
        present.push_back("AVX2");
    if (avx512)
        present.push_back("AVX-512");
    if (avx512Bf16)
        present.push_back("AVX-512 BF16");
    if (amxBf16)
        present.push_back("AMX-BF16");
    return present;
}

CpuFeatures parseCpuInfo(const std::string& cpuinfo)
{
    CpuFeatures features;
    std::istringstream lines(cpuinfo);
    std::string line;
    bool flagsSeen = false;
    while (std::getline(lines, line)) {
        const auto colon = line.find(':');
        if (colon == std::string::npos)
            continue;
        std::string key = line.substr(0, colon);
        key.erase(key.find_last_not_of(" \t") + 1);
        const std::string value = line.substr(colon + 1);
        const auto start = value.find_first_not_of(" \t");
        if (key == "model name" && features.model.empty()) {
            if (start != std::string::npos)
                features.model = value.substr(start);
        } else if (key == "flags" && !flagsSeen) {
            flagsSeen = true;
            std::istringstream words(value);
            std::set<std::string> flags;
            for (std::string word; words >> word;)
                flags.insert(word);
            features.avx2 = flags.count("avx2") > 0;
            features.avx512 = flags.count("avx512f") > 0;
            features.avx512Bf16 = flags.count("avx512_bf16") > 0;
            features.amxBf16 = flags.count("amx_bf16") > 0;
        }
    }
    return features;
}

const CpuFeatures& cpuFeatures()
{
    static const CpuFeatures features = [] {
        std::ifstream in("/proc/cpuinfo");
        std::ostringstream text;
        text << in.rdbuf();
        return parseCpuInfo(text.str());
    }();
    return features;
}

} // namespace domaintune
