#include "ui/wizardtaskpage.h"

#include "ui/newrunwizard.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QRadioButton>
#include <QVBoxLayout>

namespace domaintune::ui {
namespace {

QString taskDescription(const QString& task)
{
    if (task == QLatin1String("seq-cls"))
        return WizardTaskPage::tr("One label per text: sentiment of a news line, the clause type "
                                  "of a contract paragraph, the department of a patient question.");
    if (task == QLatin1String("multi-label"))
        return WizardTaskPage::tr("Any number of labels per text, e.g. every risk a filing "
                                  "mentions.");
    if (task == QLatin1String("token-cls"))
        return WizardTaskPage::tr("Named entities: a label per word, such as diseases in "
                                  "abstracts or parties in contracts (CoNLL files).");
    if (task == QLatin1String("mlm"))
        return WizardTaskPage::tr("Continue the model's masked-language pretraining on "
                                  "unlabelled domain text before fine-tuning (\"Don't Stop "
                                  "Pretraining\").");
    return WizardTaskPage::tr("Fine-tune a GPT-2 style model to continue domain text.");
}

} // namespace

WizardTaskPage::WizardTaskPage(QWidget* parent) : QWizardPage(parent)
{
    setTitle(tr("Task and domain"));
    setSubTitle(tr("What should the model learn? The next pages adapt their defaults to it."));
    auto* layout = new QVBoxLayout(this);
    m_tasks = new QButtonGroup(this);
    const QStringList names = tasks();
    for (int i = 0; i < names.size(); ++i) {
        auto* button = new QRadioButton(taskTitle(names[i]), this);
        button->setObjectName(QStringLiteral("task-") + names[i]);
        auto* description = new QLabel(taskDescription(names[i]), this);
        description->setWordWrap(true);
        description->setIndent(24);
        description->setForegroundRole(QPalette::PlaceholderText);
        layout->addWidget(button);
        layout->addWidget(description);
        m_tasks->addButton(button, i);
    }
    m_tasks->button(0)->setChecked(true);
    connect(m_tasks, &QButtonGroup::idToggled, this, [this](int, bool on) {
        if (on)
            emit taskChanged();
    });

    auto* form = new QFormLayout;
    m_domain = new QComboBox(this);
    m_domain->setObjectName(QStringLiteral("domain"));
    for (const QString& domain : domains())
        m_domain->addItem(domainTitle(domain), domain);
    form->addRow(tr("&Domain:"), m_domain);
    layout->addSpacing(12);
    layout->addLayout(form);
    layout->addStretch();
    connect(m_domain, &QComboBox::currentIndexChanged, this, &WizardTaskPage::domainChanged);

    registerField(QStringLiteral("task"), this, "task", SIGNAL(taskChanged()));
    registerField(QStringLiteral("domain"), this, "domain", SIGNAL(domainChanged()));
}

QStringList WizardTaskPage::tasks()
{
    return {QStringLiteral("seq-cls"), QStringLiteral("multi-label"), QStringLiteral("token-cls"),
            QStringLiteral("mlm"), QStringLiteral("clm")};
}

QStringList WizardTaskPage::domains()
{
    return {QStringLiteral("finance"), QStringLiteral("medical"), QStringLiteral("legal"),
            QStringLiteral("other")};
}

QString WizardTaskPage::task() const
{
    const int id = m_tasks->checkedId();
    return id >= 0 ? tasks().value(id) : tasks().constFirst();
}

void WizardTaskPage::setTask(const QString& task)
{
    const int id = tasks().indexOf(task);
    if (id >= 0 && id != m_tasks->checkedId())
        m_tasks->button(id)->setChecked(true);
}

QString WizardTaskPage::domain() const
{
    return m_domain->currentData().toString();
}

void WizardTaskPage::setDomain(const QString& domain)
{
    const int index = m_domain->findData(domain);
    m_domain->setCurrentIndex(index >= 0 ? index : m_domain->findData(QStringLiteral("other")));
}

} // namespace domaintune::ui
