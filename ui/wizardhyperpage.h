#pragma once

#include "core/train/trainspec.h"

#include <QSet>
#include <QWizardPage>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QToolButton;

namespace domaintune::ui {

/**
 * Wizard page 5: hyper-parameters, with defaults chosen by task, model size and freeze plan
 * (set when the page is first shown for a task and model; edits are kept afterwards). The
 * advanced section starts folded. Fields: "runName", "outputDir", "epochs", "learningRate",
 * "batchSize", "warmupRatio", "weightDecay", "schedule", "gradientAccumulation", "maxGradNorm",
 * "seed", "evalSteps", "earlyStopping", "maxSteps", "classWeights", "groupByLength", "bf16",
 * "device", "threads", "fewShot" (SetFit-style few-shot classification, offered when a class
 * has few examples). GUI thread only.
 */
class WizardHyperPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit WizardHyperPage(QWidget* parent = nullptr);

    /** Keeps the page's values when the user goes back or starts another run (QWizard would
     * reset them to their first values). */
    void cleanupPage() override {}

    void initializePage() override;
    bool isComplete() const override;

    /** Copies the page's values into @p spec. */
    void apply(TrainSpec& spec) const;
    /** Shows @p spec's values; they count as the user's (no defaults replace them). */
    void load(const TrainSpec& spec);
    /** Gives the run a new time-stamped name and output folder, unless the user named it. */
    void renewRunName();
    /** Returns whether the advanced section is unfolded. */
    bool isAdvancedShown() const;

signals:
    /** The user asked to search for good settings instead of one run ("Search…"). */
    void searchRequested();

public:
    /** Returns the default learning rate for @p task with @p trainableParameters training. */
    static double defaultLearningRate(const QString& task, qint64 trainableParameters,
                                      bool headOnly);

private:
    QWidget* buildBasic();
    QWidget* buildAdvanced();
    void applyDefaults();
    /** The learning rate, epochs, batch size and warm-up for the task, model, layer plan and
     *  method, except those the user set (the note says what changed). */
    void offerBasicDefaults();
    /** Offers few-shot training where the task and data suit it (and ticks it when the median
     *  class has fewer than kFewShotExamples examples, unless the user decided). Returns
     *  whether that ticked or unticked it (few-shot has its own defaults). */
    bool updateFewShot();
    double learningRate() const;

    QLineEdit* m_name = nullptr;
    QLineEdit* m_output = nullptr;
    QSpinBox* m_epochs = nullptr;
    QLineEdit* m_learningRate = nullptr;
    QSpinBox* m_batch = nullptr;
    QDoubleSpinBox* m_warmup = nullptr;
    QComboBox* m_schedule = nullptr;
    QCheckBox* m_fewShot = nullptr;
    QLabel* m_fewShotNote = nullptr;
    QToolButton* m_fold = nullptr;
    QWidget* m_advanced = nullptr;
    QDoubleSpinBox* m_weightDecay = nullptr;
    QSpinBox* m_accumulation = nullptr;
    QDoubleSpinBox* m_clip = nullptr;
    QSpinBox* m_seed = nullptr;
    QSpinBox* m_evalSteps = nullptr;
    QSpinBox* m_checkpointMinutes = nullptr;
    QSpinBox* m_patience = nullptr;
    QSpinBox* m_maxSteps = nullptr;
    QCheckBox* m_classWeights = nullptr;
    QCheckBox* m_groupByLength = nullptr;
    QCheckBox* m_pack = nullptr;
    QCheckBox* m_bf16 = nullptr;
    QCheckBox* m_fp16 = nullptr;
    QCheckBox* m_wholeWord = nullptr;
    QComboBox* m_device = nullptr;
    QSpinBox* m_threads = nullptr;
    QSpinBox* m_processes = nullptr;
    QString m_defaultsKey; ///< task, model and plan the defaults were made for.
    /** The basic values the user changed: new defaults (another task, model or layer plan)
     *  leave them as they are, and the note says which ones changed. */
    QSet<QObject*> m_userSet;
    bool m_applying = false; ///< applyDefaults() is setting values (not the user).
    QLabel* m_defaultsNote = nullptr;
    QString m_namedFor; ///< domain and task the generated run name was made for.
};

} // namespace domaintune::ui
