#pragma once

#include "core/train/trainspec.h"

#include <QWidget>

namespace domaintune::ui {

class NewRunWizard;

/**
 * The "New run" section: the new-run wizard embedded in the main window, restarted for the
 * next run after each Start. Prefills the starter model and sample task on a fresh install.
 * GUI thread only.
 */
class NewRunPage : public QWidget
{
    Q_OBJECT

public:
    explicit NewRunPage(QWidget* parent = nullptr);

    NewRunWizard* wizard() const { return m_wizard; }
    /** Shows @p spec in the wizard from its first page (re-run with changes, templates). */
    void edit(const TrainSpec& spec);
    /** Starts the wizard over with @p folder as the model. */
    void useModel(const QString& folder);
    /** Reads a template written by "Save as template" into the wizard; false with a message. */
    bool openTemplate(const QString& file);
    /** Presses Next whenever the current page is complete until page @p pageId shows (and is
     * complete); then emits reached(). For demonstrations and screenshots. */
    void advanceTo(int pageId);

signals:
    void runRequested(const domaintune::TrainSpec& spec);
    /** advanceTo() arrived at @p pageId. */
    void reached(int pageId);

private:
    NewRunWizard* m_wizard = nullptr;
};

} // namespace domaintune::ui
