#pragma once

// Helpers shared by the Qt Test executables.

#include "testpaths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QString>
#include <QtTest>

namespace domaintune::test {

/**
 * Returns the shared data folder (reference fixtures, tokenizers, corpora): the environment's
 * DOMAINTUNE_SHARED_DIR (CTest sets it), else ../shared beside the source tree. May not exist:
 * a user's fresh clone has no ../shared.
 */
inline QString sharedDir()
{
    const QByteArray fromEnvironment = qgetenv("DOMAINTUNE_SHARED_DIR");
    if (!fromEnvironment.isEmpty())
        return QDir::cleanPath(QString::fromLocal8Bit(fromEnvironment));
    return QDir::cleanPath(domaintune::test::sourcePath("/../shared"));
}

/**
 * Adds one row named after each sub-folder of `root` to the current `_data()` table (a single
 * QString column), or one row named "absent" holding `root` when there is none, so that a clone
 * without ../shared still runs the test function and skips it with a message instead of
 * aborting on an empty table.
 */
inline void addFolderRowsOrAbsent(const QString& root)
{
    const QStringList names = QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& name : names)
        QTest::newRow(qPrintable(name)) << root + QLatin1Char('/') + name;
    if (names.isEmpty())
        QTest::newRow("absent") << root;
}

/**
 * Keeps a GUI test away from the user's settings and history: Qt's test mode for standard
 * paths, settings of its own (organisation DomainTuneTest, application @p application), cleared,
 * with the run history (history.sqlite) and the run outputs (data/) in @p folder.
 */
inline void useOwnSettings(const QString& application, const QString& folder)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("DomainTuneTest"));
    QCoreApplication::setApplicationName(application);
    QSettings().clear();
    QSettings().setValue(QStringLiteral("history/path"),
                         folder + QStringLiteral("/history.sqlite"));
    QSettings().setValue(QStringLiteral("data/location"), folder + QStringLiteral("/data"));
}

} // namespace domaintune::test

/**
 * Sets QString `variable` to sharedDir()/relative, or skips the current test with a message
 * naming the path when it is absent. Use at the top of a test function or initTestCase().
 */
#define DOMAINTUNE_SHARED_OR_SKIP(variable, relative)                                              \
    const QString variable = domaintune::test::sharedDir() + QLatin1Char('/') + (relative);        \
    if (!QFileInfo::exists(variable))                                                              \
        QSKIP(qPrintable(QStringLiteral("shared data not present (%1); this test needs the "       \
                                        "../shared folder that CI provides")                       \
                             .arg(variable)));
