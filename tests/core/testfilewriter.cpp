// Checked whole-file writes, which checkpoints and TorchScript exports go through: a full disk
// (/dev/full answers every write with ENOSPC) is an Error naming the file, never an abort.
#include "core/common/error.h"
#include "core/common/filewriter.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace domaintune;

class TestFileWriter : public QObject
{
    Q_OBJECT

private slots:
    void writesTheBytes()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("a.bin").toStdString();
        writeWholeFile(path, std::string("\0abc", 4));
        std::ifstream in(path, std::ios::binary);
        const std::string back((std::istreambuf_iterator<char>(in)), {});
        QCOMPARE(back, std::string("\0abc", 4));
    }

    void fullDiskIsAnError()
    {
        if (!QFileInfo::exists(QStringLiteral("/dev/full")))
            QSKIP("this system has no /dev/full");
        try {
            writeWholeFile("/dev/full", std::string(1 << 20, 'x'));
            QFAIL("a write to a full device succeeded");
        } catch (const Error& e) {
            const std::string message = e.what();
            QVERIFY2(message.find("/dev/full: cannot write the file") == 0, e.what());
            QVERIFY2(message.find("free disk space") != std::string::npos, e.what());
        }
    }

    void missingFolderIsAnError()
    {
        QVERIFY_THROWS_EXCEPTION(Error, writeWholeFile("/nonexistent/dir/file", "x"));
    }
};

QTEST_APPLESS_MAIN(TestFileWriter)
#include "testfilewriter.moc"
