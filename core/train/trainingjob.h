#pragma once

#include "core/train/trainer.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

namespace domaintune {

/**
 * Reads the examples @p spec names: the training file, and the validation file when there is
 * one (else the training file's own "validation" split; its "test" split stays out); with
 * spec.dropDuplicates, duplicates within the training data and validation examples that repeat
 * a training one are dropped and counted through @p warn. Records
 * the readers skipped are reported through @p warn (file and count, with the command that
 * lists them), never dropped in silence. @p cancel, when given, stops a long import. Throws
 * domaintune::Error as the readers do.
 */
TrainingData loadTrainingData(const TrainSpec& spec, const std::atomic_bool* cancel,
                              const std::function<void(const std::string&)>& warn);

/** Where a training job records itself. */
struct TrainingJobOptions
{
    std::string historyPath;      ///< Empty: the run is not recorded.
    std::int64_t parentRunId = 0; ///< The run this one resumes (or re-runs), if any.
    TrainOptions train;
    /** Called once the run has its id in the history (before training starts). */
    std::function<void(std::int64_t runId)> onRunCreated;
};

/** What a training job produced. A plain value. */
struct TrainingJobResult
{
    TrainResult result;
    std::int64_t runId = 0;   ///< 0 without a history.
    std::string historyError; ///< The first history write that failed, if any.
    /** False when the history could not record the outcome: it and the result disagree. */
    bool historyAgrees = true;
};

/**
 * One training run as the CLI and the GUI start it: the run is created in the history (when
 * options name one), trained with Trainer::run, and its outcome recorded — once more after
 * the run if a history write failed meanwhile (RunRecorder::finish). Events go to @p sink
 * (through the recorder). Runs on the caller's thread.
 */
TrainingJobResult runTrainingJob(const TrainSpec& spec, const TrainingData& data, EventSink& sink,
                                 const TrainingControl& control, const TrainingJobOptions& options);

} // namespace domaintune
