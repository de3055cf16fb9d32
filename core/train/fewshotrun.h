#pragma once

// Core-internal (LibTorch): a few-shot classification run as SetFit trains one.

#include "core/train/trainer.h"

namespace domaintune {

/**
 * One few-shot run (TrainSpec::method "setfit"), in SetFit's two stages: the encoder learns
 * from contrastive pairs of the training examples that texts of one class lie close (cosine
 * similarity 1) and of different classes apart (0), by mean-squared error; then a
 * logistic-regression head (scikit-learn's defaults) is fitted on the sentence embeddings and
 * written as the model's linear classifier (a sentence-cls head). The validation split is
 * evaluated at the end. Such runs are short: a cancelled one starts again rather than
 * resuming. Same contract as Trainer::run (never throws).
 */
TrainResult runFewShot(const TrainSpec& spec, const TrainingData& data, EventSink& sink,
                       const TrainingControl& control, const TrainOptions& options);

} // namespace domaintune
