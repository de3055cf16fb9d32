#include "core/model/generation.h"

#include "core/common/error.h"
#include "core/model/taskmodel.h"

#include <algorithm>
#include <set>

namespace domaintune {
namespace {

void checkOptions(const PretrainedModel& model, const std::vector<std::int64_t>& prompt,
                  const GenerationOptions& options)
{
    if (model.head() != HeadKind::CausalLm)
        throw Error(model.directory(), 0,
                    std::string("generation needs a causal language model; this model has a ") +
                        headKindName(model.head()) + " head",
                    "Choose a GPT-2 style model (or a run that fine-tuned one with --task clm).");
    if (prompt.empty())
        throw Error("The prompt is empty; give some text (or token ids) to continue.");
    for (const auto id : prompt)
        if (id < 0 || id >= model.config().vocabSize)
            throw Error("The prompt holds the token id " + std::to_string(id) +
                        ", outside the model's vocabulary of " +
                        std::to_string(model.config().vocabSize) + ".");
    if (options.maxNewTokens < 1 || options.maxNewTokens > 100000)
        throw Error("--max-new-tokens must be between 1 and 100000.");
    if (!options.greedy && !(options.temperature > 0))
        throw Error("The temperature must be above 0 (use greedy decoding for 0).");
    if (options.topK < 0 || !(options.topP > 0 && options.topP <= 1))
        throw Error("top-k must be 0 or more and top-p in (0, 1].");
    if (!(options.repetitionPenalty > 0))
        throw Error("The repetition penalty must be above 0 (1 turns it off).");
}

// transformers' RepetitionPenaltyLogitsProcessor.
void penalise(torch::Tensor& logits, const std::vector<std::int64_t>& seen, double penalty)
{
    if (penalty == 1.0)
        return;
    const std::set<std::int64_t> unique(seen.begin(), seen.end());
    const auto ids = torch::tensor(std::vector<std::int64_t>(unique.begin(), unique.end()),
                                   torch::TensorOptions().dtype(torch::kLong));
    auto scores = logits.index_select(0, ids);
    scores = torch::where(scores < 0, scores * penalty, scores / penalty);
    logits.index_copy_(0, ids, scores);
}

// transformers' Temperature, TopK and TopP warpers, in that order.
void warp(torch::Tensor& logits, const GenerationOptions& options)
{
    const float lowest = -std::numeric_limits<float>::infinity();
    if (options.temperature != 1.0)
        logits = logits / options.temperature;
    if (options.topK > 0 && options.topK < logits.size(0)) {
        const auto kth = std::get<0>(logits.topk(options.topK)).min();
        logits = logits.masked_fill(logits < kth, lowest);
    }
    if (options.topP < 1.0) {
        const auto sorted = logits.sort(/*dim=*/0, /*descending=*/false);
        const auto& values = std::get<0>(sorted);
        const auto& order = std::get<1>(sorted);
        const auto cumulative = values.softmax(0).cumsum(0);
        auto remove = cumulative <= (1.0 - options.topP);
        remove[-1] = false; // keep at least one token
        logits = logits.masked_fill(remove.scatter(0, order, remove), lowest);
    }
}

} // namespace

GenerationResult generate(const PretrainedModel& model, const std::vector<std::int64_t>& prompt,
                          const GenerationOptions& options,
                          const std::function<bool(std::int64_t)>& onToken)
{
    checkOptions(model, prompt, options);
    std::vector<std::int64_t> stops = options.stopIds;
    if (stops.empty() && model.config().eosTokenId)
        stops.push_back(*model.config().eosTokenId);
    const std::int64_t positions = model.config().maxPositions - model.config().positionOffset;
    torch::NoGradGuard noGrad;
    auto& module = model.module();
    module.eval();
    const auto device = module.parameters().front().device();
    auto generator = at::make_generator<at::CPUGeneratorImpl>(options.seed);

    GenerationResult result;
    std::vector<std::int64_t> sequence = prompt;
    KvCache cache;
    std::vector<std::int64_t> pending = prompt; // what the next forward pass must read
    while (true) {
        if (static_cast<std::int64_t>(result.newIds.size()) >= options.maxNewTokens) {
            result.stopReason = "max_new_tokens";
            break;
        }
        if (static_cast<std::int64_t>(sequence.size()) >= positions) {
            result.stopReason = "max_positions";
            break;
        }
        ModelBatch batch;
        batch.inputIds = torch::tensor(options.useCache ? pending : sequence,
                                       torch::TensorOptions().dtype(torch::kLong))
                             .unsqueeze(0)
                             .to(device);
        if (options.useCache)
            batch.cache = &cache;
        const auto output = module.forward(batch);
        auto logits = output.logits[0][-1].to(torch::kCPU, torch::kFloat).clone();
        penalise(logits, sequence, options.repetitionPenalty);
        std::int64_t next = 0;
        if (options.greedy) {
            next = logits.argmax().item<std::int64_t>();
        } else {
            warp(logits, options);
            next = torch::multinomial(logits.softmax(0), 1, false, generator).item<std::int64_t>();
        }
        result.newIds.push_back(next);
        sequence.push_back(next);
        pending = {next};
        if (onToken && !onToken(next)) {
            result.stopReason = "cancelled";
            break;
        }
        if (std::find(stops.begin(), stops.end(), next) != stops.end()) {
            result.stopReason = "eos";
            break;
        }
    }
    return result;
}

} // namespace domaintune
