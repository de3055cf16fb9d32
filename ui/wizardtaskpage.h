#pragma once

#include <QWizardPage>

class QButtonGroup;
class QComboBox;

namespace domaintune::ui {

/**
 * Wizard page 1: what to train (classification, multi-label, NER, domain-adaptive
 * pretraining, causal LM) and for which domain. Fields: "task" and "domain" (stable names
 * such as "seq-cls" and "legal"). GUI thread only.
 */
class WizardTaskPage : public QWizardPage
{
    Q_OBJECT
    Q_PROPERTY(QString task READ task WRITE setTask NOTIFY taskChanged)
    Q_PROPERTY(QString domain READ domain WRITE setDomain NOTIFY domainChanged)

public:
    explicit WizardTaskPage(QWidget* parent = nullptr);

    /** Keeps the page's values when the user goes back or starts another run (QWizard would
     * reset them to their first values). */
    void cleanupPage() override {}

    QString task() const;
    void setTask(const QString& task);
    QString domain() const;
    void setDomain(const QString& domain);

    /** Returns the tasks in the order the page lists them. */
    static QStringList tasks();
    /** Returns the domains in the order the page lists them. */
    static QStringList domains();

signals:
    void taskChanged();
    void domainChanged();

private:
    QButtonGroup* m_tasks = nullptr;
    QComboBox* m_domain = nullptr;
};

} // namespace domaintune::ui
