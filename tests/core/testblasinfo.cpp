#include "core/common/blasinfo.h"
#include "core/common/systeminfo.h"

#include <QtTest>

#include <climits>
#include <cstdlib>

using namespace domaintune;

class TestBlasInfo : public QObject
{
    Q_OBJECT

private slots:
    void classifiesLibraries_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("kind");
        QTest::newRow("openblas pthread")
            << "/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3" << int(BlasKind::OpenBlas);
        QTest::newRow("openblas core")
            << "/usr/lib/x86_64-linux-gnu/libopenblas.so.0" << int(BlasKind::OpenBlas);
        QTest::newRow("debian reference")
            << "/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0" << int(BlasKind::Reference);
        QTest::newRow("mkl") << "/opt/intel/mkl/lib/libmkl_rt.so" << int(BlasKind::Other);
        QTest::newRow("blis") << "/usr/lib/x86_64-linux-gnu/blis-openmp/libblas.so.3"
                              << int(BlasKind::Other);
        QTest::newRow("nothing") << "" << int(BlasKind::Unknown);
    }

    void classifiesLibraries()
    {
        QFETCH(QString, path);
        QFETCH(int, kind);
        QCOMPARE(int(classifyBlasLibrary(path.toStdString())), kind);
    }

    void detectsTheLibraryLibTorchUses()
    {
        // collectSystemInfo() pulls LibTorch, and with it the system BLAS, into this process.
        const SystemInfo info = collectSystemInfo();
        QVERIFY2(info.blas.kind != BlasKind::Unknown, "no sgemm_ found in a LibTorch process");
        QVERIFY(!info.blas.library.empty());
        QVERIFY(QFileInfo::exists(QString::fromStdString(info.blas.library)));

        // Debian routes libblas.so.3 through the alternatives system; detection must agree
        // with where the alternative points.
        char resolved[PATH_MAX];
        const char* alternative = "/usr/lib/x86_64-linux-gnu/libblas.so.3";
        if (!realpath(alternative, resolved))
            QSKIP("this machine has no Debian libblas.so.3 alternative");
        QCOMPARE(QString::fromStdString(info.blas.library), QString::fromUtf8(resolved));
        QCOMPARE(int(info.blas.kind), int(classifyBlasLibrary(resolved)));
    }

    void projectDependencyProvidesOpenBlas()
    {
        // scripts/install-deps installs libopenblas0-pthread, whose alternative outranks the
        // reference BLAS; anything else means the set-up is broken and training would crawl.
        const BlasInfo blas = collectSystemInfo().blas;
        QCOMPARE(blasKindName(blas.kind), "openblas");
        QVERIFY(!blas.isSlow());
        QVERIFY(blas.warning().empty());
        QVERIFY2(blas.threads >= 1, "OpenBLAS did not report its thread count");
        QVERIFY(!blas.config.empty());
    }

    void slowBlasWarningIsActionable()
    {
        BlasInfo blas;
        blas.kind = BlasKind::Reference;
        blas.library = "/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0";
        QVERIFY(blas.isSlow());
        const QString warning = QString::fromStdString(blas.warning());
        QVERIFY(warning.contains(QStringLiteral("libopenblas0-pthread")));
        QVERIFY(warning.contains(QString::fromStdString(blas.library)));
    }

    void setsOpenBlasThreads()
    {
        collectSystemInfo();
        const int before = detectBlas().threads;
        QVERIFY(setBlasThreads(1));
        QCOMPARE(detectBlas().threads, 1);
        QVERIFY(!setBlasThreads(0));
        QVERIFY(setBlasThreads(before));
        QCOMPARE(detectBlas().threads, before);
    }
};

QTEST_APPLESS_MAIN(TestBlasInfo)
#include "testblasinfo.moc"
