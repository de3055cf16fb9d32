// The try-it panel with real fine-tuned-shaped models from the reference fixtures: a sentiment
// classifier shows every label's probability; a NER model highlights entities; a folder that
// is not a model says why.
#include "core/model/generation.h"
#include "testpaths.h"
#include "testsupport.h"
#include "ui/answerpanel.h"
#include "ui/batchpredictpanel.h"
#include "ui/generationpanel.h"
#include "ui/tryitpage.h"

#include <QtTest>
#include <QtWidgets>

using domaintune::ui::AnswerPanel;
using domaintune::ui::BatchPredictPanel;
using domaintune::ui::GenerationPanel;
using domaintune::ui::TryItPage;

namespace {

// A reference model of tests/reference/models with a vocabulary of its 48 tokens.
QString tinyModel(const QTemporaryDir& dir, const QString& reference)
{
    const QString folder = dir.filePath(reference);
    QDir().mkpath(folder);
    const QString source = domaintune::test::sourcePath("/tests/reference/models/") + reference;
    for (const QString& name : {QStringLiteral("config.json"), QStringLiteral("model.safetensors")})
        QFile::copy(source + QLatin1Char('/') + name, folder + QLatin1Char('/') + name);
    QFile vocab(folder + QStringLiteral("/vocab.txt"));
    if (vocab.open(QIODevice::WriteOnly)) {
        QStringList words = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "profit",
                             "loss",  "rose",  "fell",  "good",  "bad"};
        for (int i = words.size(); i < 48; ++i)
            words << QStringLiteral("w%1").arg(i);
        vocab.write(words.join(QLatin1Char('\n')).toUtf8() + '\n');
    }
    return folder;
}

} // namespace

class TestTryItPage : public QObject
{
    Q_OBJECT

private slots:
    // A question-answering model gets the question/context panel (the file panel stays); the
    // answer is a piece of the context, highlighted in it; a missing question is pointed out.
    void answersAQuestionInAContext()
    {
        QTemporaryDir dir;
        const QString folder = tinyModel(dir, QStringLiteral("bert-qa"));
        TryItPage page;
        page.show();
        QSignalSpy loaded(&page, &TryItPage::modelLoaded);
        page.loadModel(folder);
        QVERIFY(loaded.wait(30000));
        AnswerPanel* panel = page.answerPanel();
        QVERIFY(panel->isVisible());
        QVERIFY(!page.probabilities()->isVisible());
        QVERIFY(page.batchPanel()->isVisible());
        panel->setQuestion(QString(), QStringLiteral("profit rose"));
        panel->answer();
        QCOMPARE(panel->statusText(), QStringLiteral("Type a question first."));
        const QString context = QStringLiteral("w20 w21 profit rose w30 loss fell bad w40 good");
        panel->setQuestion(QStringLiteral("profit"), context);
        QSignalSpy answered(panel, &AnswerPanel::answered);
        page.predict(); // Ctrl+Enter on the page answers
        QVERIFY(answered.wait(30000));
        const QString answer = panel->answerText();
        QVERIFY2(!answer.isEmpty() && context.contains(answer), qPrintable(panel->statusText()));
        QVERIFY(panel->statusText().contains(answer.toHtmlEscaped()));
        QVERIFY(panel->highlighted()->toHtml().contains(QStringLiteral("#ffe08a")));
        QCOMPARE(panel->highlighted()->toPlainText(), context);
        if (qEnvironmentVariableIsSet("DOMAINTUNE_TEST_SCREENSHOTS")) {
            page.resize(900, 700);
            page.grab().save(qEnvironmentVariable("DOMAINTUNE_TEST_SCREENSHOTS") +
                             QStringLiteral("/tryit-qa.png"));
        }
    }

    void showsClassProbabilities()
    {
        DOMAINTUNE_SHARED_OR_SKIP(folder, QStringLiteral("fixtures/reference/bert-seqcls"));
        TryItPage page;
        page.show();
        QSignalSpy loaded(&page, &TryItPage::modelLoaded);
        page.loadModel(folder);
        QVERIFY(loaded.wait(30000));
        page.setText(QStringLiteral("profit rose in the third quarter"));
        QSignalSpy predicted(&page, &TryItPage::predicted);
        page.predict();
        QVERIFY(predicted.wait(30000));
        const QTableWidget* table = page.probabilities();
        QCOMPARE(table->rowCount(), 3);
        double sum = 0, previous = 2;
        for (int row = 0; row < 3; ++row) {
            const double p = table->item(row, 1)->data(Qt::UserRole).toDouble();
            QVERIFY(p <= previous); // most probable first
            previous = p;
            sum += p;
        }
        QVERIFY(std::abs(sum - 1.0) < 1e-4);
        const auto* label = page.findChild<QLabel*>(QStringLiteral("predictedLabel"));
        QVERIFY(label->text().contains(table->item(0, 0)->text()));
    }

    void predictsAWholeFileWithProgress()
    {
        DOMAINTUNE_SHARED_OR_SKIP(folder, QStringLiteral("fixtures/reference/bert-seqcls"));
        DOMAINTUNE_SHARED_OR_SKIP(data, QStringLiteral("data/finance/financial-phrasebank.csv"));
        QTemporaryDir dir;
        // The first 300 PhraseBank rows, as a user would cut a sample.
        QFile in(data);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QFile sample(dir.filePath(QStringLiteral("sample.csv")));
        QVERIFY(sample.open(QIODevice::WriteOnly));
        for (int line = 0; line < 301 && !in.atEnd(); ++line)
            sample.write(in.readLine());
        sample.close();

        TryItPage page;
        page.show();
        QSignalSpy loaded(&page, &TryItPage::modelLoaded);
        page.loadModel(folder);
        QVERIFY(loaded.wait(30000));
        BatchPredictPanel* batch = page.batchPanel();
        batch->setInputFile(sample.fileName());
        const QString output = dir.filePath(QStringLiteral("sample-predictions.csv"));
        QCOMPARE(batch->findChild<QLineEdit*>(QStringLiteral("batchOutput"))->text(),
                 QDir::toNativeSeparators(output));
        QSignalSpy finished(batch, &BatchPredictPanel::finished);
        batch->start();
        QVERIFY(batch->isRunning());
        QVERIFY(finished.wait(120000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(batch->statusText()));
        QCOMPARE(finished.first().at(1).toInt(), 300);
        QFile written(output);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = written.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 301);
        QVERIFY(lines.front().startsWith("text,label,p_"));

        // A cancelled job writes nothing.
        QFile::remove(output);
        batch->start();
        batch->cancel();
        QVERIFY(finished.wait(120000));
        QVERIFY(!finished.last().at(0).toBool());
        QVERIFY(!QFileInfo::exists(output));
        QVERIFY(!QFileInfo::exists(output + QStringLiteral(".partial")));
    }

    // A causal language model: the page shows the generation panel; Generate continues the
    // prompt token by token (greedy: the same tokens the core generates), Stop ends it.
    void continuesTextWithALanguageModel()
    {
        QTemporaryDir dir;
        const QString folder = tinyModel(dir, QStringLiteral("gpt2-clm"));
        TryItPage page;
        page.show();
        QSignalSpy loaded(&page, &TryItPage::modelLoaded);
        page.loadModel(folder);
        QVERIFY(loaded.wait(30000));
        GenerationPanel* panel = page.generationPanel();
        QVERIFY(panel->isVisible());
        QVERIFY(!page.probabilities()->isVisible());
        panel->setPrompt(QStringLiteral("profit rose"));
        panel->findChild<QSpinBox*>(QStringLiteral("maxNewTokens"))->setValue(6);
        QSignalSpy tokens(panel, &GenerationPanel::tokenGenerated);
        QSignalSpy finished(panel, &GenerationPanel::finished);
        QTest::mouseClick(panel->findChild<QPushButton*>(QStringLiteral("generate")),
                          Qt::LeftButton);
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().at(0).toString(), QStringLiteral("max_new_tokens"));
        QCOMPARE(tokens.count(), 6);
        const auto model = domaintune::PretrainedModel::load(folder.toStdString());
        domaintune::GenerationOptions greedy;
        greedy.maxNewTokens = 6;
        const auto expected = domaintune::generate(*model, {5, 7}, greedy).newIds;
        for (int i = 0; i < 6; ++i)
            QCOMPARE(tokens.at(i).at(0).toLongLong(), qint64(expected[std::size_t(i)]));
        QVERIFY(!panel->continuation().isEmpty());
        QVERIFY2(panel->statusText().contains(QStringLiteral("6")),
                 qPrintable(panel->statusText()));

        // Stop, pressed as soon as generation starts: it ends after the token being computed.
        panel->findChild<QSpinBox*>(QStringLiteral("maxNewTokens"))->setValue(30);
        tokens.clear();
        finished.clear();
        // The pool's threads are held busy until Stop is pressed, so the tiny model cannot
        // finish 30 tokens first, however the threads are scheduled.
        QThreadPool* pool = QThreadPool::globalInstance();
        QSemaphore hold, held;
        for (int i = 0; i < pool->maxThreadCount(); ++i)
            pool->start([&] {
                held.release();
                hold.acquire();
            });
        held.acquire(pool->maxThreadCount());
        panel->start();
        QVERIFY(!panel->findChild<QPushButton*>(QStringLiteral("generate"))->isEnabled());
        QTest::mouseClick(panel->findChild<QPushButton*>(QStringLiteral("stop")), Qt::LeftButton);
        hold.release(pool->maxThreadCount());
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().at(0).toString(), QStringLiteral("cancelled"));
        QCOMPARE(tokens.count(), 1); // the token being computed when Stop was pressed
    }

    void highlightsEntities()
    {
        DOMAINTUNE_SHARED_OR_SKIP(folder, QStringLiteral("fixtures/reference/bert-tokcls"));
        TryItPage page;
        page.show();
        QSignalSpy loaded(&page, &TryItPage::modelLoaded);
        page.loadModel(folder);
        QVERIFY(loaded.wait(30000));
        page.setText(QStringLiteral("the patient reports headache after aspirin"));
        QSignalSpy predicted(&page, &TryItPage::predicted);
        page.predict();
        QVERIFY(predicted.wait(30000));
        QVERIFY(page.entities()->isVisible());
        QVERIFY(!page.probabilities()->isVisible());
        const QString text = page.entities()->toPlainText();
        for (const char* word : {"patient", "headache", "aspirin"})
            QVERIFY2(text.contains(QLatin1String(word)), qPrintable(text));
    }

    void explainsAFolderThatIsNotAModel()
    {
        QTemporaryDir empty;
        TryItPage page;
        QSignalSpy failed(&page, &TryItPage::failed);
        page.loadModel(empty.path());
        QVERIFY(failed.wait(30000));
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("config.json")));
    }
};

QTEST_MAIN(TestTryItPage)
#include "testtryitpage.moc"
