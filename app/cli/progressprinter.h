#pragma once

#include "core/train/trainingevents.h"

#include <chrono>

namespace domaintune::cli {

/**
 * Prints training progress on stderr: a progress bar with loss, learning rate and ETA
 * (redrawn in place on a terminal, one line every few seconds otherwise), evaluations,
 * checkpoints and log messages. Training thread only.
 */
class ProgressPrinter : public EventSink
{
public:
    ProgressPrinter();
    void onEvent(const TrainingEvent& event) override;

private:
    void printStep(const TrainingEvent& event);

    bool m_terminal = false;
    bool m_lineOpen = false;
    std::chrono::steady_clock::time_point m_lastPrint;
};

} // namespace domaintune::cli
