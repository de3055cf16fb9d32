// bench_attention: what the fused attention kernel (ATen's scaled_dot_product_attention, LibTorch
// >= 2.1) changes against the spelled-out products (matmul, softmax, matmul), in one process and
// alternating: evaluation forward passes, and training steps of an all-MiniLM-L6-v2-shaped BERT
// (6 layers, 384 wide, 12 heads of 32) with attention dropout 0 (where the fused kernel applies
// in training) and 0.1 (where ATen refuses it, so both sides must match).
//
//   build-torch2/bench/bench_attention [THREADS=2] [ROUNDS=5] [LENGTH=128]
//
// Prints one JSON object: median seconds per call for each path and fused / spelled-out speed.
#include "core/common/systeminfo.h"
#include "core/model/modules.h"
#include "core/model/taskmodel.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>

namespace {

using namespace domaintune;
using Clock = std::chrono::steady_clock;

ModelConfig miniLmShape(double attentionDropout)
{
    return parseModelConfig({{"model_type", "bert"},
                             {"vocab_size", 30522},
                             {"hidden_size", 384},
                             {"num_hidden_layers", 6},
                             {"num_attention_heads", 12},
                             {"intermediate_size", 1536},
                             {"max_position_embeddings", 512},
                             {"attention_probs_dropout_prob", attentionDropout},
                             {"id2label", {{"0", "a"}, {"1", "b"}, {"2", "c"}}}},
                            "bench");
}

ModelBatch randomBatch(std::int64_t rows, std::int64_t length)
{
    ModelBatch batch;
    batch.inputIds = torch::randint(1000, 30000, {rows, length}, torch::kLong);
    // A quarter of each row is padding, as in a length-grouped batch's shorter rows.
    batch.attentionMask = torch::ones({rows, length}, torch::kLong);
    batch.attentionMask.narrow(1, length - length / 4, length / 4).zero_();
    return batch;
}

double seconds(const std::function<void()>& work)
{
    const auto start = Clock::now();
    work();
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    tuneProcessForTensors();
    const int threads = argc > 1 ? std::atoi(argv[1]) : 2;
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 5;
    const std::int64_t length = argc > 3 ? std::atoll(argv[3]) : 128;
    at::set_num_threads(threads);
    nlohmann::json result = {{"threads", threads},
                             {"rounds", rounds},
                             {"length", length},
                             {"fused_available", fusedAttentionAvailable()}};
    if (!fusedAttentionAvailable()) {
        std::cout << result.dump(2) << '\n';
        std::cerr << "bench_attention: this LibTorch has no fused attention (needs >= 2.1)\n";
        return 1;
    }
    torch::manual_seed(0);
    const auto evalBatch = randomBatch(64, length);
    const auto trainBatch = randomBatch(32, length);
    const auto labels = torch::randint(0, 3, {32}, torch::kLong);

    struct Case
    {
        std::string name;
        double dropout;
        bool training;
    };
    for (const Case& c :
         {Case{"evaluation_batch64", 0.1, false}, Case{"train_step_attention_dropout_0", 0.0, true},
          Case{"train_step_attention_dropout_0.1", 0.1, true}}) {
        torch::manual_seed(0);
        TaskModel model(miniLmShape(c.dropout), HeadKind::SequenceClassification);
        torch::optim::AdamW optimizer(model->parameters(), torch::optim::AdamWOptions(2e-5));
        const auto run = [&] {
            if (!c.training) {
                torch::NoGradGuard noGrad;
                model->eval();
                model->forward(evalBatch);
                return;
            }
            model->train();
            const auto loss =
                torch::nn::functional::cross_entropy(model->forward(trainBatch).logits, labels);
            loss.backward();
            optimizer.step();
            for (auto& parameter : model->parameters())
                parameter.mutable_grad().reset();
        };
        std::vector<double> fused, spelled;
        for (int round = 0; round < rounds + 1; ++round) {
            for (const bool useFused : {round % 2 == 0, round % 2 != 0}) {
                setFusedAttention(useFused);
                const double s = seconds(run);
                if (round > 0) // the first round warms both paths up
                    (useFused ? fused : spelled).push_back(s);
            }
        }
        result[c.name] = {{"fused_s", median(fused)},
                          {"spelled_out_s", median(spelled)},
                          {"speedup", median(spelled) / median(fused)}};
    }
    std::cout << result.dump(2) << '\n';
    return 0;
}
