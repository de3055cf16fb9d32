#pragma once

#include "core/train/trainer.h"
#include "core/train/trainingevents.h"
#include "core/train/trainspec.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <string>

namespace domaintune::ui {

/** The flags the GUI thread sets and the worker thread polls; shared by both, never locked. */
struct TrainingFlags
{
    TrainingControl control;
    std::atomic_bool cancelImport{false};
};

/**
 * Runs one training job: imports the data, opens the run history, calls Trainer::run() and
 * reports every TrainingEvent as a queued signal. Created on the GUI thread, then moved to
 * the TrainingController's worker QThread; run() executes there. The GUI never calls into it:
 * it only sets the shared TrainingFlags. Exceptions never leave run().
 */
class TrainingWorker : public QObject
{
    Q_OBJECT

public:
    TrainingWorker(TrainSpec spec, std::string historyPath, std::shared_ptr<TrainingFlags> flags);
    ~TrainingWorker() override;

    /** Continues from the checkpoint in the spec's output folder; records @p parentRunId. Call
     * before run(). */
    void setResume(bool resume, qint64 parentRunId);

public slots:
    /** Performs the whole job on the worker thread; emits done() exactly once. */
    void run();

signals:
    /** A fact about the run (queued to the GUI thread). */
    void event(const domaintune::TrainingEvent& event);
    /** The run was created in the history with id @p runId. */
    void runRecorded(qint64 runId);
    /** The job ended (completed, cancelled or failed); the thread may quit. */
    void done(const domaintune::TrainResult& result);

private:
    TrainResult execute();
    void emitLog(const std::string& message);

    TrainSpec m_spec;
    std::string m_historyPath;
    std::shared_ptr<TrainingFlags> m_flags;
    bool m_resume = false;
    qint64 m_parentRunId = 0;
};

} // namespace domaintune::ui
