#include "core/train/trainer.h"

#include "core/train/trainingrun.h"

namespace domaintune {

TrainResult Trainer::run(const TrainSpec& spec, const TrainingData& data, EventSink& sink,
                         const TrainingControl& control, const TrainOptions& options)
{
    TrainingRun run(spec, data, sink, control, options);
    return run.execute();
}

} // namespace domaintune
