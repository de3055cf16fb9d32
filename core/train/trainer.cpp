#include "core/train/trainer.h"

#include "core/train/trainingrun.h"

namespace domaintune {

TrainResult Trainer::run(const TrainSpec& spec, const TrainingData& data, EventSink& sink,
                         const TrainingControl& control, const TrainOptions& options)
{
    TrainingRun run(spec, data, sink, control, options);
    return run.execute();
}

std::string mainMetric(const std::string& task)
{
    if (task == "seq-cls")
        return "f1_macro";
    if (task == "multi-label")
        return "f1_micro";
    if (task == "token-cls")
        return "f1";
    return "perplexity";
}

bool higherIsBetter(const std::string& metric)
{
    return metric != "loss" && metric != "perplexity";
}

} // namespace domaintune
