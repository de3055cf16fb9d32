#pragma once

#include "core/model/lorasettings.h"
#include "core/train/freezeschedule.h"

#include <QList>
#include <QWizardPage>

#include <string>
#include <vector>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;
class QTreeWidget;
class QTreeWidgetItem;

namespace domaintune::ui {

/**
 * Wizard page 4: which parameter groups train. A tree of the model's groups with checkboxes
 * and parameter counts, presets (head only, top-k, all), gradual unfreezing and layer-wise
 * learning-rate decay, or LoRA adapters (rank, alpha, dropout, rsLoRA and which projections,
 * from the model's own), with the trainable share and an estimate of the training memory.
 * GUI thread only.
 */
class WizardLayersPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit WizardLayersPage(QWidget* parent = nullptr);

    /** Keeps the page's values when the user goes back or starts another run (QWizard would
     * reset them to their first values). */
    void cleanupPage() override {}

    void initializePage() override;

    /** Returns the plan the controls describe (a preset, or the frozen groups when custom). */
    FreezePlan plan() const;
    /** Shows @p plan (applied when the page next shows the model's groups). */
    void setPlan(const FreezePlan& plan);

    /** The LoRA settings the controls describe (rank 0: no LoRA). */
    LoraSettings lora() const;
    void setLora(const LoraSettings& lora);

    /** Returns whether the group named @p name is checked (trains). */
    bool isTraining(const QString& name) const;
    /** Checks or unchecks the group named @p name, as a click would. */
    void setTraining(const QString& name, bool trains);
    /** Returns the trainable share shown, e.g. "12.3 %". */
    QString trainableText() const;
    QString memoryText() const;
    /** Recomputes the trainable share and memory estimate from the current fields (batch
     * size, maximum length and bf16 may have changed on later pages). */
    void refreshEstimate() { updateSummary(); }

private:
    void fillGroups();
    void applyPreset();
    void updateSummary();
    void fillLoraTargets();
    std::vector<std::string> checkedTargets() const;
    QTreeWidgetItem* item(const QString& name) const;

    QComboBox* m_preset = nullptr;
    QSpinBox* m_topK = nullptr;
    QCheckBox* m_gradual = nullptr;
    QDoubleSpinBox* m_decay = nullptr;
    QGroupBox* m_lora = nullptr;
    QSpinBox* m_loraRank = nullptr;
    QDoubleSpinBox* m_loraAlpha = nullptr;
    QDoubleSpinBox* m_loraDropout = nullptr;
    QCheckBox* m_rsLora = nullptr;
    QWidget* m_loraTargetBox = nullptr; ///< One checkbox per projection name of the model.
    QList<QCheckBox*> m_loraTargets;
    std::vector<std::string> m_wantedTargets; ///< From setLora(); empty: the family default.
    QTreeWidget* m_tree = nullptr;
    QLabel* m_trainable = nullptr;
    QLabel* m_memory = nullptr;
    FreezePlan m_pending;
    bool m_hasPending = false;
    bool m_updating = false;
    QString m_shownModel;
};

} // namespace domaintune::ui
