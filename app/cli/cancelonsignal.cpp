#include "cancelonsignal.h"

#include <csignal>

namespace domaintune::cli {
namespace {

TrainingControl* g_control = nullptr;

extern "C" void requestCancel(int)
{
    if (g_control)
        g_control->requestCancel(); // an atomic store: safe in a signal handler
}

} // namespace

CancelOnSignal::CancelOnSignal(TrainingControl& control, bool secondEnds)
{
    g_control = &control;
    struct sigaction cancel = {};
    cancel.sa_handler = requestCancel;
    cancel.sa_flags = secondEnds ? SA_RESETHAND : 0;
    sigaction(SIGINT, &cancel, nullptr);
    sigaction(SIGTERM, &cancel, nullptr);
}

CancelOnSignal::~CancelOnSignal()
{
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    g_control = nullptr;
}

} // namespace domaintune::cli
