#pragma once

#include "core/train/trainingevents.h"

namespace domaintune::ui {

/**
 * An EventSink that emits each event as @p Worker's event(const TrainingEvent&) signal, queued
 * to the GUI thread (TrainingWorker, StudyWorker). Runs on the worker thread.
 */
template <class Worker>
class SignalSink : public EventSink
{
public:
    explicit SignalSink(Worker& worker) : m_worker(worker) {}
    void onEvent(const TrainingEvent& event) override { emit m_worker.event(event); }

private:
    Worker& m_worker;
};

} // namespace domaintune::ui
