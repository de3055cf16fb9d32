#pragma once

#include "core/train/metrics.h"

#include <atomic>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace domaintune {

/** What a TrainingEvent reports. */
enum class TrainingEventKind
{
    Started,    ///< message: what was loaded; totalSteps known
    Step,       ///< one optimiser step: loss, learningRate, throughput
    Evaluation, ///< metrics (+ confusion/perClass for classification)
    Checkpoint, ///< path of the checkpoint written
    Paused,     ///< the run waits between steps until it is resumed (or cancelled)
    Resumed,    ///< the run continues after a pause
    Log,        ///< message for the log pane
    /** A non-finite loss or gradient was dealt with: message says how (batch skipped,
     * learning rate lowered, weights rolled back); metrics: skipped_steps, lr_scale,
     * rollbacks. */
    Recovery,
    Finished,  ///< the run completed; metrics = final evaluation
    Cancelled, ///< stopped on request; a checkpoint allows resuming
    Failed     ///< message says why, in words a user can act on
};

/**
 * A fact about a running training, delivered to an EventSink. Small value type: safe to copy
 * to another thread (the GUI wraps it in a queued signal). Fields a kind does not use stay
 * at their defaults.
 */
struct TrainingEvent
{
    TrainingEventKind kind = TrainingEventKind::Log;
    std::int64_t step = 0;       ///< Optimiser steps done.
    std::int64_t totalSteps = 0; ///< Planned optimiser steps.
    double epoch = 0;            ///< Fractional epoch.
    double loss = 0;             ///< Step: mean training loss of the step.
    double learningRate = 0;     ///< Step: the base learning rate used.
    double samplesPerSecond = 0; ///< Step: throughput over the last steps.
    double tokensPerSecond = 0;  ///< Step: real (non-padding) tokens per second.
    /** Step: processes training together (data-parallel); the throughputs above are their
     * total, a process's share is the total divided by this. */
    int processes = 1;
    double elapsedSeconds = 0;
    double etaSeconds = 0;
    std::map<std::string, double> metrics; ///< Evaluation/Finished: "loss", "f1_macro", ...
    std::vector<std::string> labels;
    std::vector<std::vector<std::int64_t>> confusion;
    std::vector<ClassMetrics> perClass;
    std::string message;
    std::string path;
};

/**
 * Receives training events. Called on the training thread, in order; implementations must
 * return quickly and must not throw (the GUI's implementation only queues a signal).
 */
class EventSink
{
public:
    virtual ~EventSink() = default;
    virtual void onEvent(const TrainingEvent& event) = 0;
};

/**
 * Pause and cancel requests, set from any thread and polled by the trainer at least once per
 * step (so either takes effect within one step). A control may follow another (a study's
 * trial follows the study's): it is cancelled or paused when either is.
 */
class TrainingControl
{
public:
    TrainingControl() = default;
    /** A control that also obeys @p parent, which must outlive it. */
    explicit TrainingControl(const TrainingControl* parent) : m_parent(parent) {}

    void requestCancel() { m_cancel.store(true); }
    void setPaused(bool paused) { m_pause.store(paused); }
    bool cancelRequested() const
    {
        return m_cancel.load() || (m_parent != nullptr && m_parent->cancelRequested());
    }
    bool paused() const { return m_pause.load() || (m_parent != nullptr && m_parent->paused()); }

private:
    const TrainingControl* m_parent = nullptr;
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_pause{false};
};

} // namespace domaintune
