#include "ui/durationtext.h"

#include <QCoreApplication>

#include <cmath>

namespace domaintune::ui {

QString durationText(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0)
        return QCoreApplication::translate("DurationText", "unknown");
    const auto total = static_cast<qint64>(std::llround(seconds));
    const qint64 hours = total / 3600;
    const qint64 minutes = (total % 3600) / 60;
    const qint64 rest = total % 60;
    const auto two = [](qint64 value) {
        return QStringLiteral("%1").arg(value, 2, 10, QLatin1Char('0'));
    };
    if (hours > 0)
        return QCoreApplication::translate("DurationText", "%1 h %2 min")
            .arg(hours)
            .arg(two(minutes));
    if (minutes > 0)
        return QCoreApplication::translate("DurationText", "%1 min %2 s")
            .arg(minutes)
            .arg(two(rest));
    return QCoreApplication::translate("DurationText", "%1 s").arg(rest);
}

} // namespace domaintune::ui
