#pragma once

#include "core/train/task.h"

#include <QString>
#include <QStringList>

/**
 * What the GUI shows for tasks (core/train/task.h) and domains, translated. A task or domain a
 * history holds but this build does not know is shown as its raw name. GUI thread.
 */
namespace domaintune::ui {

QString taskTitle(Task task);
/** The title of the task called @p name, or @p name itself when there is none. */
QString taskTitle(const QString& name);
/** One or two sentences saying what the task learns, with an example. */
QString taskDescription(Task task);

/** The domains the wizard offers (stable names: "finance", "medical", "legal", "other"). */
QStringList domains();
/** The title of @p domain, or @p domain itself when it is not one of domains(). */
QString domainTitle(const QString& domain);

} // namespace domaintune::ui
