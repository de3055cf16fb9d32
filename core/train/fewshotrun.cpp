#include "core/train/fewshotrun.h"

#include "core/common/error.h"
#include "core/model/pretrainedmodel.h"
#include "core/model/taskmodel.h"
#include "core/text/tokenizerfactory.h"
#include "core/train/contrastivepairs.h"
#include "core/train/evaluator.h"
#include "core/train/featurizer.h"
#include "core/train/logisticregression.h"
#include "core/train/lrschedule.h"
#include "core/train/modelfit.h"
#include "core/train/objective.h"
#include "core/train/optimizersetup.h"
#include "core/train/task.h"
#include "core/train/throughputmeter.h"
#include "core/train/validationsplit.h"

#include <ATen/Parallel.h>

#include <chrono>
#include <cmath>
#include <map>
#include <set>
#include <thread>

namespace domaintune {
namespace {

using Clock = std::chrono::steady_clock;

class FewShotRun
{
public:
    FewShotRun(const TrainSpec& spec, const TrainingData& data, EventSink& sink,
               const TrainingControl& control)
        : m_spec(spec), m_data(data), m_sink(sink), m_control(control)
    {}

    TrainResult execute(const TrainOptions& options)
    {
        try {
            if (options.resume)
                throw Error("Few-shot (SetFit) runs do not resume from a checkpoint: they are "
                            "short, and start again from the pretrained model. Re-run the run "
                            "instead.");
            prepare();
            if (!trainEncoder())
                return finishCancelled();
            fitHead();
            evaluateValidation();
            return finishCompleted();
        } catch (const std::exception& e) {
            std::string message = e.what();
            message = message.substr(0, message.find('\n')); // c10 errors carry backtraces
            m_result.status = "failed";
            m_result.message = message;
            m_result.steps = m_step;
            TrainingEvent failed;
            failed.kind = TrainingEventKind::Failed;
            failed.message = message;
            emit(failed);
            return m_result;
        }
    }

private:
    void emit(TrainingEvent event)
    {
        event.step = m_step;
        event.totalSteps = m_totalSteps;
        event.elapsedSeconds = seconds(m_started);
        m_sink.onEvent(event);
    }
    void log(const std::string& message)
    {
        TrainingEvent event;
        event.kind = TrainingEventKind::Log;
        event.message = message;
        emit(event);
    }
    static double seconds(Clock::time_point since)
    {
        return std::chrono::duration<double>(Clock::now() - since).count();
    }

    void prepare();
    bool trainEncoder();
    torch::Tensor embed(const std::vector<std::size_t>& indices);
    void fitHead();
    void evaluateValidation();
    bool waitWhilePaused();
    TrainResult finishCancelled();
    TrainResult finishCompleted();

    TrainSpec m_spec;
    const TrainingData& m_data;
    EventSink& m_sink;
    const TrainingControl& m_control;
    TrainResult m_result;
    Clock::time_point m_started = Clock::now();
    std::unique_ptr<Tokenizer> m_tokenizer;
    std::unique_ptr<PretrainedModel> m_model;
    std::unique_ptr<Objective> m_objective;
    FeatureSet m_train, m_validation;
    std::vector<ContrastivePair> m_pairs;
    torch::Device m_device = torch::kCPU;
    std::int64_t m_step = 0;
    std::int64_t m_totalSteps = 0;
    double m_pausedSeconds = 0;
};

void FewShotRun::prepare()
{
    m_spec.validate();
    if (m_spec.threads > 0)
        at::set_num_threads(m_spec.threads);
    m_tokenizer = loadTokenizer(m_spec.modelDir);
    std::vector<Example> train = m_data.train, validation = m_data.validation;
    if (train.empty())
        throw Error(m_spec.trainFile, 0, "the training data holds no examples",
                    "Choose a file with a few labelled examples of each class.");
    if (validation.empty() && m_spec.validationFraction > 0)
        holdOutValidation(TaskData::LabelledText, train, validation, m_spec.validationFraction,
                          m_spec.seed);
    auto all = train;
    all.insert(all.end(), validation.begin(), validation.end());
    const auto labels = Featurizer::discoverLabels(Task::SequenceClassification, all);
    const Featurizer featurizer(*m_tokenizer, Task::SequenceClassification, m_spec.maxLength,
                                labels);
    m_train = featurizer.build(train);
    m_validation = featurizer.build(validation);
    std::set<std::int64_t> present;
    std::vector<std::int64_t> classes;
    for (const auto& feature : m_train.features) {
        present.insert(feature.labels.front());
        classes.push_back(feature.labels.front());
    }
    if (present.size() < 2)
        throw Error(m_spec.trainFile, 0,
                    "the training examples hold " + std::to_string(present.size()) +
                        " class; few-shot training contrasts examples of at least two classes",
                    "Label a few examples of each class, or check the label column.");

    ModelLoadOptions load;
    load.head = HeadKind::SentenceClassification;
    load.labels = labels;
    load.seed = m_spec.seed;
    m_model = PretrainedModel::load(m_spec.modelDir, load);
    checkRunFitsModel(m_model->config(), m_spec.modelDir, m_spec.maxLength,
                      m_tokenizer->vocabSize());
    if (m_model->config().family == ModelFamily::Gpt2)
        throw Error(m_spec.modelDir, 0,
                    "few-shot training needs an encoder (BERT, RoBERTa, DistilBERT, ...), and "
                    "this is a GPT-2 model",
                    "Choose an encoder; sentence-transformers models suit it best.");
    m_model->moveTo(m_spec.device);
    m_device = m_model->module().parameters().front().device();
    if (m_spec.dropout >= 0)
        m_model->setDropout(m_spec.dropout);
    const auto ids = ObjectiveIds::of(*m_tokenizer, m_model->config().vocabSize);
    m_objective = std::make_unique<Objective>(Task::SequenceClassification, ids, 0.15, false,
                                              torch::Tensor());

    m_pairs = contrastivePairs(classes, parsePairSampling(m_spec.pairSampling),
                               m_spec.pairIterations, m_spec.seed);
    const auto batches =
        (static_cast<std::int64_t>(m_pairs.size()) + m_spec.batchSize - 1) / m_spec.batchSize;
    m_totalSteps = m_spec.maxSteps > 0 ? std::min(m_spec.maxSteps, batches * m_spec.epochs)
                                       : batches * m_spec.epochs;
    const auto& pooling = m_model->config().sentencePooling;
    TrainingEvent started;
    started.kind = TrainingEventKind::Started;
    started.message =
        "Few-shot (SetFit): " + std::to_string(m_train.features.size()) + " training examples in " +
        std::to_string(present.size()) + " classes, " + std::to_string(m_pairs.size()) +
        " contrastive pairs (" + m_spec.pairSampling +
        (m_spec.pairIterations > 0 ? ", " + std::to_string(m_spec.pairIterations) + " iterations"
                                   : std::string()) +
        "), " + std::to_string(m_validation.features.size()) + " validation examples; " +
        std::to_string(m_totalSteps) + " steps; " + pooling.mode + " pooling" +
        (pooling.normalize ? ", normalised" : "");
    emit(started);
}

bool FewShotRun::waitWhilePaused()
{
    if (!m_control.paused() || m_control.cancelRequested())
        return !m_control.cancelRequested();
    TrainingEvent event;
    event.kind = TrainingEventKind::Paused;
    event.message = "Paused at step " + std::to_string(m_step);
    emit(event);
    const auto pausedAt = Clock::now();
    while (m_control.paused() && !m_control.cancelRequested())
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    m_pausedSeconds += seconds(pausedAt);
    if (m_control.cancelRequested())
        return false;
    event.kind = TrainingEventKind::Resumed;
    event.message = "Resumed at step " + std::to_string(m_step);
    emit(event);
    return true;
}

bool FewShotRun::trainEncoder()
{
    OptimizerSetup optimiser(*m_model, m_spec);
    const LearningRateSchedule schedule(
        parseScheduleKind(m_spec.schedule),
        static_cast<std::int64_t>(std::ceil(m_spec.warmupRatio * double(m_totalSteps))),
        m_totalSteps);
    auto& model = m_model->module();
    const auto& pooling = m_model->config().sentencePooling;
    ThroughputMeter throughput;
    for (std::int64_t epoch = 0; m_step < m_totalSteps; ++epoch) {
        model.train();
        optimiser.applyFreeze(epoch);
        bool encoderTrains = false;
        for (const auto& item : model.named_parameters())
            encoderTrains = encoderTrains ||
                            (item.value().requires_grad() && model.groupOf(item.key()) != "head");
        if (!encoderTrains)
            throw Error("Few-shot training tunes the encoder, and the layer plan freezes all of "
                        "it in epoch " +
                        std::to_string(epoch + 1) +
                        ". Let some layers train (the top layers at least).");
        for (std::size_t start = 0; start < m_pairs.size() && m_step < m_totalSteps;
             start += static_cast<std::size_t>(m_spec.batchSize)) {
            if (!waitWhilePaused())
                return false;
            const auto end =
                std::min(m_pairs.size(), start + static_cast<std::size_t>(m_spec.batchSize));
            std::vector<std::size_t> first, second;
            std::vector<float> targets;
            for (auto k = start; k < end; ++k) {
                first.push_back(static_cast<std::size_t>(m_pairs[k].first));
                second.push_back(static_cast<std::size_t>(m_pairs[k].second));
                targets.push_back(m_pairs[k].target);
            }
            const auto a = m_objective->makeBatch(m_train, first).to(m_device);
            const auto b = m_objective->makeBatch(m_train, second).to(m_device);
            const auto u = sentenceEmbedding(model.forwardBase(a.inputs).hidden,
                                             a.inputs.attentionMask, pooling);
            const auto v = sentenceEmbedding(model.forwardBase(b.inputs).hidden,
                                             b.inputs.attentionMask, pooling);
            const auto target = torch::tensor(targets).to(m_device);
            const auto loss = torch::mse_loss(torch::cosine_similarity(u, v, 1, 1e-8), target);
            const double value = loss.item<double>();
            if (!std::isfinite(value))
                throw Error("The contrastive loss became " +
                            std::string(std::isnan(value) ? "NaN" : "infinite") + " at step " +
                            std::to_string(m_step + 1) +
                            ". Lower the learning rate (--learning-rate) and start again.");
            loss.backward();
            auto parameters = model.parameters();
            if (m_spec.maxGradNorm > 0)
                torch::nn::utils::clip_grad_norm_(parameters, m_spec.maxGradNorm);
            const double factor = schedule.multiplier(m_step);
            optimiser.setLearningRate(m_spec.learningRate, factor);
            optimiser.optimizer().step();
            for (auto& parameter : parameters)
                if (parameter.grad().defined())
                    parameter.mutable_grad().reset();
            ++m_step;
            throughput.add(static_cast<std::int64_t>(2 * first.size()),
                           a.realTokens + b.realTokens);
            TrainingEvent event;
            event.kind = TrainingEventKind::Step;
            event.loss = value;
            event.learningRate = m_spec.learningRate * factor;
            event.epoch = double(epoch) + double(end) / double(m_pairs.size());
            if (const double window = throughput.seconds(); window > 0) {
                event.samplesPerSecond = throughput.samplesPerSecond(window);
                event.tokensPerSecond = throughput.tokensPerSecond(window);
            }
            const double elapsed = seconds(m_started) - m_pausedSeconds;
            event.etaSeconds = elapsed / double(m_step) * double(m_totalSteps - m_step);
            emit(event);
            throughput.roll();
        }
    }
    return true;
}

torch::Tensor FewShotRun::embed(const std::vector<std::size_t>& indices)
{
    auto& model = m_model->module();
    model.eval();
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> parts;
    const auto batch = std::max<std::int64_t>(m_spec.batchSize, 32);
    for (std::size_t start = 0; start < indices.size(); start += static_cast<std::size_t>(batch)) {
        const std::vector<std::size_t> chunk(
            indices.begin() + static_cast<std::ptrdiff_t>(start),
            indices.begin() +
                static_cast<std::ptrdiff_t>(std::min(indices.size(), start + std::size_t(batch))));
        const auto inputs = m_objective->makeBatch(m_train, chunk).to(m_device).inputs;
        parts.push_back(sentenceEmbedding(model.forwardBase(inputs).hidden, inputs.attentionMask,
                                          m_model->config().sentencePooling)
                            .to(torch::kCPU));
    }
    return torch::cat(parts);
}

void FewShotRun::fitHead()
{
    std::vector<std::size_t> all(m_train.features.size());
    std::vector<std::int64_t> classes;
    for (std::size_t i = 0; i < all.size(); ++i) {
        all[i] = i;
        classes.push_back(m_train.features[i].labels.front());
    }
    const auto started = Clock::now();
    const auto embeddings = embed(all);
    const auto fit = fitLogisticRegression(embeddings, torch::tensor(classes),
                                           static_cast<std::int64_t>(m_train.labels.size()));
    {
        torch::NoGradGuard noGrad;
        for (auto& item : m_model->module().named_parameters()) {
            if (item.key() == "classifier.weight")
                item.value().copy_(fit.weight.to(item.value().device()));
            if (item.key() == "classifier.bias")
                item.value().copy_(fit.bias.to(item.value().device()));
        }
    }
    char text[96];
    std::snprintf(text, sizeof text, "%.3f", fit.loss);
    log("Logistic-regression head fitted on " + std::to_string(all.size()) +
        " sentence embeddings in " + std::to_string(fit.iterations) + " L-BFGS evaluations (" +
        (fit.converged ? "converged" : "stopped at the iteration limit") + ", objective " + text +
        ", " + std::to_string(int(seconds(started) * 1000)) + " ms).");
}

void FewShotRun::evaluateValidation()
{
    if (m_validation.features.empty())
        return;
    const auto evaluation =
        evaluate(m_model->module(), *m_objective, m_validation,
                 std::max<std::int64_t>(m_spec.batchSize, 32), m_spec.seed, m_control);
    if (!evaluation.complete)
        return;
    m_result.metrics = m_result.bestMetrics = evaluation.metrics;
    emit(evaluationEvent(evaluation, double(m_spec.epochs)));
}

TrainResult FewShotRun::finishCancelled()
{
    m_result.status = "cancelled";
    m_result.steps = m_step;
    m_result.message = "Stopped at step " + std::to_string(m_step) +
                       "; few-shot runs do not resume: re-run it to train again.";
    TrainingEvent event;
    event.kind = TrainingEventKind::Cancelled;
    event.message = m_result.message;
    emit(event);
    return m_result;
}

TrainResult FewShotRun::finishCompleted()
{
    m_result.modelDir = m_spec.outputDir + "/model";
    m_model->save(m_result.modelDir);
    m_result.status = "completed";
    m_result.steps = m_step;
    m_result.message = "Finished after " + std::to_string(m_step) + " contrastive steps.";
    TrainingEvent event;
    event.kind = TrainingEventKind::Finished;
    event.metrics = m_result.metrics;
    event.path = m_result.modelDir;
    event.message = m_result.message;
    emit(event);
    return m_result;
}

} // namespace

TrainResult runFewShot(const TrainSpec& spec, const TrainingData& data, EventSink& sink,
                       const TrainingControl& control, const TrainOptions& options)
{
    FewShotRun run(spec, data, sink, control);
    return run.execute(options);
}

} // namespace domaintune
