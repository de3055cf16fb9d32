#pragma once

#include "core/data/datapreview.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QWizardPage>

#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace domaintune::ui {

class DataChartsView;

/**
 * Wizard page 3: the training data. Shows the detected format and encoding (both
 * overridable), maps columns with a live preview table, draws the label distribution and the
 * token-length histogram with the truncation line, lets the delimiter be chosen (, ; tab | @),
 * warns about leakage, imbalance and import problems, and sets the validation split. The file is
 * read on a pool thread a moment after a setting changes. Fields: "trainFile", "validationFile",
 * "validationFraction" (percent), "maxLength", "labelSeparator", "dropDuplicates" (shown with a
 * "Show duplicates…" list when the preview found any). GUI thread only.
 */
class WizardDataPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit WizardDataPage(QWidget* parent = nullptr);
    ~WizardDataPage() override;

    /** Keeps the page's values when the user goes back or starts another run (QWizard would
     * reset them to their first values). */
    void cleanupPage() override {}

    void initializePage() override;
    bool isComplete() const override;

    /** Returns "" (detect) or a corpus format name. */
    QString format() const;
    /** Returns "" (detect) or an encoding name. */
    QString encoding() const;
    QString textColumn() const;
    QString labelColumn() const;
    /** Returns "" (detect), "tab" or the one-character delimiter of CSV-like files. */
    QString delimiter() const;
    /** Presets the overrides (from a spec); empty strings mean "detect". */
    void setOverrides(const QString& format, const QString& encoding, const QString& text,
                      const QString& label, const QString& delimiter = {});

    bool isAnalyzing() const { return m_analyzing || m_debounce.isActive(); }
    /** Returns the last preview, or null before one succeeded. */
    const DataPreview* preview() const { return m_preview.get(); }
    const QTableWidget* previewTable() const { return m_table; }
    const DataChartsView* charts() const { return m_charts; }
    /** Returns the warnings shown (one per line). */
    QString warnings() const;

signals:
    /** A preview finished (successfully or not). */
    void analyzed();

private:
    struct Outcome;
    void buildForm();
    void scheduleAnalysis();
    void analyze();
    void finishAnalysis();
    void showPreview(const DataPreview& preview);
    void fillColumns(const DataPreview& preview);
    void fillTable(const DataPreview& preview);
    /** Another file: format, encoding, delimiter and columns go back to "detect", and what
     *  the page showed of the previous file goes. */
    void resetForNewFile();
    void showWarnings(const DataPreview& preview);
    QString requestKey() const;

    QLineEdit* m_file = nullptr;
    QComboBox* m_format = nullptr;
    QComboBox* m_encoding = nullptr;
    QComboBox* m_delimiter = nullptr;
    QComboBox* m_text = nullptr;
    QComboBox* m_label = nullptr;
    QLineEdit* m_separator = nullptr;
    QSpinBox* m_maxLength = nullptr;
    QLineEdit* m_validationFile = nullptr;
    QDoubleSpinBox* m_validationShare = nullptr;
    QLabel* m_detected = nullptr;
    QLabel* m_warnings = nullptr;
    QCheckBox* m_dropDuplicates = nullptr;
    QPushButton* m_showDuplicates = nullptr;
    QTableWidget* m_table = nullptr;
    DataChartsView* m_charts = nullptr;
    QTimer m_debounce;
    QFutureWatcher<std::shared_ptr<Outcome>> m_job;
    std::shared_ptr<DataPreview> m_preview;
    std::shared_ptr<std::atomic_bool> m_cancel;
    QString m_analyzedKey;
    bool m_analyzing = false; ///< From starting a job until its result is shown.
    /** The path was last changed by typing (not Browse or a loaded spec): a folder it names is
     * read only after Enter, so that "/" or "/home" half-way through a path is never walked. */
    bool m_typed = false;
    QString m_confirmedFolder;
    QString m_lastTyped;
    QString m_presetText, m_presetLabel;
};

} // namespace domaintune::ui
