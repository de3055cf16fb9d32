#include "core/common/error.h"
#include "core/data/encodingdetector.h"
#include "core/data/textdecoder.h"
#include "datatestutil.h"

#include <QtTest>

using namespace domaintune;

class TestDataEncoding : public QObject
{
    Q_OBJECT

private slots:
    void boms_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("bom");
        QTest::newRow("utf-8") << QByteArray("\xEF\xBB\xBFhi") << "UTF-8" << 3;
        QTest::newRow("utf-16le") << QByteArray("\xFF\xFEh\0i\0", 6) << "UTF-16LE" << 2;
        QTest::newRow("utf-16be") << QByteArray("\xFE\xFF\0h\0i", 6) << "UTF-16BE" << 2;
    }
    void boms()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, name);
        QFETCH(int, bom);
        const std::string head = bytes.toStdString();
        const EncodingGuess guess = detectEncoding(head, head);
        QCOMPARE(QString::fromStdString(guess.name), name);
        QCOMPARE(static_cast<int>(guess.bomLength), bom);
    }

    void utf16WithoutBom()
    {
        const std::string text("a\0b\0c\0d\0e\0f\0", 12);
        QCOMPARE(detectEncoding(text, text).name, std::string("UTF-16LE"));
    }

    void binaryAndAscii()
    {
        const std::string binary("\x7F"
                                 "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0",
                                 24);
        QVERIFY(detectEncoding(binary, binary).binary);
        QCOMPARE(detectEncoding("plain,ascii\n", "").name, std::string("UTF-8"));
    }

    void detectorNamesWithDirectionAreUsable()
    {
        // Found by fuzz_corpus: ICU's detector answered "IBM420_ltr" for these bytes and the
        // name was refused by the converter lookup ("Unknown text encoding").
        const std::string bytes("\xb8"
                                "AISO-8jipsa\ragrh.\n");
        const EncodingGuess guess = detectEncoding(bytes.substr(0, 4), bytes);
        QVERIFY2(guess.name.find('_') == std::string::npos, guess.name.c_str());
        TextDecoder decoder(guess.name); // the name must be one a decoder opens
        std::string out;
        decoder.decode(bytes.data(), bytes.size(), true, out);
        QVERIFY(!out.empty());
    }

    void latin1AndWindows1252()
    {
        // Enough latin-1 text that ICU's detector is confident; no C1 bytes -> ISO-8859-1.
        std::string latin1;
        for (int i = 0; i < 40; ++i)
            latin1 += "Le caf\xE9 \xE0 Z\xFCrich co\xFBte tr\xE8s cher, d\xE9j\xE0 l'\xE9t\xE9.\n";
        QCOMPARE(detectEncoding(latin1, latin1).name, std::string("ISO-8859-1"));
        std::string cp1252 = latin1 + "It\x92s \x93quoted\x94 \x96 dash\n";
        QCOMPARE(detectEncoding(cp1252, cp1252).name, std::string("windows-1252"));
    }

    void mostlyUtf8StaysUtf8()
    {
        std::string mixed;
        for (int i = 0; i < 10; ++i)
            mixed += "caf\xC3\xA9 cr\xC3\xA8me\n";
        mixed += "caf\xE9\n";
        QCOMPARE(detectEncoding(mixed, mixed).name, std::string("UTF-8"));
    }

    void standardNames()
    {
        QCOMPARE(standardEncodingName("latin-1"), std::string("ISO-8859-1"));
        QCOMPARE(standardEncodingName("cp1252"), std::string("windows-1252"));
        QCOMPARE(standardEncodingName("utf8"), std::string("UTF-8"));
        QCOMPARE(standardEncodingName("gb18030"), std::string("GB18030"));
        QCOMPARE(standardEncodingName("Shift_JIS"), std::string("Shift_JIS"));
        QVERIFY_THROWS_EXCEPTION(Error, standardEncodingName("no-such-encoding"));
    }

    void decoderReportsLines()
    {
        TextDecoder decoder("UTF-8");
        std::string out;
        const std::string bytes = "ok\nbad \xFF here\nfine\nalso \xC3 bad\n";
        // Feed in two pieces that cut a line, to exercise the chunk boundary.
        decoder.decode(bytes.data(), 8, false, out);
        decoder.decode(bytes.data() + 8, bytes.size() - 8, true, out);
        const auto replacements = decoder.takeReplacements();
        QCOMPARE(replacements.size(), std::size_t(2));
        QCOMPARE(replacements[0].line, std::int64_t(2));
        QCOMPARE(replacements[1].line, std::int64_t(4));
        QCOMPARE(out, std::string("ok\nbad \xEF\xBF\xBD here\nfine\nalso \xEF\xBF\xBD bad\n"));
    }

    void decoderGb18030AcrossChunks()
    {
        TextDecoder decoder("GB18030");
        const std::string bytes = "\xD0\xC4\xD1\xAA\xB9\xDC\xBF\xC6"; // 心血管科
        std::string out;
        for (char byte : bytes)
            decoder.decode(&byte, 1, false, out);
        decoder.decode(nullptr, 0, true, out);
        QCOMPARE(out, std::string("\xE5\xBF\x83\xE8\xA1\x80\xE7\xAE\xA1\xE7\xA7\x91"));
        QVERIFY(decoder.takeReplacements().empty());
    }

    void sampleFindsLateNonAscii()
    {
        QTemporaryDir dir;
        std::string text;
        for (int i = 0; i < 20000; ++i)
            text += "plain ascii line number " + std::to_string(i) + "\n";
        for (int i = 0; i < 30; ++i)
            text += "na\xEFve caf\xE9 r\xE9sum\xE9 \xE0 la fran\xE7"
                    "aise\n";
        const std::string path = test::writeFile(dir, "late.csv", text);
        QCOMPARE(detectFileEncoding(path).name, std::string("ISO-8859-1"));
    }
};

QTEST_APPLESS_MAIN(TestDataEncoding)
#include "testdataencoding.moc"
