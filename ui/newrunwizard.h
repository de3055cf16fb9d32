#pragma once

#include "core/train/trainspec.h"
#include "ui/modelsummary.h"

#include <QWizard>

namespace domaintune::ui {

class WizardDataPage;
class WizardHyperPage;
class WizardLayersPage;
class WizardModelPage;
class WizardTaskPage;

/**
 * The new-run wizard: task and domain, model, data, layers, hyper-parameters, review. Pages
 * register their fields and derive defaults in initializePage(); nothing happens until
 * accept(), which validates the spec and emits runRequested(). Loading a model or previewing
 * data runs on pool threads; the wizard lives on the GUI thread.
 */
class NewRunWizard : public QWizard
{
    Q_OBJECT

public:
    enum Page
    {
        TaskPage,
        ModelPage,
        DataPage,
        LayersPage,
        HyperPage,
        ReviewPage
    };

    explicit NewRunWizard(QWidget* parent = nullptr);

    /** Returns the run the fields describe. */
    TrainSpec spec() const;
    /** Fills every page from @p spec (a re-run or a template); the wizard restarts. */
    void setSpec(const TrainSpec& spec);
    /** Fills model and data with the starter model and sample task when both are ready and
     * the fields are empty. Returns whether it did. */
    bool useStarterAssets();

    /** Returns the last loaded model's summary (invalid until the model page loaded one). */
    const ModelSummary& modelSummary() const { return m_summary; }
    void setModelSummary(const ModelSummary& summary) { m_summary = summary; }

    WizardTaskPage* taskPage() const { return m_task; }
    WizardModelPage* modelPage() const { return m_model; }
    WizardDataPage* dataPage() const { return m_data; }
    WizardLayersPage* layersPage() const { return m_layers; }
    WizardHyperPage* hyperPage() const { return m_hyper; }

signals:
    /** The user pressed Start on a valid spec. */
    void runRequested(const domaintune::TrainSpec& spec);

public slots:
    void accept() override;
    /** Opens the hyper-parameter search (SearchDialog) for the run the fields describe. */
    void openSearch();

private:
    ModelSummary m_summary;
    TrainSpec m_base; ///< Settings without controls (e.g. checkpoint_steps) from setSpec().
    WizardTaskPage* m_task = nullptr;
    WizardModelPage* m_model = nullptr;
    WizardDataPage* m_data = nullptr;
    WizardLayersPage* m_layers = nullptr;
    WizardHyperPage* m_hyper = nullptr;
};

} // namespace domaintune::ui
