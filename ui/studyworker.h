#pragma once

#include "core/train/trainingevents.h"
#include "core/train/trainspec.h"
#include "core/tune/study.h"

#include <QMetaType>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <string>

Q_DECLARE_METATYPE(domaintune::TrialOutcome)
Q_DECLARE_METATYPE(domaintune::StudyResult)

namespace domaintune::ui {

/**
 * Runs one hyper-parameter search (runStudy) on a worker QThread: imports the data, then
 * reports the running trial's events, each finished trial and the study's result as queued
 * signals carrying plain values. The GUI only sets the shared TrainingControl (cancel stops
 * the study, which --resume or the dialog's Resume continues). Exceptions never leave run().
 */
class StudyWorker : public QObject
{
    Q_OBJECT

public:
    StudyWorker(TrainSpec base, StudyOptions options, std::shared_ptr<TrainingControl> control);

public slots:
    /** Performs the whole search on the worker thread; emits done() exactly once. */
    void run();

signals:
    void event(const domaintune::TrainingEvent& event);
    void trialFinished(const domaintune::TrialOutcome& trial);
    /** The study ended; result.status is completed, budget, cancelled or failed. */
    void done(const domaintune::StudyResult& result);

private:
    TrainSpec m_base;
    StudyOptions m_options;
    std::shared_ptr<TrainingControl> m_control;
};

} // namespace domaintune::ui
