#include "ui/newrunpage.h"

#include "ui/newrunwizard.h"

#include <QDateTime>
#include <QFile>
#include <QMessageBox>
#include <QTimer>
#include <QVBoxLayout>
#include <QWizardPage>

#include <exception>
#include <nlohmann/json.hpp>

namespace domaintune::ui {

NewRunPage::NewRunPage(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_wizard = new NewRunWizard(this);
    m_wizard->setWindowFlags(Qt::Widget); // A page of the window, not a dialog of its own.
    layout->addWidget(m_wizard);
    m_wizard->useStarterAssets();
    connect(m_wizard, &NewRunWizard::runRequested, this, &NewRunPage::runRequested);
    // accept() hides the dialog; the page keeps it, ready for the next run with the same
    // values (a new name), from the first page.
    connect(m_wizard, &QDialog::finished, this, [this] {
        m_wizard->restart();
        m_wizard->show();
    });
    m_wizard->show();
}

void NewRunPage::edit(const TrainSpec& spec)
{
    // An edited run is a new run: it must not write into the original's folder.
    TrainSpec copy = spec;
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    copy.name += "-" + stamp.toStdString();
    if (!copy.outputDir.empty())
        copy.outputDir += "-" + stamp.toStdString();
    m_wizard->setSpec(copy);
    m_wizard->show();
}

void NewRunPage::useModel(const QString& folder)
{
    m_wizard->restart();
    m_wizard->setField(QStringLiteral("modelDir"), folder);
    m_wizard->show();
}

void NewRunPage::advanceTo(int pageId)
{
    auto* timer = new QTimer(this);
    timer->setInterval(100);
    connect(timer, &QTimer::timeout, this, [this, timer, pageId] {
        QWizardPage* page = m_wizard->currentPage();
        if (!page || !page->isComplete())
            return; // A model or data preview is still loading.
        if (m_wizard->currentId() == pageId || m_wizard->nextId() < 0) {
            timer->deleteLater();
            emit reached(m_wizard->currentId());
            return;
        }
        m_wizard->next();
    });
    timer->start();
}

bool NewRunPage::openTemplate(const QString& file)
{
    QFile in(file);
    try {
        if (!in.open(QIODevice::ReadOnly))
            throw std::runtime_error(in.errorString().toStdString());
        const TrainSpec spec =
            TrainSpec::fromJson(nlohmann::json::parse(in.readAll().toStdString()));
        edit(spec);
        return true;
    } catch (const std::exception& e) {
        QMessageBox::warning(
            this, tr("Open template"),
            tr("%1 is not a run template: %2").arg(file, QString::fromUtf8(e.what())));
        return false;
    }
}

} // namespace domaintune::ui
