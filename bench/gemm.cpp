// bench_gemm: fp32 matrix-product throughput through LibTorch (which calls the system BLAS),
// and bf16 through oneDNN, so the BLAS choice and the thread settings are decided from numbers.
//
//   build/bench/bench_gemm [SIZE=1024] [REPEATS=10]
//
// Prints one JSON object: the BLAS in use and min/median GFLOP/s per dtype and thread count.
#include "core/common/systeminfo.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <vector>

namespace {

nlohmann::json measure(int size, int repeats, at::ScalarType dtype)
{
    const auto a = at::randn({size, size}).to(dtype);
    const auto b = at::randn({size, size}).to(dtype);
    for (int i = 0; i < 2; ++i) // warm-up: first products pay for page faults and packing
        at::mm(a, b);
    std::vector<double> gflops;
    for (int i = 0; i < repeats; ++i) {
        const auto start = std::chrono::steady_clock::now();
        const auto c = at::mm(a, b);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        gflops.push_back(2.0 * size * size * size / seconds / 1e9);
    }
    std::sort(gflops.begin(), gflops.end());
    return {{"min", gflops.front()}, {"median", gflops[gflops.size() / 2]}, {"max", gflops.back()}};
}

} // namespace

int main(int argc, char** argv)
{
    domaintune::tuneProcessForTensors();
    const int size = argc > 1 ? std::atoi(argv[1]) : 1024;
    const int repeats = argc > 2 ? std::atoi(argv[2]) : 10;
    if (size < 16 || repeats < 1) {
        std::cerr << "usage: bench_gemm [SIZE>=16] [REPEATS>=1]\n";
        return 2;
    }
    nlohmann::json result = nlohmann::json::parse(domaintune::collectSystemInfo().toJson());
    result["size"] = size;
    result["repeats"] = repeats;
    for (int threads : {1, 2}) {
        at::set_num_threads(threads);
        const std::string key = "threads_" + std::to_string(threads);
        result["fp32"][key] = measure(size, repeats, at::kFloat);
        result["bf16"][key] = measure(size, repeats, at::kBFloat16);
    }
    std::cout << result.dump(2) << '\n';
    return 0;
}
