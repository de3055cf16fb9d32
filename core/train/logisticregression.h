#pragma once

// Core-internal (LibTorch): the classifier of SetFit's second stage.

#include <torch/torch.h>

#include <cstdint>

namespace domaintune {

/** scikit-learn's LogisticRegression defaults, which SetFit uses as its head. */
struct LogisticRegressionOptions
{
    double c = 1.0;          ///< Inverse L2 strength (the intercept is not penalised).
    int maxIterations = 100; ///< L-BFGS iterations.
    double tolerance = 1e-4; ///< Stop when no gradient entry exceeds this.
};

/** A fitted classifier: logits = x · weightᵀ + bias, one row per class. */
struct LogisticRegressionFit
{
    torch::Tensor weight; ///< [classes, features], float
    torch::Tensor bias;   ///< [classes], float
    int iterations = 0;
    bool converged = false;
    double loss = 0; ///< The objective at the end (mean cross-entropy + L2 term).
};

/**
 * Fits L2-regularised logistic regression as scikit-learn's LogisticRegression(C) with L-BFGS
 * does: the mean log-loss plus ‖W‖² / (2·C·n), binary (one weight vector, sigmoid) for two
 * classes and multinomial (softmax) for more. For two classes the returned rows are −w/2 and
 * +w/2, so that a softmax over them gives scikit-learn's probabilities. @p x: [n, features];
 * @p y: [n] class ids in [0, classes). Computes in double precision on the CPU.
 */
LogisticRegressionFit fitLogisticRegression(const torch::Tensor& x, const torch::Tensor& y,
                                            std::int64_t classes,
                                            const LogisticRegressionOptions& options = {});

} // namespace domaintune
