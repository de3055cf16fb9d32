#include "core/train/trainer.h"

#include "core/train/fewshotrun.h"
#include "core/train/trainingrun.h"

namespace domaintune {

TrainResult Trainer::run(const TrainSpec& spec, const TrainingData& data, EventSink& sink,
                         const TrainingControl& control, const TrainOptions& options)
{
    if (spec.method == "setfit") {
        if (options.distributed && options.distributed->distributed()) {
            TrainResult refused;
            refused.status = "failed";
            refused.message = "Few-shot (setfit) runs train on one process: their data is a few "
                              "hundred pairs, which several processes would not speed up. Start "
                              "it without --nproc (or torchrun).";
            TrainingEvent failed;
            failed.kind = TrainingEventKind::Failed;
            failed.message = refused.message;
            sink.onEvent(failed);
            return refused;
        }
        return runFewShot(spec, data, sink, control, options);
    }
    TrainingRun run(spec, data, sink, control, options);
    return run.execute();
}

} // namespace domaintune
