#pragma once

#include <QString>

namespace domaintune::ui {

/** Returns @p seconds as short translated text ("45 s", "3 min 05 s", "2 h 07 min"). */
QString durationText(double seconds);

} // namespace domaintune::ui
