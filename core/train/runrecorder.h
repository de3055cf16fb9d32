#pragma once

#include "core/store/metricwriter.h"
#include "core/store/runstore.h"
#include "core/train/trainer.h"
#include "core/train/trainingevents.h"
#include "core/train/trainspec.h"

#include <memory>
#include <string>

namespace domaintune {

/**
 * An EventSink that writes a run into the history (the single source of truth): status
 * changes, the step metrics through a batched MetricWriter, evaluations with per-class tables
 * and confusion matrices, checkpoints and the final model as artefacts. Lives on the training
 * thread (it owns its own SQLite connections). Store failures are reported once on the
 * forwarded sink and never stop training.
 */
class RunRecorder : public EventSink
{
public:
    /**
     * Opens the history at @p historyPath and creates the run (status running) from @p spec;
     * with @p parentRunId > 0 the new run records that it resumes that one. Throws
     * domaintune::Error when the history cannot be opened.
     */
    RunRecorder(const std::string& historyPath, const TrainSpec& spec, EventSink* forward,
                std::int64_t parentRunId = 0, int busyTimeoutMs = 10000);
    ~RunRecorder() override;

    std::int64_t runId() const { return m_runId; }
    void onEvent(const TrainingEvent& event) override;

    /**
     * After the run: when a history write failed during it (disk full, I/O error, a lock held
     * too long), the recorder stopped writing so training went on at full speed; this tries
     * once more to record how the run ended (status, model, a note that metrics are missing).
     * Returns false when the history still cannot be written: then the history and the
     * result disagree, and historyError() says why.
     */
    bool finish(const TrainResult& result);
    /** The first history error of the run, or "" when every write succeeded. */
    const std::string& historyError() const { return m_error; }

private:
    void record(const TrainingEvent& event);
    /** The run's final model as an artifact. */
    void recordModel(const std::string& path, std::int64_t step);

    RunStore m_store;
    std::unique_ptr<MetricWriter> m_metrics;
    EventSink* m_forward;
    std::int64_t m_runId = 0;
    bool m_failed = false;
    std::string m_error;
};

} // namespace domaintune
