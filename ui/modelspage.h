#pragma once

#include "ui/modelsummary.h"

#include <QFutureWatcher>
#include <QWidget>

class QListWidget;
class QPushButton;

namespace domaintune::ui {

class ModelInfoView;

/**
 * The Models section: the models in the Hugging Face cache, the starter model, recently used
 * folders and the models fine-tuned by runs in the history, with what each holds; fine-tune one
 * in a new run, try it, or download another from the Hugging Face Hub. Details load on a pool
 * thread. GUI thread only.
 */
class ModelsPage : public QWidget
{
    Q_OBJECT

public:
    explicit ModelsPage(QWidget* parent = nullptr);
    ~ModelsPage() override;

    /** Returns the folders listed, in order. */
    QStringList folders() const;
    /** Selects @p folder (adding it when missing) and loads its details. */
    void select(const QString& folder);
    const ModelInfoView* infoView() const { return m_info; }

public slots:
    /** Lists the cached models, the starter, the recent folders and the history's fine-tuned
     * models again. */
    void refresh();

signals:
    void fineTuneRequested(const QString& folder);
    void tryRequested(const QString& folder);
    /** The details of the selected folder are shown. */
    void detailsShown();

private:
    void addFolder(const QString& folder, const QString& label, const QString& name = {});
    void showSelected();
    QString selectedFolder() const;

    QListWidget* m_list = nullptr;
    ModelInfoView* m_info = nullptr;
    QPushButton* m_fineTune = nullptr;
    QPushButton* m_try = nullptr;
    QFutureWatcher<ModelSummary> m_job;
    QString m_pending;
};

} // namespace domaintune::ui
