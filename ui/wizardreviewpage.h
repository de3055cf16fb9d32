#pragma once

#include <QWizardPage>

class QLabel;
class QPlainTextEdit;

namespace domaintune::ui {

/**
 * Wizard page 6: a summary of the run and its JSON spec, with "Save as template…". Start
 * (the wizard's Finish button) is the only action that runs anything. GUI thread only.
 */
class WizardReviewPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit WizardReviewPage(QWidget* parent = nullptr);

    void initializePage() override;

    /** Writes the run's spec to @p file (atomically); returns false with a message shown. */
    bool saveTemplate(const QString& file);
    QString summaryText() const;
    QString specText() const;

private:
    QLabel* m_summary = nullptr;
    QPlainTextEdit* m_json = nullptr;
    QLabel* m_copied = nullptr;
};

} // namespace domaintune::ui
