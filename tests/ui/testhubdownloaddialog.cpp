// The "Download from Hugging Face" dialog against a real HTTP server on 127.0.0.1
// (tests/hub/fakehub.py): an id typed key by key, the download finishing with the snapshot
// folder, a mistyped id refused before anything starts, a missing model's message shown.
#include "fakehubserver.h"
#include "ui/hubdownloaddialog.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

using namespace domaintune::ui;

class TestHubDownloadDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<domaintune::test::FakeHubServer> m_server;

    static void write(const QString& path, const QByteArray& bytes)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }

private slots:
    void initTestCase()
    {
        const QString repo = m_dir.filePath(QStringLiteral("repo"));
        QVERIFY(QDir().mkpath(repo));
        write(repo + QStringLiteral("/config.json"), R"({"model_type": "bert"})");
        write(repo + QStringLiteral("/vocab.txt"), "[PAD]\n[UNK]\n[CLS]\n[SEP]\n");
        write(repo + QStringLiteral("/model.safetensors"), QByteArray(300000, 'w'));
        write(m_dir.filePath(QStringLiteral("hub.json")),
              QStringLiteral(R"({"repos": {"acme/tiny": {"dir": "%1", "commit": "%2"}}})")
                  .arg(repo, QStringLiteral("89abcdef0123456789abcdef0123456789abcdef"))
                  .toUtf8());
        m_server = std::make_unique<domaintune::test::FakeHubServer>(
            m_dir.filePath(QStringLiteral("hub.json")));
        QVERIFY2(!m_server->endpoint().isEmpty(), "the test Hub did not start");
        qputenv("HF_ENDPOINT", m_server->endpoint().toUtf8());
        qputenv("HF_HUB_CACHE", m_dir.filePath(QStringLiteral("cache")).toUtf8());
        qunsetenv("HF_HUB_OFFLINE");
        qunsetenv("HF_TOKEN");
    }

    void downloadsWhatIsTyped()
    {
        HubDownloadDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto* id = dialog.findChild<QLineEdit*>(QStringLiteral("modelId"));
        QVERIFY(id);
        QSignalSpy done(&dialog, &HubDownloadDialog::downloaded);
        id->setFocus();
        QTest::keyClicks(id, QStringLiteral("acme/tiny"));
        QTest::keyClick(id, Qt::Key_Return); // Enter starts it, like the Download button
        const auto* status = dialog.findChild<QLabel*>(QStringLiteral("status"));
        QVERIFY2(done.wait(30000), qPrintable(status->text()));
        const QString folder = done.at(0).at(1).toString();
        QVERIFY(folder.endsWith(QStringLiteral(
            "models--acme--tiny/snapshots/89abcdef0123456789abcdef0123456789abcdef")));
        QCOMPARE(QFileInfo(folder + QStringLiteral("/model.safetensors")).size(), 300000);
        QVERIFY2(
            status->text().startsWith(QStringLiteral("Downloaded acme/tiny (commit 89abcdef0123)")),
            qPrintable(status->text()));
        // For looking at it: DOMAINTUNE_TEST_SCREENSHOTS=DIR keeps a picture of the dialog.
        if (qEnvironmentVariableIsSet("DOMAINTUNE_TEST_SCREENSHOTS"))
            dialog.grab().save(qEnvironmentVariable("DOMAINTUNE_TEST_SCREENSHOTS") +
                               QStringLiteral("/hub-download-dialog.png"));
    }

    void mistypedIdIsRefusedAtOnce()
    {
        HubDownloadDialog dialog;
        dialog.show();
        auto* id = dialog.findChild<QLineEdit*>(QStringLiteral("modelId"));
        QTest::keyClicks(id, QStringLiteral("acme/ti ny"));
        dialog.findChild<QPushButton*>(QStringLiteral("download"))->click();
        const auto* status = dialog.findChild<QLabel*>(QStringLiteral("status"));
        QVERIFY2(status->text().contains(QStringLiteral("is not a Hugging Face model id")),
                 qPrintable(status->text()));
        QVERIFY(id->isEnabled()); // nothing started
    }

    void missingModelSaysSo()
    {
        HubDownloadDialog dialog;
        dialog.show();
        auto* id = dialog.findChild<QLineEdit*>(QStringLiteral("modelId"));
        auto* download = dialog.findChild<QPushButton*>(QStringLiteral("download"));
        QTest::keyClicks(id, QStringLiteral("acme/missing"));
        download->click();
        QVERIFY(!download->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(download->isEnabled(), 30000);
        const auto* status = dialog.findChild<QLabel*>(QStringLiteral("status"));
        QVERIFY2(status->text().contains(QStringLiteral("No model acme/missing")),
                 qPrintable(status->text()));
    }
};

QTEST_MAIN(TestHubDownloadDialog)
#include "testhubdownloaddialog.moc"
