#pragma once

#include <QDialog>
#include <QFutureWatcher>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace domaintune {
struct ModelExportResult;
}

namespace domaintune::ui {

/**
 * Exports a run's model as a Hugging Face folder and/or TorchScript, in f32, f16 or bf16, on a
 * pool thread; shows each format's verification (reloaded and compared with the model) and
 * records it in the run history. GUI thread only.
 */
class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    ExportDialog(const QString& historyPath, qint64 runId, QWidget* parent = nullptr);
    ~ExportDialog() override;

    void setOutputFolder(const QString& folder);
    void setFormats(bool huggingFace, bool torchScript);
    /** Sets the weights' precision: "f32", "f16" or "bf16". */
    void setPrecision(const QString& precision);
    /** Exports the model of the run's best evaluation (best/) instead of its final one. */
    void setBest(bool best);
    /** The question asked before replacing a folder that holds files (null when none). */
    QWidget* replaceQuestion() const { return m_replaceQuestion; }
    /** Starts the export in the background; exported() follows. */
    void startExport();
    /** Returns the verification text shown after the export. */
    QString resultText() const;

signals:
    /** The export ended; @p passed: written and every verification passed. */
    void exported(bool passed);

private:
    struct Outcome;
    void finishExport();

    QString m_historyPath;
    qint64 m_runId = 0;
    QLineEdit* m_output = nullptr;
    QCheckBox* m_huggingFace = nullptr;
    QCheckBox* m_torchScript = nullptr;
    QComboBox* m_precision = nullptr;
    QComboBox* m_which = nullptr;  ///< The run's final model or its best evaluation's.
    QPushButton* m_open = nullptr; ///< Opens the written folder.
    QWidget* m_replaceQuestion = nullptr;
    QString m_written;
    QProgressBar* m_busy = nullptr;
    QLabel* m_result = nullptr;
    QPushButton* m_export = nullptr;
    QFutureWatcher<std::shared_ptr<Outcome>> m_job;
};

} // namespace domaintune::ui
