#pragma once

#include <QWidget>

class QLabel;

namespace domaintune {
struct SystemInfo;
}

namespace domaintune::ui {

/**
 * The overview page: what DomainTune computes with (LibTorch, threads, GPU, BLAS), with a
 * warning banner when matrix products would run on the slow reference BLAS. GUI thread only.
 */
class SystemPage : public QWidget
{
    Q_OBJECT

public:
    /** Creates the page and shows the facts of the running process. */
    explicit SystemPage(QWidget* parent = nullptr);

    /** Shows @p info instead of the running process's facts. */
    void setSystemInfo(const SystemInfo& info);

    /** Returns true while the slow-BLAS warning is shown. */
    bool isBlasWarningShown() const;

private:
    QLabel* m_warning = nullptr;
    QLabel* m_version = nullptr;
    QLabel* m_torch = nullptr;
    QLabel* m_device = nullptr;
    QLabel* m_threads = nullptr;
    QLabel* m_blas = nullptr;
    QLabel* m_parallel = nullptr;
    QLabel* m_cpu = nullptr;
};

} // namespace domaintune::ui
