#pragma once

#include "core/data/importoptions.h"
#include "core/model/lorasettings.h"
#include "core/train/freezeschedule.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace domaintune {

/**
 * Everything that defines a training run: the model, the task, the data, the freeze plan and
 * the hyper-parameters. The GUI saves it with each run (JSON), so any run can be re-run.
 * Plain value type.
 */
struct TrainSpec
{
    std::string name;
    std::string modelDir;
    std::string task = "seq-cls"; ///< seq-cls, multi-label, token-cls, mlm, clm
    std::string domain = "other"; ///< finance, medical, legal, other

    std::string trainFile;
    std::string validationFile; ///< Empty: hold out validationFraction of the training data.
    double validationFraction = 0.1;
    std::string textColumn;     ///< Empty: guessed by the importer.
    std::string labelColumn;    ///< Empty: guessed by the importer.
    std::string labelSeparator; ///< Non-empty: the label column holds several labels.
    std::string encoding;       ///< Empty: detected.
    std::string format;         ///< Empty or "auto": detected; else a corpusFormatName().
    std::string delimiter;      ///< CSV/TSV: empty detects; "tab" or one character.

    std::int64_t maxLength = 128;
    std::int64_t epochs = 3;
    std::int64_t maxSteps = -1; ///< > 0: stop after this many optimiser steps.
    std::int64_t batchSize = 16;
    std::int64_t gradientAccumulation = 1;
    double learningRate = 2e-5;
    double weightDecay = 0.01;
    double warmupRatio = 0.0;
    std::string schedule = "linear";
    double maxGradNorm = 1.0; ///< <= 0: no clipping.
    std::uint64_t seed = 42;
    FreezePlan freeze;
    bool classWeights = false; ///< Weight classes by inverse frequency.
    /** Drop duplicates (exact, normalised, near) before training: repeats within the training
     *  data, and validation examples that repeat a training one. */
    bool dropDuplicates = false;
    bool groupByLength = true; ///< Length-grouped batches (less padding).
    /** Several short examples per row of each training batch (classification and masked-LM
     *  with a BERT-family encoder; see core/train/packing.h): less padding still. */
    bool packSequences = false;
    /**
     * While only the head trains (classification and NER) over more than one epoch, run the
     * frozen backbone once per example, with its dropout off, and train the head on the stored
     * features (see FeatureCache).
     */
    bool cacheFrozenFeatures = true;
    /** >= 0: every dropout rate of the model for this run (0: none); < 0: config.json's. The
     * saved model's config.json keeps its own rates. */
    double dropout = -1;
    double mlmProbability = 0.15;
    bool wholeWordMasking = false;
    /** LoRA (rank > 0): adapters on the projections; the rest of the backbone stays fixed. */
    LoraSettings lora;
    /**
     * "fine-tune" (the task head and backbone trained on the loss) or "setfit" (few-shot
     * classification as SetFit does it: the encoder fine-tuned on contrastive pairs of the
     * examples, epochs/batch size/learning rate counting pairs, then a logistic-regression head
     * on its sentence embeddings; seq-cls only).
     */
    std::string method = "fine-tune";
    std::string pairSampling = "oversampling"; ///< setfit: see PairSampling.
    std::int64_t pairIterations = 0;           ///< setfit, > 0: SetFit's num_iterations.

    std::int64_t evalSteps = 0; ///< > 0: evaluate every N optimiser steps; always per epoch.
    std::string metricForBest;  ///< Empty: the task's main metric (see bestMetric()).
    std::int64_t earlyStoppingPatience = 0; ///< > 0: stop after N evaluations without gain.
    std::int64_t checkpointSteps = 0;       ///< > 0: checkpoint every N steps; always per epoch.
    /** > 0: also checkpoint once this many minutes passed since the last checkpoint, so that
     *  a crash or a kill loses at most that much of a long epoch. */
    double checkpointMinutes = 0;

    int threads = 0; ///< 0: automatic.
    /** Training processes on this machine (data-parallel; `train --nproc`, the wizard's
     * "Processes"): each trains on batchSize examples of every global batch. Under torchrun
     * the processes it started, whatever this says. */
    int processes = 1;
    std::string device = "auto"; ///< auto, cpu, cuda
    bool bf16 = false;           ///< bf16 autocast (CPU with AVX-512 BF16/AMX, or CUDA).
    bool fp16 = false;           ///< fp16 autocast with dynamic loss scaling (CUDA only).
    std::string outputDir;

    /** Returns the import options for the training and validation files (format, encoding,
     * column mapping). */
    ImportOptions importOptions() const;

    /** Makes this a few-shot run with SetFit's defaults: method "setfit", one epoch of pairs,
     *  10 % warm-up (its learning rate, batch size and weight decay are the fine-tuning ones). */
    void useFewShotDefaults();
    /** Throws domaintune::Error naming the first invalid field and the valid range. */
    void validate() const;
    /** The metric that picks the best model: metricForBest, else the task's main metric.
     * Throws domaintune::Error for an unknown task. */
    std::string bestMetric() const;
    nlohmann::json toJson() const;
    /** Reads a spec; unknown keys are an error (a typo must not be ignored silently). */
    static TrainSpec fromJson(const nlohmann::json& json);
};

} // namespace domaintune
