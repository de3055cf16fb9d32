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
    /** @p quiet: print nothing (a data-parallel run's ranks other than 0). */
    explicit ProgressPrinter(bool quiet = false);
    void onEvent(const TrainingEvent& event) override;

private:
    void printStep(const TrainingEvent& event);

    bool m_quiet = false;
    bool m_terminal = false;
    bool m_lineOpen = false;
    std::chrono::steady_clock::time_point m_lastPrint;
};

} // namespace domaintune::cli
