// bench_loadmodel: loading a bert-base-sized model folder into LibTorch modules.
//
//   build/bench/bench_loadweights FOLDER    # writes FOLDER/model.safetensors (110 M params)
//   build/bench/bench_loadmodel FOLDER      # adds a bert-base config.json, times the load
//   build/bench/bench_loadmodel MODEL_DIR   # a real model folder (has config.json): as it is
//
// Times PretrainedModel::load (config, mmap + validate, module construction, copy into the
// parameters) three times, and reports wall times and peak RSS (getrusage ru_maxrss) as JSON.
// Target: under 1 s, and no second full copy of the weights in memory.
#include "core/common/systeminfo.h"
#include "core/model/pretrainedmodel.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sys/resource.h>

namespace {

long peakRssKb()
{
    rusage usage = {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

long currentRssKb()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    return -1;
}

void writeBertBaseConfig(const std::filesystem::path& folder)
{
    const nlohmann::json config = {{"architectures", {"BertModel"}},
                                   {"model_type", "bert"},
                                   {"vocab_size", 30522},
                                   {"hidden_size", 768},
                                   {"num_hidden_layers", 12},
                                   {"num_attention_heads", 12},
                                   {"intermediate_size", 3072},
                                   {"hidden_act", "gelu"},
                                   {"max_position_embeddings", 512},
                                   {"type_vocab_size", 2},
                                   {"layer_norm_eps", 1e-12},
                                   {"pad_token_id", 0}};
    std::ofstream(folder / "config.json") << config.dump(2);
}

} // namespace

int main(int argc, char** argv)
{
    namespace fs = std::filesystem;
    if (argc != 2 || !fs::exists(fs::path(argv[1]) / "model.safetensors")) {
        std::cerr << "usage: bench_loadmodel FOLDER (run bench_loadweights FOLDER first)\n";
        return 2;
    }
    domaintune::tuneProcessForTensors();
    const fs::path folder = argv[1];
    if (!fs::exists(folder / "config.json")) // a real model folder is timed as it is
        writeBertBaseConfig(folder);
    nlohmann::json result = {{"folder", folder.string()}, {"rss_before_kb", currentRssKb()}};
    std::vector<double> times;
    for (int run = 0; run < 3; ++run) {
        const auto start = std::chrono::steady_clock::now();
        auto model = domaintune::PretrainedModel::load(folder.string());
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count();
        times.push_back(ms);
        result["parameters"] = model->parameterCount();
        result["rss_with_model_loaded_kb"] = currentRssKb();
        result["newly_initialised"] = model->loadReport().newlyInitialised.size();
    }
    result["load_ms"] = times;
    result["load_ms_min"] = *std::min_element(times.begin(), times.end());
    result["peak_rss_kb"] = peakRssKb();
    result["file_bytes"] = fs::file_size(folder / "model.safetensors");
    std::cout << result.dump(2) << '\n';
    return 0;
}
