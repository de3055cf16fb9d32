#include "ui/i18n.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QStringList>
#include <QTranslator>

namespace domaintune::ui {

QStringList availableLanguages()
{
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QString installTranslations(QCoreApplication& app, const QString& language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    // Dates and numbers (every QLocale() in the pages) follow the chosen language, not only the
    // system's: History's dates read as Chinese dates when Chinese was chosen in Settings.
    if (!language.isEmpty())
        QLocale::setDefault(locale);
    // The translations are compiled into the binary (resources under :/i18n).
    auto* ours = new QTranslator(&app);
    if (!ours->load(locale, QStringLiteral("domaintune"), QStringLiteral("_"),
                    QStringLiteral(":/i18n"))) {
        delete ours;
        return QStringLiteral("en");
    }
    app.installTranslator(ours);
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
    else
        delete qt;
    return locale.name();
}

} // namespace domaintune::ui
