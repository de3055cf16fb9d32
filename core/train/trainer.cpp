#include "core/train/trainer.h"

#include "core/train/fewshotrun.h"
#include "core/train/trainingrun.h"

namespace domaintune {

TrainResult Trainer::run(const TrainSpec& spec, const TrainingData& data, EventSink& sink,
                         const TrainingControl& control, const TrainOptions& options)
{
    if (spec.method == "setfit")
        return runFewShot(spec, data, sink, control, options);
    TrainingRun run(spec, data, sink, control, options);
    return run.execute();
}

} // namespace domaintune
