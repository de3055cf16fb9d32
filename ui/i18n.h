#pragma once

#include <QString>

class QCoreApplication;

namespace domaintune::ui {

/**
 * Installs DomainTune's and Qt's translations for @p language ("zh_CN", "en", or empty for
 * the system locale) into @p app. Returns the language actually installed ("en" when none
 * matched). A language chosen by name also becomes QLocale's default, so that dates and
 * numbers follow it. GUI thread, after the application object exists.
 */
QString installTranslations(QCoreApplication& app, const QString& language);

/** Returns the languages DomainTune ships a translation for, as locale names. */
QStringList availableLanguages();

} // namespace domaintune::ui
