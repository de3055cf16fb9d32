#pragma once

#include <QString>

namespace domaintune::ui {

/**
 * What the GUI shows for a metric the trainer reports ("f1_macro" -> "F1 (macro)", translated).
 * A metric this build does not know is shown as its raw name. GUI thread.
 */
QString metricText(const QString& name);

} // namespace domaintune::ui
