// CPU features from /proc/cpuinfo: what decides whether the wizard offers bf16 and what the
// System page shows.
#include "core/common/cpufeatures.h"

#include <QtTest>

using namespace domaintune;

class TestCpuFeatures : public QObject
{
    Q_OBJECT

private slots:
    void readsTheFirstProcessorsFlags()
    {
        const auto zen4 = parseCpuInfo("processor\t: 0\n"
                                       "vendor_id\t: AuthenticAMD\n"
                                       "model name\t: AMD EPYC 9654 96-Core Processor\n"
                                       "flags\t\t: fpu sse avx2 avx512f avx512_bf16 avx512vl\n"
                                       "\n"
                                       "processor\t: 1\n"
                                       "model name\t: other\n"
                                       "flags\t\t: fpu amx_bf16\n");
        QCOMPARE(zen4.model, std::string("AMD EPYC 9654 96-Core Processor"));
        QVERIFY(zen4.avx2 && zen4.avx512 && zen4.avx512Bf16);
        QVERIFY(!zen4.amxBf16); // the second processor's flags are not read
        QVERIFY(zen4.nativeBf16());
        QCOMPARE(zen4.names(), (std::vector<std::string>{"AVX2", "AVX-512", "AVX-512 BF16"}));

        const auto sapphire = parseCpuInfo("model name : Intel(R) Xeon(R) Platinum 8480+\n"
                                           "flags : avx2 avx512f amx_bf16 amx_tile\n");
        QVERIFY(sapphire.amxBf16 && !sapphire.avx512Bf16 && sapphire.nativeBf16());

        // avx512_bf16 must match as a whole word, not as part of another flag.
        const auto skylake =
            parseCpuInfo("model name : Intel Xeon Gold 6148\nflags : avx2 avx512f avx512_bf16x\n");
        QVERIFY(skylake.avx512 && !skylake.nativeBf16());

        const auto nothing = parseCpuInfo("");
        QVERIFY(nothing.model.empty() && nothing.names().empty() && !nothing.nativeBf16());
    }

    void thisMachineHasAModelName()
    {
        if (!QFile::exists(QStringLiteral("/proc/cpuinfo")))
            QSKIP("no /proc/cpuinfo here");
        QVERIFY(!cpuFeatures().model.empty() || !cpuFeatures().names().empty());
    }
};

QTEST_GUILESS_MAIN(TestCpuFeatures)
#include "testcpufeatures.moc"
