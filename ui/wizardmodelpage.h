#pragma once

#include "ui/modelsummary.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QWizardPage>

class QComboBox;
class QLineEdit;

namespace domaintune::ui {

class ModelInfoView;

/**
 * Wizard page 2: the pretrained model folder (typed, browsed, or picked from the recent ones
 * and the starter model), with what it holds. The folder loads on a pool thread a moment
 * after the path stops changing; the page is complete once it loaded with its tokenizer.
 * Field: "modelDir". GUI thread only.
 */
class WizardModelPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit WizardModelPage(QWidget* parent = nullptr);
    ~WizardModelPage() override;

    /** Keeps the page's values when the user goes back or starts another run (QWizard would
     * reset them to their first values). */
    void cleanupPage() override {}

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

    /** Returns whether a folder is being loaded. */
    bool isLoading() const { return m_loading || m_debounce.isActive(); }
    const ModelInfoView* infoView() const { return m_info; }

    /**
     * Returns the models in the Hugging Face cache (HF_HUB_CACHE, HF_HOME) that DomainTune can
     * load, as (Hub id, snapshot folder) pairs, the real default model first.
     */
    static QList<QPair<QString, QString>> cachedModels();

    /** Returns the folders recently used for runs, most recent first. */
    static QStringList recentFolders();
    /** Puts @p folder first in the recent folders. */
    static void rememberFolder(const QString& folder);

signals:
    /** A folder finished loading (successfully or not). */
    void summaryReady();

private:
    void scheduleLoad();
    void load();
    void finishLoad();
    void fillRecent();

    QLineEdit* m_folder = nullptr;
    QComboBox* m_recent = nullptr;
    ModelInfoView* m_info = nullptr;
    QTimer m_debounce;
    QFutureWatcher<ModelSummary> m_job;
    QString m_loadedKey; ///< folder + task of the summary shown.
    QString m_pendingKey;
    bool m_ready = false;
    bool m_loading = false; ///< From starting a job until its result is shown.
};

} // namespace domaintune::ui
