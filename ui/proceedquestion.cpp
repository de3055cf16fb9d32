#include "ui/proceedquestion.h"

#include <QMessageBox>
#include <QPushButton>

namespace domaintune::ui {

bool askToProceed(QWidget* parent, const QString& title, const QString& text,
                  const QString& details, const QString& proceedText, const QString& keepText,
                  QWidget*& open)
{
    QMessageBox box(QMessageBox::Question, title, text, QMessageBox::NoButton, parent);
    if (!details.isEmpty())
        box.setInformativeText(details);
    QPushButton* proceed = box.addButton(proceedText, QMessageBox::AcceptRole);
    QPushButton* keep = box.addButton(keepText, QMessageBox::RejectRole);
    box.setDefaultButton(keep);
    box.setEscapeButton(keep);
    open = &box;
    box.exec();
    open = nullptr;
    return box.clickedButton() == proceed;
}

} // namespace domaintune::ui
