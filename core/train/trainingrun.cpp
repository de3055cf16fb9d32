#include "core/train/trainingrun.h"

#include "core/common/blasinfo.h"
#include "core/common/error.h"
#include "core/hub/modelprovenance.h"
#include "core/model/lora.h"
#include "core/model/modules.h"
#include "core/text/tokenizerfactory.h"
#include "core/train/bestmodeltracker.h"
#include "core/train/evaluator.h"
#include "core/train/featurizer.h"
#include "core/train/modelfit.h"
#include "core/train/optimizersetup.h"
#include "core/train/packing.h"
#include "core/train/task.h"
#include "core/train/validationsplit.h"

#include <ATen/Parallel.h>
#include <ATen/autocast_mode.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

namespace domaintune {
namespace {

using Clock = std::chrono::steady_clock;

} // namespace

void TrainingRun::emitLog(const std::string& message)
{
    TrainingEvent log;
    log.kind = TrainingEventKind::Log;
    log.message = message;
    emit(std::move(log));
}

void TrainingRun::emit(TrainingEvent event)
{
    event.step = m_state.step;
    event.totalSteps = m_totalSteps;
    event.elapsedSeconds = std::chrono::duration<double>(Clock::now() - m_started).count();
    m_sink.onEvent(event);
}

void TrainingRun::prepare()
{
    TrainSpec& spec = m_s.spec;
    spec.validate();
    if (spec.threads > 0)
        at::set_num_threads(spec.threads);
    else if (m_group && m_group->env().localWorldSize > 1) {
        // The cores shared out, not oversold: LibTorch's threads and OpenBLAS's own (which
        // would otherwise each take every core in every process).
        const int share =
            std::max(1, int(std::thread::hardware_concurrency()) / m_group->env().localWorldSize);
        at::set_num_threads(share);
        setBlasThreads(share);
    }
    m_s.tokenizer = loadTokenizer(spec.modelDir);

    std::vector<Example> train = m_data.train, validation = m_data.validation;
    if (train.empty())
        throw Error(spec.trainFile, 0, "the training data holds no examples",
                    "Choose a file with at least a few labelled examples.");
    if (validation.empty() && spec.validationFraction > 0)
        holdOutValidation(parseTask(spec.task).data, train, validation, spec.validationFraction,
                          spec.seed);

    const TaskInfo& task = parseTask(spec.task);
    std::vector<std::string> labels;
    if (task.labelled()) {
        auto all = train;
        all.insert(all.end(), validation.begin(), validation.end());
        labels = Featurizer::discoverLabels(task.task, all);
        if (labels.size() < task.minLabels)
            throw Error(spec.trainFile, 0,
                        "the data has " + std::to_string(labels.size()) + " distinct label(s); " +
                            task.title + " needs at least " + std::to_string(task.minLabels),
                        "Check the label column.");
    }
    ModelLoadOptions load;
    load.head = task.head;
    load.labels = labels;
    load.seed = spec.seed;
    load.problemType = task.problemType;
    m_s.model = PretrainedModel::load(spec.modelDir, load);
    if (std::string why;
        spec.packSequences && !packingSupported(task.task, m_s.model->config(), &why))
        throw Error(why);
    checkRunFitsModel(m_s.model->config(), spec.modelDir, spec.maxLength,
                      m_s.tokenizer->vocabSize());
    m_s.model->moveTo(spec.device);
    if (spec.dropout >= 0)
        m_s.model->setDropout(spec.dropout);
    attachAdapters();
    if (m_group) {
        if (m_s.model->module().parameters().front().device().is_cuda())
            throw Error("Training on several processes runs on the CPU (Gloo), and this run is on "
                        "a GPU; DomainTune has no process group for GPUs (NCCL) yet. Train on one "
                        "process on the GPU, or choose the CPU as the device (--device cpu).");
        shareLeaderWeights();
    }
    TrainingEvent loaded;
    loaded.message = m_s.model->loadReport().summary();
    emit(loaded);

    const Featurizer featurizer(*m_s.tokenizer, task.task, spec.maxLength, labels);
    m_s.train = featurizer.build(train);
    m_s.validation = featurizer.build(validation);
    m_state.labels = labels;

    const auto ids = ObjectiveIds::of(*m_s.tokenizer, m_s.model->config().vocabSize);
    torch::Tensor weights;
    if (spec.classWeights && task.classWeights) {
        weights = torch::zeros({static_cast<std::int64_t>(labels.size())}, torch::kFloat);
        for (const auto& feature : m_s.train.features)
            weights[feature.labels.front()] += 1;
        weights = weights.sum() / (weights.clamp_min(1) * double(labels.size()));
    }
    m_s.objective = std::make_unique<Objective>(task.task, ids, spec.mlmProbability,
                                                spec.wholeWordMasking, weights);
    m_device = m_s.model->module().parameters().front().device();
    if (spec.fp16 && !m_device.is_cuda())
        throw Error("fp16 training needs a CUDA GPU, and this run is on the CPU. Use bf16 "
                    "(on CPUs with AVX-512 BF16 or AMX) or full precision.");
    m_fp16 = spec.fp16;
    m_packPadId = spec.packSequences ? ids.pad : -1;
    m_s.optimiser = std::make_unique<OptimizerSetup>(*m_s.model, spec);
}

void TrainingRun::attachAdapters()
{
    const TrainSpec& spec = m_s.spec;
    if (spec.lora.enabled()) {
        if (m_s.model->lora())
            throw Error(spec.modelDir, 0,
                        "the model is a LoRA adapter already, and this run asks for new ones",
                        "Train it without --lora-r to go on training its adapter, or export it "
                        "merged (domaintune-cli export --format hf) and start from that.");
        // PEFT records the base as a Hub id where there is one, else as a folder.
        const auto source = modelProvenance(spec.modelDir);
        const std::string base = source.value("kind", "") == "hub-cache"
                                     ? source.value("id", spec.modelDir)
                                     : source.value("path", spec.modelDir);
        const auto adapted = m_s.model->attachLora(spec.lora, base);
        TrainingEvent event;
        event.message = "LoRA: rank " + std::to_string(spec.lora.rank) + " adapters on " +
                        std::to_string(adapted.size()) + " projections";
        emit(event);
    }
    if (!m_s.model->lora())
        return;
    // Only the adapters and the head learn; the backbone stays the pretrained one.
    const auto keep = m_s.model->loraModulesToSave();
    for (auto& item : m_s.model->module().named_parameters()) {
        bool trainable = isAdapterParameter(item.key());
        for (const auto& prefix : keep)
            trainable = trainable || item.key().rfind(prefix + ".", 0) == 0;
        if (!trainable)
            item.value().set_requires_grad(false);
    }
}

bool TrainingRun::shouldCacheFeatures(std::int64_t epoch)
{
    const TrainSpec& spec = m_s.spec;
    if (!spec.cacheFrozenFeatures || !parseTask(spec.task).labelled())
        return false;
    const auto trainable = m_s.optimiser->freeze().trainable(static_cast<int>(epoch));
    const auto& groups = m_s.optimiser->freeze().groups();
    for (std::size_t g = 0; g < groups.size(); ++g)
        if (trainable[g] && groups[g] != "head")
            return false;
    // One pass costs what caching costs; it pays from the second epoch on. Decided on the
    // run's totals (not what is left) so that a resumed run makes the same choice.
    if (m_totalSteps <= m_stepsPerEpoch)
        return false;
    const std::int64_t bytes =
        FeatureCache::estimateBytes(m_s.train, m_s.model->config().hiddenSize);
    constexpr std::int64_t limit = std::int64_t(2) << 30;
    if (bytes > limit) {
        if (!m_cache)
            emitLog("Not caching the frozen backbone's features: they would take " +
                    std::to_string(bytes >> 20) + " MiB (limit " + std::to_string(limit >> 20) +
                    " MiB).");
        return false;
    }
    return true;
}

void TrainingRun::checkpoint()
{
    const std::string directory = checkpointDirectory();
    m_result.checkpointDir = directory;
    if (!leader()) { // rank 0 writes it; every rank has the same weights and state
        m_lastCheckpoint = Clock::now();
        return;
    }
    saveCheckpoint(directory, m_s.model->module(), m_s.optimiser->optimizer(), m_state);
    m_lastCheckpoint = Clock::now();
    m_result.checkpointDir = directory;
    TrainingEvent event;
    event.kind = TrainingEventKind::Checkpoint;
    event.path = directory;
    emit(event);
}

bool TrainingRun::evaluateAndTrack()
{
    if (m_s.validation.features.empty() || m_lastEvaluatedStep == m_state.step)
        return false;
    m_lastEvaluatedStep = m_state.step;
    // Batches of the global batch size: the same batches (and mean of their losses) as one
    // process training at that batch size.
    const auto evaluation =
        evaluate(m_s.model->module(), *m_s.objective, m_s.validation,
                 m_s.spec.batchSize * processes(), m_s.spec.seed, m_control, m_group.get());
    if (!evaluation.complete) {
        // Cancelled midway: not an evaluation of the validation set. Nothing is recorded, best/
        // stays as it was, and a resumed run evaluates this step again.
        m_lastEvaluatedStep = -1;
        m_state.evaluationPending = true;
        return false;
    }
    m_state.evaluationPending = false;
    m_result.metrics = evaluation.metrics;
    emit(evaluationEvent(evaluation, double(m_state.epoch)));

    if (m_best->offer(evaluation.metrics, m_state)) {
        m_result.bestMetrics = evaluation.metrics;
        m_result.bestModelDir = m_s.spec.outputDir + "/best";
        if (leader())
            m_s.model->save(m_result.bestModelDir);
    }
    return m_best->patienceRunOut(m_state);
}

void TrainingRun::dropGradients()
{
    // Dropped, not zeroed: the next backward writes them afresh instead of filling zeros and
    // adding to them (the optimiser and clipping skip undefined gradients).
    for (auto& parameter : m_s.model->module().parameters())
        if (parameter.grad().defined())
            parameter.mutable_grad().reset();
}

void TrainingRun::recoverFromNonFinite(const std::string& what)
{
    const std::string directory = checkpointDirectory();
    bool saved = std::filesystem::exists(directory + "/state.json");
    if (m_group) // rank 0 writes checkpoints; the others may not even see the folder
        saved = m_group->fromLeader({saved ? 1.0 : 0.0}).front() > 0;
    TrainingEvent event;
    event.kind = TrainingEventKind::Recovery;
    event.message = m_recovery.onFailure(what, m_state, m_s.spec.learningRate, saved, [&] {
        const TrainerState now = m_state; // keep the data position, counters, lowered rate
        std::int64_t step = 0;
        if (leader())
            step = loadCheckpoint(directory, m_s.model->module(), m_s.optimiser->optimizer()).step;
        if (m_group) {
            step = static_cast<std::int64_t>(m_group->fromLeader({double(step)}).front());
            shareLeaderTrainingState();
        }
        m_state = now;
        return step;
    });
    event.metrics = {{"skipped_steps", double(m_state.skippedSteps)},
                     {"lr_scale", m_state.lrScale},
                     {"rollbacks", double(m_state.rollbacks)}};
    emit(event);
}

bool TrainingRun::optimiserStep(double lossSum, std::int64_t micro,
                                const LearningRateSchedule& schedule, std::int64_t totalSteps,
                                std::int64_t samples, std::int64_t tokens)
{
    const TrainSpec& spec = m_s.spec;
    if (m_group)
        sumGradients();
    auto parameters = m_s.model->module().parameters();
    if (m_fp16)
        for (auto& parameter : parameters)
            if (parameter.grad().defined())
                parameter.mutable_grad().mul_(1.0 / m_scaler.scale());
    // The norm is computed even without clipping: it is how non-finite gradients show.
    const double norm = torch::nn::utils::clip_grad_norm_(
        parameters,
        spec.maxGradNorm > 0 ? spec.maxGradNorm : std::numeric_limits<double>::infinity());
    const bool finite = std::isfinite(norm);
    if (m_fp16) { // an fp16 overflow is expected now and then: the scale goes down, no recovery
        m_scaler.update(finite);
        m_state.lossScale = m_scaler.scale(); // checkpointed with the rest of the state
        m_state.lossScaleGoodSteps = m_scaler.goodSteps();
    }
    if (!finite) {
        dropGradients();
        if (!m_fp16)
            recoverFromNonFinite("gradients were not finite");
        return false;
    }
    m_recovery.onSuccess();
    const double factor = schedule.multiplier(m_state.step) * m_state.lrScale;
    m_s.optimiser->setLearningRate(spec.learningRate, factor);
    m_s.optimiser->optimizer().step();
    dropGradients();
    ++m_state.step;
    ++m_stepsThisCall;

    m_throughput.add(samples, tokens);
    const double window = m_throughput.seconds();
    TrainingEvent event;
    event.kind = TrainingEventKind::Step;
    event.processes = static_cast<int>(processes());
    event.loss = lossSum / double(micro);
    event.learningRate = spec.learningRate * factor;
    event.epoch = double(m_state.epoch) + double(m_state.batchInEpoch) /
                                              double(std::max<std::int64_t>(1, m_batchesPerEpoch));
    if (window > 0) {
        event.samplesPerSecond = m_throughput.samplesPerSecond(window);
        event.tokensPerSecond = m_throughput.tokensPerSecond(window);
    }
    const double elapsed =
        std::chrono::duration<double>(Clock::now() - m_started).count() - m_pausedSeconds;
    event.etaSeconds = elapsed / double(m_stepsThisCall) * double(totalSteps - m_state.step);
    emit(event);
    m_throughput.roll();
    return true;
}

std::pair<bool, bool> TrainingRun::controlRequests()
{
    bool cancel = m_control.cancelRequested(), pause = m_control.paused();
    if (m_group) { // any rank's request counts, so that all act on it at the same step
        const auto agreed = m_group->max({cancel ? 1.0 : 0.0, pause ? 1.0 : 0.0});
        cancel = agreed[0] > 0;
        pause = agreed[1] > 0;
    }
    return {cancel, pause};
}

bool TrainingRun::waitWhilePaused()
{
    auto [cancel, pause] = controlRequests();
    if (!pause || cancel)
        return cancel;
    TrainingEvent event;
    event.kind = TrainingEventKind::Paused;
    event.message = "Paused at step " + std::to_string(m_state.step);
    emit(event);
    const auto pausedAt = Clock::now();
    while (pause && !cancel) {
        // Several processes ask each other: less often (each question is a round trip).
        std::this_thread::sleep_for(std::chrono::milliseconds(m_group ? 200 : 50));
        std::tie(cancel, pause) = controlRequests();
    }
    // Neither the time left nor the speed counts the pause.
    m_pausedSeconds += std::chrono::duration<double>(Clock::now() - pausedAt).count();
    m_throughput = ThroughputMeter();
    if (cancel)
        return true;
    event.kind = TrainingEventKind::Resumed;
    event.message = "Resumed at step " + std::to_string(m_state.step);
    emit(event);
    return false;
}

void TrainingRun::shareLeaderWeights()
{
    auto& module = m_s.model->module();
    std::string signature;
    for (const auto& item : module.named_parameters())
        signature += item.key() + c10::str(item.value().sizes()) + ";";
    for (const auto& item : module.named_buffers())
        signature += item.key() + c10::str(item.value().sizes()) + ";";
    const auto all = m_group->gatherBytes(signature);
    for (std::size_t rank = 1; rank < all.size(); ++rank)
        if (all[rank] != all[0])
            throw Error("Process " + std::to_string(rank) +
                        " built a model with other weights than process 0 (other names or "
                        "shapes): every process must start from the same model folder, spec and "
                        "data. Check that each machine has the same files at the same paths.");
    shareLeaderTrainingState();
}

void TrainingRun::shareLeaderTrainingState()
{
    torch::NoGradGuard noGrad;
    auto& module = m_s.model->module();
    std::vector<torch::Tensor> tensors;
    for (const auto& parameter : module.parameters())
        tensors.push_back(parameter.detach());
    for (const auto& buffer : module.buffers())
        tensors.push_back(buffer.detach());
    for (auto& tensor : tensors) {
        if (tensor.is_contiguous()) {
            m_group->broadcast({tensor});
        } else {
            auto copy = tensor.contiguous();
            m_group->broadcast({copy});
            tensor.copy_(copy);
        }
    }
    if (!m_s.optimiser)
        return;
    std::ostringstream state;
    if (leader())
        torch::save(m_s.optimiser->optimizer(), state);
    const std::string bytes = m_group->broadcastBytes(state.str());
    if (!leader()) {
        std::istringstream in(bytes);
        torch::load(m_s.optimiser->optimizer(), in);
    }
}

void TrainingRun::sumGradients()
{
    std::vector<torch::Tensor> parameters;
    for (const auto& parameter : m_s.model->module().parameters())
        if (parameter.requires_grad())
            parameters.push_back(parameter);
    std::vector<double> has(parameters.size());
    for (std::size_t i = 0; i < parameters.size(); ++i)
        has[i] = parameters[i].grad().defined() ? 1.0 : 0.0;
    has = m_group->sum(has);
    std::vector<torch::Tensor> gradients;
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        if (has[i] == 0)
            continue; // no rank has one: the optimiser skips it, as on one process
        auto& parameter = parameters[i];
        if (!parameter.grad().defined())
            parameter.mutable_grad() = torch::zeros_like(parameter);
        gradients.push_back(parameter.mutable_grad());
    }
    m_group->sumInPlace(gradients);
}

std::vector<std::size_t> TrainingRun::shareOf(const std::vector<std::size_t>& indices) const
{
    const std::size_t parts = static_cast<std::size_t>(processes());
    const std::size_t each = (indices.size() + parts - 1) / parts;
    const std::size_t begin = std::min(indices.size(), std::size_t(m_group->rank()) * each);
    const std::size_t end = std::min(indices.size(), begin + each);
    return {indices.begin() + long(begin), indices.begin() + long(end)};
}

bool TrainingRun::trainEpoch(const BatchPlanner& planner, std::int64_t totalSteps,
                             const LearningRateSchedule& schedule)
{
    const TrainSpec& spec = m_s.spec;
    auto& model = m_s.model->module();
    model.train();
    m_s.optimiser->applyFreeze(m_state.epoch);
    if (!shouldCacheFeatures(m_state.epoch)) {
        m_cache.reset();
    } else if (!m_cache) {
        emitLog("Only the head trains: computing the frozen backbone's features once (dropout "
                "off below the head).");
        m_cache = std::make_unique<FeatureCache>(model, *m_s.objective, m_s.train,
                                                 std::max<std::int64_t>(spec.batchSize, 32),
                                                 m_device, spec.bf16);
    }
    const auto batches = planner.epoch(m_state.epoch);
    double lossSum = 0;
    std::int64_t micro = 0, samples = 0, tokens = 0;
    while (m_state.batchInEpoch < static_cast<std::int64_t>(batches.size())) {
        if (micro == 0 && waitWhilePaused()) // pause and cancel act between optimiser steps
            return false;
        const auto& global = batches[static_cast<std::size_t>(m_state.batchInEpoch)];
        // Data-parallel: this process's share of the global batch (possibly none at the end).
        const auto indices = m_group ? shareOf(global) : global;
        torch::Tensor loss;
        double value = 0, weight = 0;
        std::int64_t batchSize = 0, batchTokens = 0;
        if (!indices.empty()) {
            auto batch = m_s.objective->makeBatch(m_s.train, indices);
            // Packed rows as long as the run's longest input (cached head features are per
            // example, so a head-only epoch stays unpacked).
            if (m_packPadId >= 0 && !m_cache)
                batch = packBatch(batch, m_packPadId, spec.maxLength);
            batch = batch.to(m_device);
            // bf16 autocast: oneDNN/AMX on the CPU, tensor cores on CUDA (no loss scaling
            // needed). fp16 (CUDA): autocast to half, the loss scaled (LossScaler).
            const bool cuda = m_device.is_cuda();
            at::autocast::set_cpu_enabled(spec.bf16 && !cuda);
            at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
            at::autocast::set_enabled((spec.bf16 || m_fp16) && cuda);
            at::autocast::set_autocast_gpu_dtype(m_fp16 ? at::kHalf : at::kBFloat16);
            const ModelOutput output =
                m_cache ? model.forwardHead(m_cache->gather(indices, batch.inputs.inputIds.size(1)),
                                            batch.inputs)
                        : model.forward(batch.inputs);
            loss = m_s.objective->loss(output, batch).to(torch::kFloat);
            at::autocast::set_cpu_enabled(false);
            at::autocast::set_enabled(false);
            const int rank = m_group ? m_group->rank() : 0;
            if (m_options.injectNonFiniteLossAtStep > 0 &&
                m_state.step + 1 >= m_options.injectNonFiniteLossAtStep &&
                m_injected < m_options.injectNonFiniteLossCount &&
                (m_options.injectNonFiniteLossRank < 0 ||
                 m_options.injectNonFiniteLossRank == rank)) {
                ++m_injected;
                loss = loss * std::numeric_limits<float>::quiet_NaN();
            }
            value = loss.item<double>();
            weight = m_group ? m_s.objective->lossWeight(batch) : 1.0;
            batchSize = batch.size;
            batchTokens = batch.realTokens;
        }
        // A share without scored tokens adds nothing (its mean loss is 0/0).
        bool finite = std::isfinite(value) || (m_group && weight == 0);
        double share = 1.0, mean = value;
        if (m_group) {
            // One small sum per micro-batch: whether any rank's loss was non-finite (then all
            // drop the batch), and the weights that make the ranks' gradients add up to the
            // whole batch's mean, as on one process.
            const auto agreed = m_group->sum({finite ? 0.0 : 1.0, weight,
                                              finite && weight > 0 ? value * weight : 0.0,
                                              double(batchSize), double(batchTokens)});
            // No scored token in the whole batch is a mean of nothing, as on one process.
            const bool everywhere = agreed[0] == 0 && agreed[1] > 0;
            if (everywhere && agreed[1] > 0) {
                share = weight / agreed[1];
                mean = agreed[2] / agreed[1];
            }
            if (!everywhere && finite)
                value = std::numeric_limits<double>::quiet_NaN(); // another rank's
            finite = everywhere;
            batchSize = static_cast<std::int64_t>(agreed[3]);
            batchTokens = static_cast<std::int64_t>(agreed[4]);
        }
        if (!finite) {
            // Never train on it: the batch (and the step's earlier micro-batches) is dropped.
            dropGradients();
            lossSum = 0;
            micro = samples = tokens = 0;
            ++m_state.batchInEpoch;
            recoverFromNonFinite(std::string("loss was ") +
                                 (std::isnan(value) ? "NaN" : "infinite"));
            continue;
        }
        if (loss.defined() && share > 0) {
            auto scaled = loss * share / double(spec.gradientAccumulation);
            if (m_fp16)
                scaled = scaled * m_scaler.scale();
            scaled.backward();
        }
        lossSum += mean;
        samples += batchSize;
        tokens += batchTokens;
        ++micro;
        ++m_state.batchInEpoch;
        const bool lastOfEpoch = m_state.batchInEpoch == static_cast<std::int64_t>(batches.size());
        if (micro < spec.gradientAccumulation && !lastOfEpoch)
            continue;
        const bool stepped = optimiserStep(lossSum, micro, schedule, totalSteps, samples, tokens);
        lossSum = 0;
        micro = samples = tokens = 0;
        if (!stepped)
            continue;
        if (spec.evalSteps > 0 && m_state.step % spec.evalSteps == 0 && evaluateAndTrack())
            m_stop = true;
        const bool due = spec.checkpointMinutes > 0 &&
                         std::chrono::duration<double>(Clock::now() - m_lastCheckpoint).count() >=
                             spec.checkpointMinutes * 60.0;
        if ((spec.checkpointSteps > 0 && m_state.step % spec.checkpointSteps == 0) || due)
            checkpoint();
        if (m_options.stopAfterSteps > 0 && m_stepsThisCall >= m_options.stopAfterSteps)
            return false;
        if (m_stop || m_state.step >= totalSteps)
            return true;
    }
    return true;
}

TrainResult TrainingRun::execute()
{
    // prepare() may share the cores out between processes: a later run in the same program
    // (the GUI) starts from the count it found.
    struct ThreadsRestored
    {
        int threads = at::get_num_threads();
        ~ThreadsRestored() { at::set_num_threads(threads); }
    } restored;
    try {
        if (m_options.distributed && m_options.distributed->distributed())
            m_group = std::make_unique<RankGroup>(*m_options.distributed);
        prepare();
        const TrainSpec& spec = m_s.spec;
        std::vector<std::int64_t> lengths;
        for (const auto& feature : m_s.train.features)
            lengths.push_back(static_cast<std::int64_t>(feature.ids.size()));
        // Global batches (batch size × processes); each process trains on its share of each.
        const BatchPlanner planner(lengths, spec.batchSize * processes(), spec.groupByLength,
                                   spec.seed);
        m_batchesPerEpoch = planner.batchesPerEpoch();
        const auto stepsPerEpoch =
            (m_batchesPerEpoch + spec.gradientAccumulation - 1) / spec.gradientAccumulation;
        m_stepsPerEpoch = stepsPerEpoch;
        m_totalSteps = spec.maxSteps > 0 ? spec.maxSteps : stepsPerEpoch * spec.epochs;
        const LearningRateSchedule schedule(
            parseScheduleKind(spec.schedule),
            static_cast<std::int64_t>(std::ceil(spec.warmupRatio * double(m_totalSteps))),
            m_totalSteps);
        m_state.spec = spec.toJson();
        m_state.worldSize = processes();
        m_best = std::make_unique<BestModelTracker>(spec);
        if (m_options.resume)
            resumeFromCheckpoint();
        m_scaler.restore(m_state.lossScale, m_state.lossScaleGoodSteps);

        TrainingEvent started;
        started.kind = TrainingEventKind::Started;
        started.message = std::to_string(m_s.train.features.size()) + " training and " +
                          std::to_string(m_s.validation.features.size()) +
                          " validation examples; " + std::to_string(m_totalSteps) + " steps";
        if (m_group)
            started.message +=
                "; " + std::to_string(processes()) + " processes, global batch " +
                std::to_string(spec.batchSize * processes() * spec.gradientAccumulation) + " (" +
                std::to_string(spec.batchSize) + " per process × " + std::to_string(processes()) +
                " × accumulation " + std::to_string(spec.gradientAccumulation) + ")";
        emit(started);
        if (m_state.evaluationPending && evaluateAndTrack()) // cut short by the last cancel
            m_stop = true;
        while (m_state.step < m_totalSteps && !m_stop) {
            if (!trainEpoch(planner, m_totalSteps, schedule))
                return finishInterrupted();
            if (m_state.batchInEpoch >= m_batchesPerEpoch) {
                ++m_state.epoch;
                m_state.batchInEpoch = 0;
                if (evaluateAndTrack())
                    m_stop = true;
                checkpoint();
            }
        }
        return finishCompleted();
    } catch (const std::exception& e) {
        std::string message = e.what();
        message = message.substr(0, message.find('\n')); // c10 errors carry backtraces
        if (m_group) {
            // For the others' message; a lost contact was reported as such already.
            if (message.rfind("Training lost contact", 0) != 0)
                m_group->reportFailure(message);
            if (!m_group->leader())
                message = "Process " + std::to_string(m_group->rank()) + " of " +
                          std::to_string(m_group->size()) + ": " + message;
        }
        m_result.status = "failed";
        m_result.message = message;
        m_result.steps = m_state.step;
        TrainingEvent failed;
        failed.kind = TrainingEventKind::Failed;
        failed.message = message;
        emit(failed);
        return m_result;
    }
}

void TrainingRun::resumeFromCheckpoint()
{
    const std::string directory = checkpointDirectory();
    TrainerState saved;
    std::string outcome; // rank 0: the state, or "!" and why the run cannot resume
    if (leader()) {
        try {
            saved = loadCheckpoint(directory, m_s.model->module(), m_s.optimiser->optimizer());
            checkResumable(saved, m_state, directory);
            outcome = saved.toJson().dump();
        } catch (const std::exception& e) {
            if (!m_group)
                throw;
            outcome = std::string("!") + e.what();
        }
    }
    if (m_group) { // the others learn it from rank 0: they need not see the folder
        outcome = m_group->broadcastBytes(outcome);
        if (outcome.rfind('!', 0) == 0)
            throw Error(outcome.substr(1));
        saved = TrainerState::fromJson(nlohmann::json::parse(outcome));
        shareLeaderTrainingState();
    }
    m_state = saved;
    // The checkpoint's step was evaluated before saving, unless a cancel cut that short.
    m_lastEvaluatedStep = m_state.evaluationPending ? -1 : m_state.step;
    TrainingEvent resumed;
    resumed.message = "Resuming at step " + std::to_string(m_state.step) + " (epoch " +
                      std::to_string(m_state.epoch + 1) + ")";
    emit(resumed);
}

TrainResult TrainingRun::finishInterrupted()
{
    checkpoint();
    m_result.status = "cancelled";
    m_result.steps = m_state.step;
    m_result.message = "Stopped at step " + std::to_string(m_state.step) +
                       "; resuming continues from " + m_result.checkpointDir + ".";
    TrainingEvent event;
    event.kind = TrainingEventKind::Cancelled;
    event.message = m_result.message;
    emit(event);
    return m_result;
}

TrainResult TrainingRun::finishCompleted()
{
    evaluateAndTrack();
    if (m_state.batchInEpoch != 0) // stopped mid-epoch by max_steps or early stopping
        checkpoint();
    m_result.modelDir = m_s.spec.outputDir + "/model";
    if (leader())
        m_s.model->save(m_result.modelDir);
    m_result.status = "completed";
    m_result.steps = m_state.step;
    m_result.message = "Finished after " + std::to_string(m_state.step) + " steps.";
    TrainingEvent event;
    event.kind = TrainingEventKind::Finished;
    event.metrics = m_result.metrics;
    event.path = m_result.modelDir;
    event.message = m_result.message;
    emit(event);
    return m_result;
}

} // namespace domaintune
