#pragma once

// Starts tests/hub/fakehub.py (Debian's python3) on 127.0.0.1 for download tests; the server
// exits when the object is destroyed, or by itself after five minutes.

#include "testpaths.h"

#include <QProcess>
#include <QString>
#include <QStringList>

namespace domaintune::test {

class FakeHubServer
{
public:
    /** Starts the server with the JSON config at @p configPath; endpoint() is empty on failure. */
    explicit FakeHubServer(const QString& configPath, const QString& logPath = {})
    {
        QStringList arguments{domaintune::test::sourcePath("/tests/hub/fakehub.py"),
                              QStringLiteral("--config"), configPath,
                              QStringLiteral("--max-seconds"), QStringLiteral("300")};
        if (!logPath.isEmpty())
            arguments << QStringLiteral("--log") << logPath;
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(QStringLiteral("/usr/bin/python3"), arguments);
        if (!m_process.waitForStarted(10000) || !m_process.waitForReadyRead(20000))
            return;
        const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
        if (line.startsWith(QStringLiteral("PORT ")))
            m_endpoint = QStringLiteral("http://127.0.0.1:") + line.mid(5);
    }
    ~FakeHubServer()
    {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    FakeHubServer(const FakeHubServer&) = delete;
    FakeHubServer& operator=(const FakeHubServer&) = delete;

    /** Returns "http://127.0.0.1:PORT", or "" when the server did not start. */
    const QString& endpoint() const { return m_endpoint; }

private:
    QProcess m_process;
    QString m_endpoint;
};

} // namespace domaintune::test
