#pragma once

#include "core/train/trainer.h"
#include "core/train/trainingevents.h"
#include "core/train/trainspec.h"

#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

class QThread;

Q_DECLARE_METATYPE(domaintune::TrainingEvent)
Q_DECLARE_METATYPE(domaintune::TrainResult)

namespace domaintune::ui {

struct TrainingFlags;

/**
 * Runs one training at a time on a worker QThread it owns and turns the trainer's events into
 * queued signals carrying plain value types. Pause, resume and cancel only set atomic flags the
 * trainer polls once per step. The run is recorded in the history at historyPath().
 *
 * Lives on the GUI thread; every method and every signal is on the GUI thread. The destructor
 * requests cancellation and waits for the worker thread to end.
 */
class TrainingController : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Idle,     ///< No run.
        Running,  ///< Importing data or training.
        Paused,   ///< Training waits at the next step.
        Stopping, ///< Cancel requested; the worker finishes the current step.
    };
    Q_ENUM(State)

    explicit TrainingController(QObject* parent = nullptr);
    ~TrainingController() override;

    /**
     * Starts a run of @p spec. Returns false (and emits failed()) when a run is already in
     * progress or the spec is invalid.
     */
    bool start(const TrainSpec& spec);
    /**
     * Like start(); with @p resume the run continues from the checkpoint in spec.outputDir,
     * and with @p parentRunId > 0 the history records which run it resumes or re-runs.
     */
    bool start(const TrainSpec& spec, bool resume, qint64 parentRunId);
    void pause();
    void resume();
    void cancel();

    State state() const { return m_state; }
    bool isBusy() const { return m_state != State::Idle; }
    /** Returns the history id of the current (or last) run, 0 before it is recorded. */
    qint64 runId() const { return m_runId; }

    /** Returns the history file: QSettings "history/path", else RunStore::defaultPath(). */
    static QString historyPath();

signals:
    void stateChanged(domaintune::ui::TrainingController::State state);
    /** The model and data are loaded; event.totalSteps is known. */
    void started(const domaintune::TrainingEvent& event);
    void stepLogged(const domaintune::TrainingEvent& event);
    void evaluated(const domaintune::TrainingEvent& event);
    void checkpointWritten(const QString& path);
    void logMessage(const QString& message);
    /** The run exists in the history under @p runId. */
    void runRecorded(qint64 runId);
    /** The run ended; result.status is "completed", "cancelled" or "failed". */
    void finished(const domaintune::TrainResult& result);
    /** The run could not start or failed; @p message says why in words a user can act on. */
    void failed(const QString& message);

private:
    void dispatch(const domaintune::TrainingEvent& event);
    void onDone(const domaintune::TrainResult& result);
    void setState(State state);

    QPointer<QThread> m_thread;
    std::shared_ptr<TrainingFlags> m_flags;
    State m_state = State::Idle;
    qint64 m_runId = 0;
};

} // namespace domaintune::ui
