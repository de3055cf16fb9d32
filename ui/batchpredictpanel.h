#pragma once

#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>

#include <atomic>
#include <memory>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace domaintune::ui {

/**
 * Batch prediction for the try-it page: a file of texts in, a CSV (or JSON lines) of
 * predictions and probabilities out, on a pool thread with progress and cancel. GUI thread
 * only.
 */
class BatchPredictPanel : public QWidget
{
    Q_OBJECT

public:
    explicit BatchPredictPanel(QWidget* parent = nullptr);
    ~BatchPredictPanel() override;

    /** Sets the model that predicts (the try-it page's loaded folder). */
    void setModelFolder(const QString& folder);
    void setInputFile(const QString& file);
    void setOutputFile(const QString& file);
    /** Starts predicting the input file in the background; finished() follows. */
    void start();
    /** Asks the running job to stop after its current batch. */
    void cancel();
    bool isRunning() const { return m_job.isRunning(); }
    QString statusText() const;

signals:
    /** The job ended: @p rows written (0 when cancelled or failed). */
    void finished(bool ok, int rows);

private:
    struct Progress;
    void finish();
    void showProgress();

    QString m_model;
    QLineEdit* m_input = nullptr;
    QLineEdit* m_output = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QTimer m_poll;
    std::shared_ptr<Progress> m_shared;
    QFutureWatcher<QString> m_job; ///< Empty on success, else the error.
};

} // namespace domaintune::ui
