#pragma once

#include <QDialog>
#include <QFutureWatcher>
#include <QTimer>

#include <atomic>
#include <memory>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace domaintune::ui {

/**
 * "Download from Hugging Face": a Hub model id and revision in, the model in the Hugging Face
 * cache out (HF_ENDPOINT, HF_TOKEN, HF_HUB_OFFLINE and the proxy variables apply). The download
 * runs on a pool thread; the dialog polls its progress every 100 ms (bytes, speed, ETA), Cancel
 * stops it (a later download resumes), closing the dialog cancels and waits. GUI thread only.
 */
class HubDownloadDialog : public QDialog
{
    Q_OBJECT

public:
    explicit HubDownloadDialog(QWidget* parent = nullptr);
    ~HubDownloadDialog() override;

    /** Fills the id field (e.g. from a link) without starting. */
    void setModelId(const QString& id);

signals:
    /** A download finished; @p folder is the snapshot folder to load. */
    void downloaded(const QString& id, const QString& folder);

protected:
    void reject() override;

private:
    struct Shared;
    struct Outcome
    {
        QString folder;
        QString error;
        bool cancelled = false;
    };

    void start();
    void poll();
    void finish();

    QLineEdit* m_id = nullptr;
    QLineEdit* m_revision = nullptr;
    QLabel* m_status = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_download = nullptr;
    QPushButton* m_cancel = nullptr;
    QTimer m_poll;
    std::shared_ptr<Shared> m_shared;
    QFutureWatcher<Outcome> m_job;
};

} // namespace domaintune::ui
