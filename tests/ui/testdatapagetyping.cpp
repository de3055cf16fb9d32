// Typing a path into the wizard's data page, key by key, as the user guide tells users to: a
// half-typed "/" or "/ho" is never read (it used to walk "/" and fail on /proc), a folder is
// read only after Enter, and a file is read once it exists.
#include "ui/duplicatesdialog.h"
#include "ui/newrunwizard.h"
#include "ui/wizarddatapage.h"
#include "ui/wizardhyperpage.h"
#include "ui/wizardlayerspage.h"
#include "ui/wizardtaskpage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace domaintune::ui;

class TestDataPageTyping : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("DomainTuneTest"));
        qputenv("DOMAINTUNE_STARTER_DIR", "/nonexistent"); // the wizard starts empty
    }

    void halfTypedPathsAreNotRead()
    {
        NewRunWizard wizard;
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        WizardDataPage* page = wizard.dataPage();
        auto* field = page->findChild<QLineEdit*>(QStringLiteral("trainFile"));
        QVERIFY(field);
        field->setFocus();
        QTest::keyClicks(field, QStringLiteral("/"));
        QTRY_VERIFY2_WITH_TIMEOUT(page->warnings().contains(QStringLiteral("is a folder")),
                                  qPrintable(field->text() + " | " + page->warnings()), 5000);
        QVERIFY2(!page->warnings().contains(QStringLiteral("Reading")),
                 qPrintable(page->warnings()));
        QTest::keyClicks(field, QStringLiteral("no-such-dir-xyz"));
        QTRY_VERIFY_WITH_TIMEOUT(page->warnings().contains(QStringLiteral("No file or folder")),
                                 5000);
        QVERIFY(field->hasFocus() || !wizard.isActiveWindow()); // typing goes on in the field

        QTemporaryDir dir;
        QFile csv(dir.filePath(QStringLiteral("data.csv")));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("text,label\nProfit rose,pos\nSales fell,neg\nFlat,neu\nUp,pos\n");
        csv.close();
        field->clear();
        QTest::keyClicks(field, csv.fileName());
        QTRY_VERIFY_WITH_TIMEOUT(page->preview() != nullptr, 30000);
        QCOMPARE(page->preview()->examplesRead, std::size_t(4));
    }

    // Another file starts from "detect" again (the previous file's text column made the next
    // file fail with "there is no column"); the delimiter can be chosen, e.g. PhraseBank's own
    // "sentence@label" lines.
    void anotherFileStartsFromDetectAndTheDelimiterCanBeChosen()
    {
        NewRunWizard wizard;
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        WizardDataPage* page = wizard.dataPage();
        auto* field = page->findChild<QLineEdit*>(QStringLiteral("trainFile"));
        QTemporaryDir dir;
        const auto write = [&dir](const QString& name, const QByteArray& bytes) {
            QFile file(dir.filePath(name));
            file.open(QIODevice::WriteOnly);
            file.write(bytes);
            return file.fileName();
        };
        const QString first =
            write(QStringLiteral("first.csv"),
                  "sentence,note,label\nProfit rose,a,pos\nSales fell,b,neg\nFlat,c,neu\n");
        const QString second =
            write(QStringLiteral("second.csv"), "text,label\nUp,pos\nDown,neg\nSame,neu\n");
        QByteArray lines;
        for (int i = 0; i < 3; ++i)
            lines += "Profit rose sharply .@positive\nSales fell .@negative\n"
                     "The bank cut rates .@neutral\nShares rose .@positive\n";
        const QString at = write(QStringLiteral("phrasebank.txt"), lines);
        field->setText(first);
        QTRY_VERIFY_WITH_TIMEOUT(page->preview() != nullptr && !page->isAnalyzing(), 30000);
        auto* text = page->findChild<QComboBox*>(QStringLiteral("textColumn"));
        text->setCurrentIndex(text->findData(QStringLiteral("note")));
        QTRY_VERIFY_WITH_TIMEOUT(page->preview() != nullptr && !page->isAnalyzing() &&
                                     page->preview()->source.mapping.text == "note",
                                 30000);
        field->setText(second);
        QCOMPARE(page->textColumn(), QString()); // back to detect at once
        QTRY_VERIFY_WITH_TIMEOUT(page->preview() != nullptr && !page->isAnalyzing(), 30000);
        QVERIFY2(!page->warnings().contains(QStringLiteral("cannot be read")),
                 qPrintable(page->warnings()));
        QCOMPARE(page->preview()->examplesRead, std::size_t(3));
        QCOMPARE(page->preview()->source.mapping.text, std::string("text"));

        field->setText(at);
        QTRY_VERIFY_WITH_TIMEOUT(page->preview() != nullptr && !page->isAnalyzing(), 30000);
        auto* delimiter = page->findChild<QComboBox*>(QStringLiteral("delimiter"));
        delimiter->setCurrentIndex(delimiter->findData(QStringLiteral("@")));
        QCOMPARE(page->delimiter(), QStringLiteral("@"));
        QTRY_VERIFY_WITH_TIMEOUT(page->preview() != nullptr && !page->isAnalyzing() &&
                                     page->preview()->statistics.labels.size() == 3,
                                 30000);
        QCOMPARE(page->preview()->examplesRead, std::size_t(12));
        QCOMPARE(wizard.spec().delimiter, std::string("@"));

        // A file of a format without columns: typing one character and deleting it again
        // reads it again (the page used to stay blank, thinking it had read it already).
        const QString squad = write(
            QStringLiteral("qa.json"),
            "{\"data\": [{\"paragraphs\": [{\"context\": \"ab cd\", \"qas\": [{\"id\": \"1\", "
            "\"question\": \"q\", \"answers\": [{\"text\": \"cd\", \"answer_start\": 3}]}]}]}]}");
        field->setText(squad);
        QTRY_VERIFY_WITH_TIMEOUT(page->preview() != nullptr && !page->isAnalyzing(), 30000);
        field->setFocus();
        field->end(false);
        QTest::keyClick(field, Qt::Key_X);
        QTest::qWait(500);
        QTest::keyClick(field, Qt::Key_Backspace);
        QTRY_VERIFY_WITH_TIMEOUT(page->preview() != nullptr && !page->isAnalyzing(), 30000);
        QCOMPARE(page->preview()->examplesRead, std::size_t(1));
    }

    // New defaults (another layer plan) leave the values the user set and say what changed;
    // a generated run name follows the domain (changing layers used to reset Epochs silently).
    // The duplicates warning offers the list and dropping them; the choice reaches the spec and
    // is forgotten when another file is chosen.
    void duplicatesCanBeSeenAndDropped()
    {
        NewRunWizard wizard;
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        WizardDataPage* page = wizard.dataPage();
        auto* field = page->findChild<QLineEdit*>(QStringLiteral("trainFile"));
        auto* drop = page->findChild<QCheckBox*>(QStringLiteral("dropDuplicates"));
        auto* show = page->findChild<QPushButton*>(QStringLiteral("showDuplicates"));
        QVERIFY(field && drop && show);
        QTemporaryDir dir;
        const auto write = [&dir](const QString& name, const QByteArray& bytes) {
            QFile file(dir.filePath(name));
            file.open(QIODevice::WriteOnly);
            file.write(bytes);
            return file.fileName();
        };
        const QString repeated =
            write(QStringLiteral("repeated.csv"),
                  "text,label\nThe licensee shall pay all fees within thirty days.,fees\n"
                  "THE LICENSEE SHALL PAY ALL FEES WITHIN THIRTY DAYS!,fees\n"
                  "Either party may terminate on written notice.,termination\n"
                  "Either party may terminate on written notice.,termination\n"
                  "The supplier keeps the goods insured at all times.,insurance\n");
        field->setText(repeated);
        QTRY_VERIFY_WITH_TIMEOUT(page->preview() != nullptr, 30000);
        QVERIFY(!drop->isHidden() && !show->isHidden());
        QVERIFY2(drop->text().contains(QStringLiteral("2 duplicate")), qPrintable(drop->text()));
        show->click();
        auto* dialog = page->findChild<DuplicatesDialog*>();
        QTRY_VERIFY(dialog != nullptr && dialog->isVisible());
        QCOMPARE(dialog->table()->rowCount(), 2);
        QStringList kinds;
        for (int row = 0; row < 2; ++row)
            kinds << dialog->table()->item(row, 0)->text();
        QVERIFY2(kinds.contains(QStringLiteral("exact")) &&
                     kinds.contains(QStringLiteral("same but for case and punctuation")),
                 qPrintable(kinds.join(QLatin1Char('|'))));
        QVERIFY2(dialog->table()->item(0, 4)->text().contains(QStringLiteral("line")),
                 qPrintable(dialog->table()->item(0, 4)->text()));
        dialog->close();
        drop->click();
        QVERIFY(wizard.spec().dropDuplicates);

        // A file without duplicates: nothing to offer, and the earlier choice is gone.
        field->setText(write(QStringLiteral("clean.csv"),
                             "text,label\nProfit rose,pos\nSales fell,neg\nFlat,neu\n"));
        QTRY_VERIFY_WITH_TIMEOUT(page->preview() != nullptr && page->preview()->examplesRead == 3,
                                 30000);
        QVERIFY(drop->isHidden() && show->isHidden());
        QVERIFY(!wizard.spec().dropDuplicates);
    }

    void hyperParametersKeepWhatTheUserSet()
    {
        NewRunWizard wizard;
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        wizard.taskPage()->setTask(QStringLiteral("seq-cls"));
        wizard.taskPage()->setDomain(QStringLiteral("finance"));
        WizardHyperPage* hyper = wizard.hyperPage();
        hyper->initializePage();
        auto* epochs = hyper->findChild<QSpinBox*>(QStringLiteral("epochs"));
        auto* rate = hyper->findChild<QLineEdit*>(QStringLiteral("learningRate"));
        auto* name = hyper->findChild<QLineEdit*>(QStringLiteral("runName"));
        QCOMPARE(epochs->value(), 4);
        const QString allLayersRate = rate->text();
        QVERIFY(name->text().startsWith(QStringLiteral("finance-seq-cls-")));
        epochs->setValue(2); // the user's choice
        auto* preset = wizard.layersPage()->findChild<QComboBox*>(QStringLiteral("preset"));
        preset->setCurrentIndex(preset->findData(QStringLiteral("head-only")));
        hyper->initializePage();
        QCOMPARE(epochs->value(), 2);
        QVERIFY(rate->text() != allLayersRate); // head-only's default rate
        const QString note = hyper->findChild<QLabel*>(QStringLiteral("defaultsNote"))->text();
        QVERIFY2(note.contains(QStringLiteral("learning rate")) &&
                     note.contains(QStringLiteral("Kept as you set them: epochs")),
                 qPrintable(note));
        wizard.taskPage()->setDomain(QStringLiteral("legal"));
        hyper->initializePage();
        QVERIFY2(name->text().startsWith(QStringLiteral("legal-seq-cls-")),
                 qPrintable(name->text()));
        name->setText(QStringLiteral("my-run")); // typed: stays
        name->setProperty("generated", false);
        wizard.taskPage()->setDomain(QStringLiteral("medical"));
        hyper->initializePage();
        QCOMPARE(name->text(), QStringLiteral("my-run"));
    }

    // Question-answering data on the data page: question, context and answer columns in the
    // preview (an unanswerable question says so), the label column off, counts in the
    // warnings; with a classification task the page says it is QA data.
    void questionAnsweringData()
    {
        NewRunWizard wizard;
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        wizard.taskPage()->setTask(QStringLiteral("qa"));
        WizardDataPage* page = wizard.dataPage();
        QTemporaryDir dir;
        QFile csv(dir.filePath(QStringLiteral("qa.csv")));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("question,context,answer\nWhat dose?,Take 5 mg daily.,5 mg\n"
                  "When?,Take it daily.,daily\nWho pays?,Take it daily.,\n");
        csv.close();
        page->findChild<QLineEdit*>(QStringLiteral("trainFile"))->setText(csv.fileName());
        QTRY_VERIFY_WITH_TIMEOUT(page->preview() != nullptr && !page->isAnalyzing(), 30000);
        const QTableWidget* table = page->previewTable();
        QCOMPARE(table->columnCount(), 3);
        QCOMPARE(table->horizontalHeaderItem(2)->text(), QStringLiteral("Answer"));
        QCOMPARE(table->item(0, 2)->text(), QStringLiteral("5 mg"));
        QCOMPARE(table->item(2, 2)->text(), QStringLiteral("(no answer)"));
        QVERIFY2(page->warnings().contains(QStringLiteral("3 question(s), 1 without an answer")),
                 qPrintable(page->warnings()));
        QVERIFY(!page->findChild<QComboBox*>(QStringLiteral("labelColumn"))->isEnabled());
        QVERIFY(page->isComplete());
        wizard.taskPage()->setTask(QStringLiteral("seq-cls"));
        page->initializePage();
        QTRY_VERIFY_WITH_TIMEOUT(
            page->warnings().contains(QStringLiteral("This is question-answering data")), 30000);
        QVERIFY(!page->isComplete());
    }
};

QTEST_MAIN(TestDataPageTyping)
#include "testdatapagetyping.moc"
