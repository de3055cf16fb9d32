#include "core/train/logisticregression.h"

#include "core/common/error.h"

#include <algorithm>

namespace domaintune {

LogisticRegressionFit fitLogisticRegression(const torch::Tensor& x, const torch::Tensor& y,
                                            std::int64_t classes,
                                            const LogisticRegressionOptions& options)
{
    if (x.dim() != 2 || y.dim() != 1 || x.size(0) != y.size(0) || x.size(0) == 0)
        throw Error("Logistic regression needs one label per embedding and at least one "
                    "embedding.");
    if (classes < 2)
        throw Error("Logistic regression needs at least two classes.");
    torch::AutoGradMode enabled(true); // whatever the caller's mode
    const auto features = x.detach().to(torch::kCPU, torch::kDouble).contiguous();
    const auto targets = y.detach().to(torch::kCPU, torch::kLong).contiguous();
    const auto n = static_cast<double>(features.size(0));
    const bool binary = classes == 2;
    const std::int64_t rows = binary ? 1 : classes;
    auto weight = torch::zeros({rows, features.size(1)}, torch::kDouble).requires_grad_(true);
    auto bias = torch::zeros({rows}, torch::kDouble).requires_grad_(true);
    const double l2 = 1.0 / (2.0 * options.c * n);

    auto objective = [&] {
        const auto logits = torch::addmm(bias, features, weight.t());
        torch::Tensor loss;
        if (binary)
            loss = torch::binary_cross_entropy_with_logits(logits.squeeze(1),
                                                           targets.to(torch::kDouble));
        else
            loss = torch::nn::functional::cross_entropy(logits, targets);
        return loss + l2 * weight.pow(2).sum();
    };
    torch::optim::LBFGS optimiser({weight, bias}, torch::optim::LBFGSOptions(1)
                                                      .max_iter(options.maxIterations)
                                                      .max_eval(options.maxIterations * 5 / 4)
                                                      .tolerance_grad(options.tolerance)
                                                      .tolerance_change(1e-12)
                                                      .history_size(10)
                                                      .line_search_fn("strong_wolfe"));
    int evaluations = 0;
    optimiser.step([&] {
        optimiser.zero_grad();
        auto loss = objective();
        loss.backward();
        ++evaluations;
        return loss;
    });
    LogisticRegressionFit fit;
    optimiser.zero_grad();
    auto loss = objective();
    loss.backward();
    fit.loss = loss.item<double>();
    fit.converged = std::max(weight.grad().abs().max().item<double>(),
                             bias.grad().abs().max().item<double>()) <= options.tolerance;
    fit.iterations = evaluations;
    auto w = weight.detach(), b = bias.detach();
    if (binary) {
        w = torch::cat({-w / 2, w / 2});
        b = torch::cat({-b / 2, b / 2});
    }
    fit.weight = w.to(torch::kFloat).contiguous();
    fit.bias = b.to(torch::kFloat).contiguous();
    return fit;
}

} // namespace domaintune
