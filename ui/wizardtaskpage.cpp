#include "ui/wizardtaskpage.h"

#include "ui/tasktext.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QRadioButton>
#include <QVBoxLayout>

namespace domaintune::ui {

WizardTaskPage::WizardTaskPage(QWidget* parent) : QWizardPage(parent)
{
    setTitle(tr("Task and domain"));
    setSubTitle(tr("What should the model learn? The next pages adapt their defaults to it."));
    auto* layout = new QVBoxLayout(this);
    m_tasks = new QButtonGroup(this);
    const QStringList names = tasks();
    for (int i = 0; i < names.size(); ++i) {
        const Task task = allTasks()[static_cast<std::size_t>(i)].task;
        auto* button = new QRadioButton(taskTitle(task), this);
        button->setObjectName(QStringLiteral("task-") + names[i]);
        auto* description = new QLabel(taskDescription(task), this);
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
    QStringList names;
    for (const TaskInfo& info : allTasks())
        names << QString::fromUtf8(info.name);
    return names;
}

QStringList WizardTaskPage::domains()
{
    return ui::domains();
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
