// bench_trainspeed: training throughput of DomainTune's BERT (its own modules, AdamW, loss)
// at batch 32 x 128 tokens, all layers trainable and head-only, and real tokens/s with and
// without length grouping on a skewed corpus. bench/trainspeed.sh runs it next to the same
// measurement in PyTorch (bench/trainspeed_pytorch.py) and prints the ratio.
//
//   build/bench/bench_trainspeed [THREADS=2] [STEPS=8] [DEVICE=cpu]
//
// Prints one JSON object. Timing: 2 warm-up steps, then min and median of STEPS steps. DEVICE
// cuda (scripts/device-check.sh, next to `bench/trainspeed_pytorch.py 2 8 cuda`) times the two
// models on the GPU, each step ended by a device synchronisation; the length-grouping part is
// CPU-only.
#include "core/common/systeminfo.h"
#include "core/model/taskmodel.h"
#include "core/train/batchplanner.h"
#include "core/train/objective.h"

#include <ATen/Parallel.h>
#include <torch/cuda.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>

namespace {

using namespace domaintune;
using Clock = std::chrono::steady_clock;

ModelConfig bertConfig(std::int64_t layers, std::int64_t hidden)
{
    return parseModelConfig({{"model_type", "bert"},
                             {"vocab_size", 30522},
                             {"hidden_size", hidden},
                             {"num_hidden_layers", layers},
                             {"num_attention_heads", hidden / 64},
                             {"intermediate_size", 4 * hidden},
                             {"max_position_embeddings", 512},
                             {"id2label", {{"0", "a"}, {"1", "b"}, {"2", "c"}}}},
                            "bench");
}

/** Seconds per optimiser step for one fixed batch, min and median over @p steps. */
nlohmann::json timeSteps(TaskModelImpl& model, torch::optim::AdamW& optimizer,
                         const ModelBatch& batch, const torch::Tensor& labels, int steps)
{
    const bool cuda = labels.is_cuda();
    std::vector<double> seconds;
    for (int i = 0; i < steps + 2; ++i) {
        if (cuda)
            torch::cuda::synchronize();
        const auto start = Clock::now();
        const auto loss = torch::nn::functional::cross_entropy(model.forward(batch).logits, labels);
        loss.backward();
        optimizer.step();
        for (auto& parameter : model.parameters()) // as the trainer: dropped, not zeroed
            parameter.mutable_grad().reset();
        if (cuda)
            torch::cuda::synchronize();
        if (i >= 2)
            seconds.push_back(std::chrono::duration<double>(Clock::now() - start).count());
    }
    std::sort(seconds.begin(), seconds.end());
    const double median = seconds[seconds.size() / 2];
    return {{"step_s_min", seconds.front()},
            {"step_s_median", median},
            {"samples_per_s", double(batch.inputIds.size(0)) / median}};
}

nlohmann::json benchModel(const std::string& name, std::int64_t layers, std::int64_t hidden,
                          int steps, const torch::Device& device)
{
    nlohmann::json out;
    for (const bool headOnly : {false, true}) {
        torch::manual_seed(0);
        TaskModel model(bertConfig(layers, hidden), HeadKind::SequenceClassification);
        model->train();
        model->to(device);
        std::vector<torch::Tensor> trainable;
        for (const auto& item : model->named_parameters()) {
            const bool head = item.key().rfind("classifier", 0) == 0;
            item.value().set_requires_grad(!headOnly || head);
            if (!headOnly || head)
                trainable.push_back(item.value());
        }
        torch::optim::AdamW optimizer(trainable, torch::optim::AdamWOptions(2e-5));
        ModelBatch batch;
        batch.inputIds = torch::randint(1000, 30000, {32, 128}, torch::kLong).to(device);
        batch.attentionMask = torch::ones({32, 128}, torch::kLong).to(device);
        const auto labels = torch::randint(0, 3, {32}, torch::kLong).to(device);
        out[headOnly ? "head_only" : "all_layers"] =
            timeSteps(*model, optimizer, batch, labels, steps);
    }
    return {{name, out}};
}

/** Real (non-padding) tokens per second over one epoch of a skewed-length corpus. */
nlohmann::json benchLengthGrouping(int batches)
{
    std::mt19937 random(3);
    std::lognormal_distribution<double> lengths(3.2, 0.8); // many short texts, a few long
    FeatureSet set;
    set.labels = {"a", "b", "c"};
    for (int i = 0; i < batches * 32; ++i) {
        Feature feature;
        const auto length = std::clamp<std::int64_t>(std::int64_t(lengths(random)), 4, 128);
        feature.ids.assign(std::size_t(length), 1000);
        feature.typeIds.assign(std::size_t(length), 0);
        feature.labels = {std::int64_t(i % 3)};
        set.features.push_back(feature);
    }
    std::vector<std::int64_t> sizes;
    for (const auto& feature : set.features)
        sizes.push_back(std::int64_t(feature.ids.size()));
    nlohmann::json out;
    for (const bool grouped : {false, true}) {
        torch::manual_seed(0);
        TaskModel model(bertConfig(4, 256), HeadKind::SequenceClassification);
        torch::optim::AdamW optimizer(model->parameters(), torch::optim::AdamWOptions(2e-5));
        const Objective objective(Task::SequenceClassification, {0, -1, 30522}, 0.15, false);
        const auto plan = BatchPlanner(sizes, 32, grouped, 1).epoch(0);
        std::int64_t tokens = 0;
        const auto start = Clock::now();
        for (const auto& indices : plan) {
            const auto batch = objective.makeBatch(set, indices);
            objective.loss(model->forward(batch.inputs), batch).backward();
            optimizer.step();
            for (auto& parameter : model->parameters())
                parameter.mutable_grad().reset();
            tokens += batch.realTokens;
        }
        const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        out[grouped ? "grouped" : "random"] = {{"real_tokens_per_s", double(tokens) / seconds},
                                               {"seconds", seconds}};
    }
    out["speedup"] = out["grouped"]["real_tokens_per_s"].get<double>() /
                     out["random"]["real_tokens_per_s"].get<double>();
    return out;
}

} // namespace

int main(int argc, char** argv)
{
    tuneProcessForTensors();
    const int threads = argc > 1 ? std::atoi(argv[1]) : 2;
    const int steps = argc > 2 ? std::atoi(argv[2]) : 8;
    const std::string deviceName = argc > 3 ? argv[3] : "cpu";
    if (deviceName != "cpu" && deviceName != "cuda") {
        std::cerr << "bench_trainspeed: DEVICE is cpu or cuda, not " << deviceName << '\n';
        return 2;
    }
    if (deviceName == "cuda" && !torch::cuda::is_available()) {
        std::cerr << "bench_trainspeed: no CUDA device is visible to this LibTorch\n";
        return 1;
    }
    const torch::Device device(deviceName == "cuda" ? torch::kCUDA : torch::kCPU);
    at::set_num_threads(threads);
    nlohmann::json result = {{"threads", threads},
                             {"steps", steps},
                             {"batch", 32},
                             {"tokens", 128},
                             {"device", deviceName}};
    result["blas"] = blasKindName(detectBlas().kind);
    result.update(benchModel("bert-mini", 4, 256, steps, device));
    result.update(benchModel("bert-small", 4, 512, steps, device));
    if (device.is_cpu())
        result["length_grouping"] = benchLengthGrouping(24);
    std::cout << result.dump(2) << '\n';
    return 0;
}
