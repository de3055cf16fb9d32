#pragma once

// Helpers shared by the Qt Test executables.

#include <QDir>
#include <QFileInfo>
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
    return QDir::cleanPath(QStringLiteral(DOMAINTUNE_SOURCE_DIR "/../shared"));
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
