// The cost of summing one step's gradients over the processes of a data-parallel run
// (RankGroup::sumInPlace: c10d Gloo, 25 MB buckets), for BERT-small and BERT-base sized
// gradients. Starts WORLD (default 2) copies of itself on 127.0.0.1 unless WORLD_SIZE is set
// (then it is one of them, e.g. under torchrun across machines); rank 0 prints JSON.
//   bench_allreduce [REPEATS=10] [WORLD=2]
#include "core/train/distributedenv.h"
#include "core/train/processlauncher.h"
#include "core/train/rankgroup.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/wait.h>
#include <vector>

using namespace domaintune;

namespace {

/** The parameter shapes of a BERT encoder with a 2-class head (what a fine-tune sums). */
std::vector<std::vector<std::int64_t>> bertShapes(std::int64_t layers, std::int64_t hidden,
                                                  std::int64_t inner)
{
    std::vector<std::vector<std::int64_t>> shapes = {
        {30522, hidden}, {512, hidden}, {2, hidden}, {hidden}, {hidden}};
    for (std::int64_t layer = 0; layer < layers; ++layer) {
        for (int projection = 0; projection < 4; ++projection) { // q, k, v, attention output
            shapes.push_back({hidden, hidden});
            shapes.push_back({hidden});
        }
        shapes.insert(shapes.end(), {{hidden},
                                     {hidden},
                                     {inner, hidden},
                                     {inner},
                                     {hidden, inner},
                                     {hidden},
                                     {hidden},
                                     {hidden}});
    }
    shapes.insert(shapes.end(), {{hidden, hidden}, {hidden}, {2, hidden}, {2}});
    return shapes;
}

int worker(int repeats)
{
    const auto env = distributedEnvFromEnvironment();
    RankGroup group(*env);
    struct Model
    {
        const char* name;
        std::vector<std::vector<std::int64_t>> shapes;
    };
    const Model models[] = {{"bert-small", bertShapes(4, 512, 2048)},
                            {"bert-base", bertShapes(12, 768, 3072)}};
    std::string json = "[";
    for (const auto& model : models) {
        std::vector<torch::Tensor> gradients;
        std::int64_t count = 0;
        for (const auto& shape : model.shapes) {
            gradients.push_back(torch::randn(shape));
            count += gradients.back().numel();
        }
        group.sumInPlace(gradients); // warm-up: connections, buffers
        std::vector<double> seconds;
        for (int repeat = 0; repeat < repeats; ++repeat) {
            group.barrier();
            const auto start = std::chrono::steady_clock::now();
            group.sumInPlace(gradients);
            seconds.push_back(
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        }
        std::sort(seconds.begin(), seconds.end());
        const double median = seconds[seconds.size() / 2];
        const double bytes = double(count) * 4;
        char line[320];
        std::snprintf(line, sizeof line,
                      "%s{\"model\": \"%s\", \"parameters\": %lld, \"gradient_mb\": %.1f, "
                      "\"processes\": %d, \"median_ms\": %.1f, \"best_ms\": %.1f, "
                      "\"gradient_gb_per_s\": %.2f}",
                      json.size() > 1 ? ", " : "", model.name, static_cast<long long>(count),
                      bytes / 1e6, group.size(), median * 1e3, seconds.front() * 1e3,
                      bytes / median / 1e9);
        json += line;
    }
    if (group.leader())
        std::printf("%s]\n", json.c_str());
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    const int repeats = argc > 1 ? std::atoi(argv[1]) : 10;
    if (std::getenv("WORLD_SIZE"))
        return worker(repeats);
    DistributedEnv env;
    env.worldSize = env.localWorldSize = argc > 2 ? std::atoi(argv[2]) : 2;
    env.masterPort = freeLocalPort();
    const auto children =
        spawnRanks(env, 0, env.worldSize, "/proc/self/exe", {std::to_string(repeats)});
    int worst = 0;
    for (const pid_t pid : children) {
        int status = 0;
        waitpid(pid, &status, 0);
        worst = std::max(worst, WIFEXITED(status) ? WEXITSTATUS(status) : 1);
    }
    return worst;
}
