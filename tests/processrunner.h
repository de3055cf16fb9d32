#pragma once

// Runs a program as a user or a script would, for the tests of the executables.

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

namespace domaintune::test {

/** What a finished program left behind. exitCode is -1 when it timed out, -2 when it crashed. */
struct ProcessResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

/** Runs @p program to completion (killing it after @p timeoutMs) and collects its output. */
inline ProcessResult
runProcess(const QString& program, const QStringList& arguments,
           const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment(),
           int timeoutMs = 300000)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    ProcessResult result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

} // namespace domaintune::test
