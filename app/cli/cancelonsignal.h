#pragma once

#include "core/train/trainingevents.h"

namespace domaintune::cli {

/**
 * While alive, Ctrl-C and SIGTERM request @p control's cancel (the run stops at its next
 * step, with what it has saved) instead of ending the program; afterwards both end it again.
 * With @p secondEnds, a second signal ends the program at once. One at a time, main thread.
 */
class CancelOnSignal
{
public:
    CancelOnSignal(TrainingControl& control, bool secondEnds);
    ~CancelOnSignal();
    CancelOnSignal(const CancelOnSignal&) = delete;
    CancelOnSignal& operator=(const CancelOnSignal&) = delete;
};

} // namespace domaintune::cli
