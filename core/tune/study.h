#pragma once

#include "core/train/trainer.h"
#include "core/train/trainingevents.h"
#include "core/train/trainspec.h"
#include "core/tune/searchspace.h"
#include "core/tune/successivehalving.h"
#include "core/tune/trialsampler.h"

#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace domaintune {

/** How a hyper-parameter search runs. A plain value. */
struct StudyOptions
{
    SearchSpace space;
    SamplerOptions sampler;
    int trials = 12;
    double budgetMinutes = 0; ///< > 0: no trial starts after it, the running one is stopped.
    bool pruning = true;      ///< ASHA over the trials' evaluations.
    /** The first rung, in epochs of training data seen (<= 0: the base spec's epochs / 16). */
    double minEpochs = 0;
    std::int64_t reductionFactor = 4;
    /** Trial 0 trains the base spec's own values, so the study says what the search gained. */
    bool baselineTrial = true;
    /** Keep every completed trial's model; by default only the best trial's stays on disk. */
    bool keepModels = false;
    std::string historyPath; ///< Empty: the study and its trials are not recorded.
    std::string outputDir;   ///< study.json and one trial-NNN folder per trial.
    bool resume = false;     ///< Continue the study in outputDir (after a crash or a kill).
};

/** One trial of a study. A plain value; its JSON is what study.json and the CLI print. */
struct TrialOutcome
{
    std::int64_t number = 0;
    nlohmann::json values = nlohmann::json::object(); ///< key -> value of the searched keys.
    /** "running", "completed", "pruned", "failed", "stopped" (budget) or "cancelled". */
    std::string state = "running";
    double score = 0;                  ///< Best value of the study's metric; NaN when none.
    std::vector<double> rungs;         ///< Its value at each rung it reached.
    std::int64_t prunedAtExamples = 0; ///< Pruned: training examples seen when it stopped.
    std::int64_t runId = 0;
    std::int64_t steps = 0;
    std::map<std::string, double> metrics; ///< Its best evaluation (pruned: its last).
    std::string modelDir;                  ///< Completed: its best model (best/, else model/).
    std::string message;
    double seconds = 0;

    nlohmann::json toJson() const;
    static TrialOutcome fromJson(const nlohmann::json& json);
};

/** What a study produced. A plain value. */
struct StudyResult
{
    /** "completed" (all trials), "budget" (time ran out), "cancelled" or "failed". */
    std::string status;
    std::string message;
    std::string metric;
    bool maximize = true;
    std::int64_t studyRunId = 0;
    std::int64_t rungExamples = 0; ///< The first rung, in training examples seen.
    std::vector<TrialOutcome> trials;
    int best = -1; ///< Index into trials of the best completed one; -1 when none completed.

    nlohmann::json toJson() const;
};

/**
 * A hyper-parameter search over @p base: trials drawn by the sampler (trial 0 the base spec's
 * own values), each a training run in the history whose parent is the study's run (tagged
 * "study"; trials "trial", pruned ones also "pruned" with a note saying at which rung and
 * why). With pruning, every trial evaluates at least once per rung and asynchronous successive
 * halving stops the weak ones at rungs of minEpochs * factor^k epochs of data (as Optuna's
 * SuccessiveHalvingPruner decides); the score of a trial is its best evaluation of the task's
 * main metric (or the spec's metric_for_best). The study's state is written to
 * outputDir/study.json after every decision, so a killed study resumes (options.resume) with
 * the same trials, values and rung decisions; the interrupted trial continues from its last
 * checkpoint. Events of the running trial go to @p sink; @p onTrial is called after each trial
 * ends. Runs on the caller's thread. Throws domaintune::Error when the study cannot start
 * (bad options, a study in outputDir that does not match, an unwritable folder).
 */
StudyResult runStudy(const TrainSpec& base, const TrainingData& data, const StudyOptions& options,
                     EventSink& sink, const TrainingControl& control,
                     const std::function<void(const TrialOutcome&)>& onTrial = {});

/** The index of the best completed trial of @p trials by its score (higher or lower is better
 * as @p maximize says; a NaN score never beats a number; the first of equals), -1 when none
 * completed. Pure function. */
int bestCompletedTrial(const std::vector<TrialOutcome>& trials, bool maximize);

/** The path of a study's state file in @p outputDir. */
std::string studyStatePath(const std::string& outputDir);

/** The trials recorded in the study in @p outputDir (its study.json), in order; the last may be
 * "running" when the study was stopped by a crash or a kill. Throws domaintune::Error when the
 * file is missing or damaged. */
std::vector<TrialOutcome> loadStudyTrials(const std::string& outputDir);

/** The options the study in @p outputDir was started with (space, sampler, seed, pruning,
 * first rung, reduction factor, baseline), to continue it alike; trials, budget, history and
 * folder are left at their defaults. Throws domaintune::Error as loadStudyTrials(). */
StudyOptions loadStudyOptions(const std::string& outputDir);

} // namespace domaintune
