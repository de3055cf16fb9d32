#include "progressprinter.h"

#include <cstdio>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace domaintune::cli {
namespace {

std::string duration(double seconds)
{
    const auto total = static_cast<long>(seconds + 0.5);
    std::ostringstream out;
    if (total >= 3600)
        out << total / 3600 << "h" << (total % 3600) / 60 << "m";
    else if (total >= 60)
        out << total / 60 << "m" << total % 60 << "s";
    else
        out << total << "s";
    return out.str();
}

} // namespace

ProgressPrinter::ProgressPrinter(bool quiet)
    : m_quiet(quiet), m_terminal(isatty(STDERR_FILENO) != 0)
{}

void ProgressPrinter::printStep(const TrainingEvent& event)
{
    const auto now = std::chrono::steady_clock::now();
    const bool last = event.step == event.totalSteps;
    const double since = std::chrono::duration<double>(now - m_lastPrint).count();
    if (!last && since < (m_terminal ? 0.2 : 5.0))
        return;
    m_lastPrint = now;
    const int width = 24;
    const int filled = event.totalSteps > 0 ? int(width * event.step / event.totalSteps) : 0;
    char perProcess[64] = "";
    if (event.processes > 1)
        std::snprintf(perProcess, sizeof perProcess, " (%.1f × %d processes)",
                      event.samplesPerSecond / event.processes, event.processes);
    char numbers[224];
    std::snprintf(
        numbers, sizeof numbers, "] step %lld/%lld  loss %.4f  lr %.2e  %.1f samples/s%s  ETA %s",
        static_cast<long long>(event.step), static_cast<long long>(event.totalSteps), event.loss,
        event.learningRate, event.samplesPerSecond, perProcess, duration(event.etaSeconds).c_str());
    std::cerr << (m_terminal ? "\r[" : "[") << std::string(filled, '#')
              << std::string(width - filled, '.') << numbers << (m_terminal ? "\x1b[K" : "\n");
    m_lineOpen = m_terminal;
}

void ProgressPrinter::onEvent(const TrainingEvent& event)
{
    if (m_quiet)
        return;
    if (event.kind == TrainingEventKind::Step) {
        printStep(event);
        return;
    }
    if (m_lineOpen) {
        std::cerr << '\n';
        m_lineOpen = false;
    }
    switch (event.kind) {
    case TrainingEventKind::Evaluation: {
        std::cerr << "evaluation at step " << event.step << ":";
        for (const auto& [name, value] : event.metrics)
            std::cerr << "  " << name << " " << value;
        std::cerr << '\n';
        break;
    }
    case TrainingEventKind::Checkpoint:
        std::cerr << "checkpoint: " << event.path << '\n';
        break;
    case TrainingEventKind::Failed:
        break; // the command prints the one-line reason itself
    default:
        if (!event.message.empty())
            std::cerr << event.message << (event.message.back() == '\n' ? "" : "\n");
    }
}

} // namespace domaintune::cli
