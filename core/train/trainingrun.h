#pragma once

// Core-internal (LibTorch): one training run, from preparation to the final model.

#include "core/model/pretrainedmodel.h"
#include "core/text/tokenizer.h"
#include "core/train/batchplanner.h"
#include "core/train/bestmodeltracker.h"
#include "core/train/featurecache.h"
#include "core/train/lossscaler.h"
#include "core/train/lrschedule.h"
#include "core/train/nonfiniterecovery.h"
#include "core/train/objective.h"
#include "core/train/optimizersetup.h"
#include "core/train/rankgroup.h"
#include "core/train/throughputmeter.h"
#include "core/train/trainer.h"
#include "core/train/trainingstate.h"

#include <chrono>
#include <memory>

namespace domaintune {

/** Everything a run needs, built once before the loop. */
struct Session
{
    TrainSpec spec;
    std::unique_ptr<Tokenizer> tokenizer;
    std::unique_ptr<PretrainedModel> model;
    std::unique_ptr<Objective> objective;
    FeatureSet train, validation;
    std::unique_ptr<OptimizerSetup> optimiser;
};

/** Runs one training (see Trainer::run); one object per call. */
class TrainingRun
{
public:
    TrainingRun(const TrainSpec& spec, const TrainingData& data, EventSink& sink,
                const TrainingControl& control, const TrainOptions& options)
        : m_data(data), m_sink(sink), m_control(control), m_options(options)
    {
        m_s.spec = spec;
    }
    TrainResult execute();

private:
    void prepare();
    void attachAdapters();
    bool shouldCacheFeatures(std::int64_t epoch);
    bool trainEpoch(const BatchPlanner& planner, std::int64_t totalSteps,
                    const LearningRateSchedule& schedule);
    /** Returns false when the step was skipped (non-finite gradients). */
    bool optimiserStep(double lossSum, std::int64_t micro, const LearningRateSchedule& schedule,
                       std::int64_t totalSteps, std::int64_t samples, std::int64_t tokens);
    void dropGradients();
    /** Skips the batch, halves the learning rate, rolls back after repeated failures; throws
     * domaintune::Error when nothing helps. @p what: "loss was NaN", ... */
    void recoverFromNonFinite(const std::string& what);
    bool evaluateAndTrack();
    void checkpoint();
    std::string checkpointDirectory() const { return m_s.spec.outputDir + "/checkpoint"; }
    /** The cancel and pause requests (with several processes: any process's, agreed). */
    std::pair<bool, bool> controlRequests();
    /** Waits while paused; returns true when the run is to stop (cancelled). */
    bool waitWhilePaused();
    void resumeFromCheckpoint();
    TrainResult finishInterrupted();
    TrainResult finishCompleted();
    void emit(TrainingEvent event);
    void emitLog(const std::string& message);
    // Data-parallel runs (m_group set); each is a no-op or the plain answer on one process.
    bool leader() const { return !m_group || m_group->leader(); }
    std::int64_t processes() const { return m_group ? m_group->size() : 1; }
    /** Checks that every rank built the same model, then gives all rank 0's weights. */
    void shareLeaderWeights();
    /** Rank 0's weights, buffers and optimiser state on every rank (after a load there). */
    void shareLeaderTrainingState();
    /** Sums the ranks' gradients (a gradient no rank has stays undefined, as on one process). */
    void sumGradients();
    /** Rank @p rank's share of global batch @p indices (contiguous, nearly equal parts). */
    std::vector<std::size_t> shareOf(const std::vector<std::size_t>& indices) const;

    const TrainingData& m_data;
    EventSink& m_sink;
    const TrainingControl& m_control;
    TrainOptions m_options;
    Session m_s;
    TrainerState m_state;
    TrainResult m_result;
    std::chrono::steady_clock::time_point m_started = std::chrono::steady_clock::now();
    ThroughputMeter m_throughput;
    double m_pausedSeconds = 0; ///< Time spent paused: not in the ETA.
    std::chrono::steady_clock::time_point m_lastCheckpoint = std::chrono::steady_clock::now();
    std::int64_t m_stepsThisCall = 0;
    std::int64_t m_totalSteps = 0;
    std::int64_t m_batchesPerEpoch = 1;
    std::int64_t m_stepsPerEpoch = 1;
    std::unique_ptr<FeatureCache> m_cache; ///< While only the head trains (see TrainSpec).
    torch::Device m_device = torch::kCPU;
    bool m_stop = false;
    bool m_fp16 = false; ///< fp16 autocast with loss scaling (CUDA only).
    /** >= 0: training batches are packed (TrainSpec::packSequences), padding with this id. */
    std::int64_t m_packPadId = -1;
    LossScaler m_scaler;
    NonFiniteRecovery m_recovery;
    std::unique_ptr<BestModelTracker> m_best;
    std::int64_t m_injected = 0;
    std::int64_t m_lastEvaluatedStep = -1;
    std::unique_ptr<RankGroup> m_group; ///< Data-parallel runs only.
};

} // namespace domaintune
