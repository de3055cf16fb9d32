// Proves the sentencepiece isolation: in a process that holds LibTorch (and with it protobuf
// 3.21), sentencepiece trains, loads and encodes through the plugin, and agrees with Debian's
// own spm_encode on every id.
#include "core/common/error.h"
#include "core/common/systeminfo.h"
#include "core/text/sentencepiecemodel.h"

#include <QtTest>

#include <link.h>

using namespace domaintune;

namespace {

bool isLoaded(const char* fragment)
{
    struct Search
    {
        const char* fragment;
        bool found = false;
    } search{fragment};
    dl_iterate_phdr(
        [](dl_phdr_info* info, size_t, void* data) {
            auto* s = static_cast<Search*>(data);
            if (info->dlpi_name && std::strstr(info->dlpi_name, s->fragment))
                s->found = true;
            return 0;
        },
        &search);
    return search.found;
}

// Real English prose every Debian machine carries (package base-files).
const char* kCorpus = "/usr/share/common-licenses/GPL-3";

const QStringList kSamples = {
    QStringLiteral("The licensee shall indemnify the licensor against any claim."),
    QStringLiteral("  Leading spaces, trailing tabs\t and  double  spaces  "),
    QStringLiteral("合同双方应当遵守本协议的全部条款。"),
    QStringLiteral("Revenue rose 12.5% to EUR 1,234m in Q3 (vs. 1,097m)."),
};

} // namespace

class TestSentencePiece : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // Touch LibTorch so that the process really holds it before sentencepiece is used.
        QVERIFY(!collectSystemInfo().torchVersion.empty());
        QVERIFY2(isLoaded("libtorch_cpu.so"), "LibTorch is not loaded in the test process");
        QVERIFY2(isLoaded("libprotobuf.so"), "LibTorch's protobuf is not loaded");
        QVERIFY2(QFileInfo::exists(QString::fromUtf8(kCorpus)), kCorpus);

        QVERIFY(m_dir.isValid());
        m_prefix = m_dir.filePath(QStringLiteral("gpl"));
        SentencePieceModel::train(
            QStringLiteral("--input=%1 --model_prefix=%2 --vocab_size=600 --model_type=unigram "
                           "--character_coverage=1.0 --num_threads=1 --minloglevel=2 "
                           "--seed_sentencepiece_size=20000")
                .arg(QString::fromUtf8(kCorpus), m_prefix)
                .toStdString());
        QVERIFY(QFileInfo::exists(m_prefix + QStringLiteral(".model")));
    }

    void encodesInsideALibTorchProcess()
    {
        const SentencePieceModel model((m_prefix + QStringLiteral(".model")).toStdString());
        QCOMPARE(model.vocabSize(), 600);
        QCOMPARE(model.unkId(), 0);
        QCOMPARE(model.idToPiece(model.unkId()), std::string("<unk>"));
        const auto pieces = model.encode("the licensee shall comply");
        QVERIFY(pieces.size() >= 4);
        for (const auto& piece : pieces) {
            QVERIFY(piece.id >= 0 && piece.id < model.vocabSize());
            QCOMPARE(model.idToPiece(piece.id), piece.piece);
            QCOMPARE(model.pieceToId(piece.piece), piece.id);
        }
        QCOMPARE(model.pieceToId("definitely-not-a-piece"), -1);
    }

    void agreesWithDebiansSpmEncode()
    {
        const QString spmEncode = QStandardPaths::findExecutable(QStringLiteral("spm_encode"));
        QVERIFY2(!spmEncode.isEmpty(),
                 "spm_encode is missing: run scripts/install-deps (package sentencepiece)");
        QProcess process;
        process.start(spmEncode, {QStringLiteral("--model=") + m_prefix + QStringLiteral(".model"),
                                  QStringLiteral("--output_format=id")});
        QVERIFY(process.waitForStarted());
        process.write(kSamples.join(QLatin1Char('\n')).toUtf8() + '\n');
        process.closeWriteChannel();
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 0);
        const QStringList lines =
            QString::fromUtf8(process.readAllStandardOutput()).split(QLatin1Char('\n'));
        QVERIFY(lines.size() >= kSamples.size());

        const SentencePieceModel model((m_prefix + QStringLiteral(".model")).toStdString());
        for (int i = 0; i < kSamples.size(); ++i) {
            QStringList ours;
            for (const auto& piece : model.encode(kSamples[i].toStdString()))
                ours << QString::number(piece.id);
            QCOMPARE(ours.join(QLatin1Char(' ')), lines[i].trimmed());
        }
    }

    void offsetsCoverTheInput()
    {
        const SentencePieceModel model((m_prefix + QStringLiteral(".model")).toStdString());
        for (const QString& sample : kSamples) {
            const std::string text = sample.toStdString();
            const auto pieces = model.encode(text);
            QVERIFY(!pieces.empty());
            std::size_t previousEnd = 0;
            for (const auto& piece : pieces) {
                QVERIFY2(piece.begin >= previousEnd, "offsets overlap or go backwards");
                QVERIFY(piece.end >= piece.begin && piece.end <= text.size());
                // Offsets fall on UTF-8 character boundaries (never inside a multi-byte char).
                for (std::size_t edge : {piece.begin, piece.end})
                    QVERIFY(edge == text.size() ||
                            (static_cast<unsigned char>(text[edge]) & 0xC0) != 0x80);
                // Apart from the whitespace marker, what a known piece covers is its text.
                if (piece.id != model.unkId()) {
                    std::string expected = piece.piece;
                    const std::string marker = "\xE2\x96\x81";
                    if (expected.rfind(marker, 0) == 0)
                        expected.erase(0, marker.size());
                    const std::string covered = text.substr(piece.begin, piece.end - piece.begin);
                    QCOMPARE(QString::fromStdString(covered).trimmed(),
                             QString::fromStdString(expected));
                }
                previousEnd = piece.end;
            }
        }
    }

    void rejectsAFileThatIsNotAModel()
    {
        QTemporaryFile bogus;
        QVERIFY(bogus.open());
        bogus.write("this is a vocab.txt, not a sentencepiece model\n");
        bogus.close();
        try {
            SentencePieceModel model(bogus.fileName().toStdString());
            QFAIL("a text file was accepted as a sentencepiece model");
        } catch (const Error& e) {
            QVERIFY(QString::fromUtf8(e.what()).contains(bogus.fileName()));
            QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral(".model")));
        }
        QVERIFY_THROWS_EXCEPTION(Error, SentencePieceModel("/nonexistent/spiece.model"));
    }

    void reportsTrainerErrors()
    {
        QVERIFY_THROWS_EXCEPTION(
            Error, SentencePieceModel::train("--input=/nonexistent/corpus.txt --model_prefix=" +
                                             m_dir.filePath(QStringLiteral("x")).toStdString() +
                                             " --vocab_size=100 --minloglevel=2"));
    }

private:
    QTemporaryDir m_dir;
    QString m_prefix;
};

QTEST_APPLESS_MAIN(TestSentencePiece)
#include "testsentencepiece.moc"
