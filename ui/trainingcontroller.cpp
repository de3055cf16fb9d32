#include "ui/trainingcontroller.h"

#include "core/store/runstore.h"
#include "ui/trainingworker.h"

#include <QSettings>
#include <QThread>

#include <exception>

namespace domaintune::ui {

TrainingController::TrainingController(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<domaintune::TrainingEvent>();
    qRegisterMetaType<domaintune::TrainResult>();
}

TrainingController::~TrainingController()
{
    if (!m_thread)
        return;
    // Cancel takes effect within one step; the worker then returns and the thread ends.
    m_flags->cancelImport.store(true);
    m_flags->control.requestCancel();
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

QString TrainingController::historyPath()
{
    const QString fallback = QString::fromStdString(RunStore::defaultPath());
    return QSettings().value(QStringLiteral("history/path"), fallback).toString();
}

bool TrainingController::start(const TrainSpec& spec)
{
    return start(spec, false, 0);
}

bool TrainingController::start(const TrainSpec& spec, bool resume, qint64 parentRunId)
{
    if (isBusy() || m_thread) {
        emit failed(tr("A run is already in progress; cancel it or wait until it ends."));
        return false;
    }
    try {
        spec.validate();
    } catch (const std::exception& e) {
        emit failed(QString::fromStdString(e.what()));
        return false;
    }
    m_flags = std::make_shared<TrainingFlags>();
    m_runId = 0;
    auto* worker = new TrainingWorker(spec, historyPath().toStdString(), m_flags);
    worker->setResume(resume, parentRunId);
    auto* thread = new QThread;
    thread->setObjectName(QStringLiteral("training"));
    worker->moveToThread(thread);
    connect(thread, &QThread::started, worker, &TrainingWorker::run);
    connect(worker, &TrainingWorker::event, this, &TrainingController::dispatch);
    connect(worker, &TrainingWorker::runRecorded, this, [this](qint64 id) {
        m_runId = id;
        emit runRecorded(id);
    });
    connect(worker, &TrainingWorker::done, this, &TrainingController::onDone);
    connect(worker, &TrainingWorker::done, thread, &QThread::quit);
    connect(thread, &QThread::finished, worker, &QObject::deleteLater);
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    m_thread = thread;
    setState(State::Running);
    thread->start();
    return true;
}

void TrainingController::pause()
{
    if (m_state != State::Running)
        return;
    m_flags->control.setPaused(true);
    setState(State::Paused);
    emit logMessage(tr("Paused; training waits before the next step."));
}

void TrainingController::resume()
{
    if (m_state != State::Paused)
        return;
    m_flags->control.setPaused(false);
    setState(State::Running);
    emit logMessage(tr("Resumed."));
}

void TrainingController::cancel()
{
    if (m_state != State::Running && m_state != State::Paused)
        return;
    m_flags->cancelImport.store(true);
    m_flags->control.requestCancel();
    setState(State::Stopping);
    emit logMessage(tr("Cancelling after the current step…"));
}

void TrainingController::dispatch(const TrainingEvent& event)
{
    switch (event.kind) {
    case TrainingEventKind::Started:
        emit started(event);
        break;
    case TrainingEventKind::Step:
        emit stepLogged(event);
        break;
    case TrainingEventKind::Evaluation:
        emit evaluated(event);
        break;
    case TrainingEventKind::Checkpoint:
        emit checkpointWritten(QString::fromStdString(event.path));
        break;
    case TrainingEventKind::Log:
    case TrainingEventKind::Recovery:
    case TrainingEventKind::Paused:
    case TrainingEventKind::Resumed:
    case TrainingEventKind::Finished:
    case TrainingEventKind::Cancelled:
    case TrainingEventKind::Failed:
        // Endings arrive once more as done(); here they only feed the log.
        if (!event.message.empty())
            emit logMessage(QString::fromStdString(event.message));
        break;
    }
}

void TrainingController::onDone(const TrainResult& result)
{
    // The thread deletes itself (and the worker) once it has finished.
    m_thread = nullptr;
    setState(State::Idle);
    if (result.status == "failed")
        emit failed(QString::fromStdString(result.message));
    emit finished(result);
}

void TrainingController::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

} // namespace domaintune::ui
