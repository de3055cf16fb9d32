// The eight journeys of a first-time analyst, walked the way a user walks them: sections
// switched with Ctrl+1…7, buttons clicked, values typed into fields (paths character by
// character), menus opened and answered with keys, the window closed in the middle of a run.
// One main window carries the state from one journey to the next, as in a real session. The
// model and the data are made here (the committed tiny BERT with a vocabulary of its own and a
// generated CSV), so the walk needs nothing outside the repository and runs on a bare clone.
#include "core/store/runstore.h"
#include "core/trainingfixtures.h"
#include "testsupport.h"
#include "ui/comparedialog.h"
#include "ui/dashboardpage.h"
#include "ui/exportdialog.h"
#include "ui/historypage.h"
#include "ui/i18n.h"
#include "ui/liveplot.h"
#include "ui/mainwindow.h"
#include "ui/modelspage.h"
#include "ui/newrunpage.h"
#include "ui/newrunwizard.h"
#include "ui/runtablemodel.h"
#include "ui/settingspage.h"
#include "ui/trainingcontroller.h"
#include "ui/tryitpage.h"
#include "ui/wizarddatapage.h"
#include "ui/wizardlayerspage.h"
#include "ui/wizardmodelpage.h"

#include <QtTest>
#include <QtWidgets>

#include <memory>

using namespace domaintune;
using namespace domaintune::ui;

namespace {

/** Clicks @p button with the mouse, as a user does; fails when it is missing or greyed out. */
bool click(QAbstractButton* button)
{
    if (!button || !button->isVisible() || !button->isEnabled())
        return false;
    QTest::mouseClick(button, Qt::LeftButton);
    return true;
}

/** Focuses @p field, selects what it holds and types @p text one key at a time. */
void typeInto(QWidget* field, const QString& text)
{
    field->setFocus();
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(field, Qt::Key_Delete);
    QTest::keyClicks(field, text);
}

/** The push button of @p parent whose text, without its mnemonic, is @p text. */
QPushButton* buttonNamed(QWidget* parent, const QString& text)
{
    for (auto* button : parent->findChildren<QPushButton*>())
        if (button->text().remove(QLatin1Char('&')) == text)
            return button;
    return nullptr;
}

/** Answers the question @p owner is about to ask by clicking its button @p text. */
void answerNextQuestion(QWidget* owner, std::function<QWidget*()> question, const QString& text)
{
    QTimer::singleShot(0, owner, [question, text] {
        QWidget* box = question();
        QVERIFY2(box, "no question was asked");
        QVERIFY2(click(buttonNamed(box, text)), qPrintable(text));
    });
}

/** Clicks the row of run @p runId in History's table (@p modifiers: Ctrl adds to a selection). */
bool clickRun(HistoryPage* history, qint64 runId, Qt::KeyboardModifiers modifiers = {})
{
    auto* view = history->findChild<QTableView*>(QStringLiteral("runTable"));
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        const QModelIndex index = view->model()->index(row, RunTableModel::NameColumn);
        if (index.data(RunTableModel::RunIdRole).toLongLong() != runId)
            continue;
        view->scrollTo(index);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, modifiers,
                          view->visualRect(index).center());
        return true;
    }
    return false;
}

/** The text History shows for run @p runId in @p column. */
QString cellText(HistoryPage* history, qint64 runId, int column)
{
    const QAbstractItemModel* model =
        history->findChild<QTableView*>(QStringLiteral("runTable"))->model();
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->index(row, 0).data(RunTableModel::RunIdRole).toLongLong() == runId)
            return model->index(row, column).data().toString();
    return {};
}

/** With DOMAINTUNE_JOURNEY_SHOTS set to a folder, saves @p widget there as NAME.png: what
 * the walk saw, to look at by eye. */
void keepShot(QWidget* widget, const QString& name)
{
    const QString folder = qEnvironmentVariable("DOMAINTUNE_JOURNEY_SHOTS");
    if (!folder.isEmpty() && widget != nullptr && QDir().mkpath(folder))
        widget->grab().save(folder + QLatin1Char('/') + name + QStringLiteral(".png"));
}

bool containsChinese(const QString& text)
{
    return std::any_of(text.begin(), text.end(),
                       [](QChar c) { return c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF; });
}

} // namespace

class TestJourneys : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        test::useOwnSettings(QStringLiteral("testjourneys"), m_dir.path());
        // A first start before set-up: no starter model, the wizard opens empty.
        qputenv("DOMAINTUNE_STARTER_DIR", m_dir.filePath(QStringLiteral("no-starter")).toUtf8());
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("models"))));
        m_model = QString::fromStdString(test::makeTinyClassifier(
            m_dir.filePath(QStringLiteral("models/tiny bert")).toStdString()));
        // The analyst's own data: sixty distinct sentences in the model's vocabulary, three
        // labels, the label words first so that the model has something to learn.
        m_data = m_dir.filePath(QStringLiteral("own data/sentiment.csv"));
        QDir().mkpath(QFileInfo(m_data).path());
        QFile csv(m_data);
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("text,label\n");
        const char* cores[3][2] = {{"profit rose up", "good profit"},
                                   {"shares fell down", "bad loss"},
                                   {"the bank cut rates", "the rates"}};
        const char* labels[3] = {"positive", "negative", "neutral"};
        for (int i = 0; i < 60; ++i) {
            QByteArray text =
                QByteArray(cores[i % 3][(i / 3) % 2]) + " w" + QByteArray::number(18 + i % 30);
            if (i >= 30)
                text += " w" + QByteArray::number(18 + (i * 7) % 30);
            csv.write(text + "," + labels[i % 3] + "\n");
        }
        csv.close();
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1200, 820);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    // Alt+letter reaches one thing: on no page of the main window (the wizard's pages each on
    // their own) do two shown labels, buttons or group boxes share a mnemonic, or take the menu
    // bar's (File, Run, Help) or the wizard's buttons' (Alt+B was both Back and "Batch size",
    // Alt+F both the File menu and "Few-shot training", so neither key did anything).
    void mnemonicsAreUnique()
    {
        MainWindow window;
        window.resize(1200, 820);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const auto mnemonic = [](QString text) -> QChar {
            text.replace(QStringLiteral("&&"), QString());
            const int at = text.indexOf(QLatin1Char('&'));
            return at >= 0 && at + 1 < text.size() ? text.at(at + 1).toLower() : QChar();
        };
        QMap<QChar, QString> menus;
        for (QAction* menu : window.menuBar()->actions())
            menus.insert(mnemonic(menu->text()), menu->text());
        // What a user sees of @p page, checked against @p taken.
        const auto check = [&mnemonic](QWidget* page, QMap<QChar, QString> taken,
                                       const QString& where) {
            QStringList texts, clashes;
            for (auto* label : page->findChildren<QLabel*>())
                if (label->buddy() != nullptr && label->isVisibleTo(page))
                    texts << label->text();
            for (auto* button : page->findChildren<QAbstractButton*>())
                if (button->isVisibleTo(page))
                    texts << button->text();
            for (auto* box : page->findChildren<QGroupBox*>())
                if (box->isVisibleTo(page))
                    texts << box->title();
            for (const QString& text : std::as_const(texts)) {
                const QChar key = mnemonic(text);
                if (key.isNull())
                    continue;
                if (taken.contains(key))
                    clashes << QStringLiteral("%1: Alt+%2 is both \"%3\" and \"%4\"")
                                   .arg(where, key, taken.value(key), text);
                taken.insert(key, text);
            }
            return clashes.join(QStringLiteral("; "));
        };
        QStringList all;
        NewRunWizard* wizard = window.newRunPage()->wizard();
        for (int id : wizard->pageIds()) {
            QMap<QChar, QString> taken = menus;
            // Back and Next show on every page but the first; the last has Start training.
            for (auto which : {QWizard::BackButton, QWizard::NextButton, QWizard::FinishButton})
                if ((which != QWizard::BackButton || id != wizard->startId()) &&
                    (which == QWizard::FinishButton) == (id == NewRunWizard::ReviewPage))
                    taken.insert(mnemonic(wizard->buttonText(which)), wizard->buttonText(which));
            all << check(wizard->page(id), taken, QStringLiteral("wizard page %1").arg(id));
        }
        for (QWidget* page :
             QList<QWidget*>{window.historyPage(), window.tryItPage(), window.settingsPage(),
                             window.modelsPage(), window.dashboardPage()})
            all << check(page, menus, page->objectName());
        all.removeAll(QString());
        QVERIFY2(all.isEmpty(), qPrintable(all.join(QStringLiteral("\n"))));
    }

    // 1. The wizard: a first start opens it; the task, the domain and the model folder are
    // chosen with the mouse and the keyboard; the model describes itself.
    void journey1_newRunWizard()
    {
        MainWindow* window = m_window.get();
        window->activateWindow(); // the keys go to the window in front
        QVERIFY(QTest::qWaitForWindowActive(window));
        QCOMPARE(window->currentPage(), int(MainWindow::NewRunSection));
        QTest::keyClick(window, Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(window->currentPage(), int(MainWindow::HistorySection));
        QTest::keyClick(window, Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(window->currentPage(), int(MainWindow::NewRunSection));
        NewRunWizard* wizard = window->newRunPage()->wizard();
        QCOMPARE(wizard->currentId(), int(NewRunWizard::TaskPage));

        auto* task = wizard->findChild<QRadioButton*>(QStringLiteral("task-seq-cls"));
        QVERIFY(click(task));
        QVERIFY(task->isChecked());
        auto* domain = wizard->findChild<QComboBox*>(QStringLiteral("domain"));
        domain->setFocus();
        // A closed combo box picks the item whose title starts with the typed letter.
        QTest::keyClicks(domain,
                         domain->itemText(domain->findData(QStringLiteral("finance"))).left(1));
        QCOMPARE(domain->currentData().toString(), QStringLiteral("finance"));
        QVERIFY(click(wizard->button(QWizard::NextButton)));

        QCOMPARE(wizard->currentId(), int(NewRunWizard::ModelPage));
        auto* folder = wizard->findChild<QLineEdit*>(QStringLiteral("modelFolder"));
        typeInto(folder, m_model);
        QCOMPARE(folder->text(), m_model);
        QTRY_VERIFY_WITH_TIMEOUT(wizard->modelPage()->isComplete(), 30000);
        QVERIFY(folder->isEnabled()); // the field is never taken away while it is typed in
        QCOMPARE(wizard->modelSummary().groups.back().name, QStringLiteral("head"));
        keepShot(window, QStringLiteral("1-model"));
        QVERIFY(click(wizard->button(QWizard::NextButton)));
        QCOMPARE(wizard->currentId(), int(NewRunWizard::DataPage));
    }

    // 2. Own data: the path typed key by key (half-typed folders are never read), the file
    // read, its columns and labels found; a wrong file first, to see what the page says.
    void journey2_ownData()
    {
        NewRunWizard* wizard = m_window->newRunPage()->wizard();
        WizardDataPage* data = wizard->dataPage();
        auto* field = data->findChild<QLineEdit*>(QStringLiteral("trainFile"));
        // The model folder is not a data file: the page says what is wrong and stays
        // incomplete.
        typeInto(field, m_model + QStringLiteral("/config.json"));
        QTRY_VERIFY_WITH_TIMEOUT(!data->isAnalyzing() && !data->warnings().isEmpty(), 30000);
        QVERIFY(!data->isComplete());
        QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());

        typeInto(field, m_data);
        QVERIFY(field->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(data->preview() != nullptr && !data->isAnalyzing(), 30000);
        QCOMPARE(data->preview()->examplesRead, std::size_t(60));
        QCOMPARE(data->preview()->statistics.labels.size(), std::size_t(3));
        QCOMPARE(data->preview()->source.mapping.text, std::string("text"));
        QTRY_VERIFY_WITH_TIMEOUT(data->isComplete(), 30000);
        keepShot(m_window.get(), QStringLiteral("2-data"));
        QVERIFY(click(wizard->button(QWizard::NextButton)));
        QCOMPARE(wizard->currentId(), int(NewRunWizard::LayersPage));
    }

    // 3. Layers: a preset chosen with the keyboard changes what trains and the counts; the
    // run is started from the review page and trains to the end on the dashboard.
    void journey3_layersAndARun()
    {
        MainWindow* window = m_window.get();
        NewRunWizard* wizard = window->newRunPage()->wizard();
        WizardLayersPage* layers = wizard->layersPage();
        const QString everything = layers->trainableText();
        auto* preset = layers->findChild<QComboBox*>(QStringLiteral("preset"));
        preset->setFocus();
        const int headOnly = preset->findData(QStringLiteral("head-only"));
        while (preset->currentIndex() != headOnly) {
            const int before = preset->currentIndex();
            QTest::keyClick(preset, before < headOnly ? Qt::Key_Down : Qt::Key_Up);
            QVERIFY(preset->currentIndex() != before);
        }
        QVERIFY(layers->isTraining(QStringLiteral("head")));
        QVERIFY(!layers->isTraining(QStringLiteral("layer 0")));
        QVERIFY2(layers->trainableText() != everything, qPrintable(layers->trainableText()));
        preset->setCurrentIndex(preset->findData(QStringLiteral("all")));
        QCOMPARE(layers->trainableText(), everything);
        QVERIFY(click(wizard->button(QWizard::NextButton)));

        // Hyper-parameters through their mnemonics: Alt+E epochs, Alt+Z batch size (Alt+B is
        // the wizard's Back, Alt+N its Next: the pages' own mnemonics avoid them).
        QCOMPARE(wizard->currentId(), int(NewRunWizard::HyperPage));
        QTest::keyClick(wizard, Qt::Key_E, Qt::AltModifier);
        auto* epochs = wizard->findChild<QSpinBox*>(QStringLiteral("epochs"));
        QVERIFY(epochs->hasFocus());
        QTest::keyClick(epochs, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(epochs, QStringLiteral("6"));
        QTest::keyClick(wizard, Qt::Key_Z, Qt::AltModifier);
        auto* batch = wizard->findChild<QSpinBox*>(QStringLiteral("batchSize"));
        QVERIFY(batch->hasFocus());
        QTest::keyClick(batch, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(batch, QStringLiteral("8"));
        QCOMPARE(wizard->field(QStringLiteral("epochs")).toInt(), 6);
        QCOMPARE(wizard->field(QStringLiteral("batchSize")).toInt(), 8);
        // Twenty examples a class: the wizard proposes few-shot training; Alt+T declines it
        // (a standard fine-tune of every layer, the walk's run).
        auto* fewShot = wizard->findChild<QCheckBox*>(QStringLiteral("fewShot"));
        QVERIFY(fewShot->isChecked());
        QTest::keyClick(wizard, Qt::Key_T, Qt::AltModifier);
        QTRY_VERIFY(!fewShot->isChecked()); // a mnemonic clicks with a short animation
        QVERIFY(click(wizard->button(QWizard::NextButton)));
        QCOMPARE(wizard->currentId(), int(NewRunWizard::ReviewPage));
        QCOMPARE(wizard->spec().trainFile, m_data.toStdString());
        m_firstOutput = QString::fromStdString(wizard->spec().outputDir);

        TrainingController* controller = window->trainingController();
        QSignalSpy finished(controller, &TrainingController::finished);
        QVERIFY(click(wizard->button(QWizard::FinishButton)));
        QCOMPARE(window->currentPage(), int(MainWindow::DashboardSection));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 180000);
        const auto result = finished.last().at(0).value<TrainResult>();
        QVERIFY2(result.status == "completed", result.message.c_str());
        m_firstRun = controller->runId();
        // The dashboard shows the curves and the score the run ended with.
        QVERIFY(window->dashboardPage()->chart(DashboardPage::Chart::TrainingLoss)->pointCount(0) >
                0);
        const QString score =
            window->dashboardPage()->findChild<QLabel*>(QStringLiteral("score"))->text();
        QVERIFY2(score.contains(QRegularExpression(QStringLiteral("\\d\\.\\d"))),
                 qPrintable(score));
        const QString title =
            window->dashboardPage()->findChild<QLabel*>(QStringLiteral("runTitle"))->text();
        QVERIFY2(title.contains(QStringLiteral("completed")), qPrintable(title));
        keepShot(window, QStringLiteral("3-dashboard"));
    }

    // 4. History and Compare: a variant with another learning rate, started from the wizard
    // (which kept the last run's choices), then both runs selected with the mouse and compared.
    void journey4_historyAndCompare()
    {
        MainWindow* window = m_window.get();
        QTest::keyClick(window, Qt::Key_1, Qt::ControlModifier);
        NewRunWizard* wizard = window->newRunPage()->wizard();
        QCOMPARE(wizard->currentId(), int(NewRunWizard::TaskPage));
        while (wizard->currentId() != int(NewRunWizard::HyperPage)) {
            QTRY_VERIFY_WITH_TIMEOUT(wizard->currentPage()->isComplete(), 30000);
            QVERIFY(click(wizard->button(QWizard::NextButton)));
        }
        QTest::keyClick(wizard, Qt::Key_L, Qt::AltModifier);
        auto* rate = wizard->findChild<QLineEdit*>(QStringLiteral("learningRate"));
        QVERIFY(rate && rate->hasFocus());
        typeInto(rate, QStringLiteral("0.003"));
        QCOMPARE(wizard->field(QStringLiteral("epochs")).toInt(), 6); // kept from the last run
        QVERIFY(click(wizard->button(QWizard::NextButton)));
        TrainingController* controller = window->trainingController();
        QSignalSpy finished(controller, &TrainingController::finished);
        QVERIFY(click(wizard->button(QWizard::FinishButton)));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 180000);
        m_secondRun = controller->runId();
        QVERIFY(m_secondRun != m_firstRun);

        QTest::keyClick(window, Qt::Key_3, Qt::ControlModifier);
        HistoryPage* history = window->historyPage();
        QTRY_COMPARE(history->model()->rowCount(), 2);
        QVERIFY(clickRun(history, m_firstRun));
        auto* compare = history->findChild<QPushButton*>(QStringLiteral("compare"));
        QVERIFY(!compare->isEnabled()); // one run is nothing to compare
        QVERIFY(clickRun(history, m_secondRun, Qt::ControlModifier));
        QCOMPARE(history->selectedRunIds().size(), 2);
        QVERIFY(click(compare));
        auto* dialog = history->findChild<CompareDialog*>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        auto* final = dialog->findChild<QTableWidget*>(QStringLiteral("finalTable"));
        QCOMPARE(final->columnCount(), 3); // the metric and one column per run
        QVERIFY(final->rowCount() > 0);
        keepShot(dialog, QStringLiteral("4-compare"));
        for (int column = 1; column < 3; ++column)
            QVERIFY2(final->item(0, column) && !final->item(0, column)->text().isEmpty(),
                     "a run without its final evaluation");
        QTest::keyClick(dialog, Qt::Key_Escape);
        QTRY_VERIFY(!dialog->isVisible());
    }

    // 5. Try it: the fine-tuned model's folder typed in, loaded, a sentence typed and
    // predicted with Ctrl+Enter.
    void journey5_tryIt()
    {
        MainWindow* window = m_window.get();
        window->activateWindow(); // back from the Compare dialog
        QVERIFY(QTest::qWaitForWindowActive(window));
        QTest::keyClick(window, Qt::Key_5, Qt::ControlModifier);
        TryItPage* tryIt = window->tryItPage();
        QVERIFY(tryIt->isVisible());
        const QString model = m_firstOutput + QStringLiteral("/model");
        // Alt+M reaches the model field from the keyboard.
        QTest::keyClick(tryIt, Qt::Key_M, Qt::AltModifier);
        auto* folder = tryIt->findChild<QLineEdit*>(QStringLiteral("modelFolder"));
        QVERIFY(folder && folder->hasFocus());
        typeInto(folder, model);
        QVERIFY(click(tryIt->findChild<QPushButton*>(QStringLiteral("loadModel"))));
        auto* predict = tryIt->findChild<QPushButton*>(QStringLiteral("predict"));
        QTRY_VERIFY_WITH_TIMEOUT(predict->isEnabled(), 60000);
        auto* text = tryIt->findChild<QPlainTextEdit*>();
        text->setFocus();
        QTest::keyClicks(text, QStringLiteral("profit rose up"));
        QTest::keyClick(text, Qt::Key_Return, Qt::ControlModifier);
        auto* label = tryIt->findChild<QLabel*>(QStringLiteral("predictedLabel"));
        const auto* status = tryIt->findChild<QLabel*>(QStringLiteral("tryItStatus"));
        QTRY_VERIFY2_WITH_TIMEOUT(label->text().contains(QStringLiteral("<b>")),
                                  qPrintable(status->text() + " | " + text->toPlainText()), 60000);
        keepShot(window, QStringLiteral("5-tryit"));
        QVERIFY2(label->text().contains(QStringLiteral("positive")) ||
                     label->text().contains(QStringLiteral("negative")) ||
                     label->text().contains(QStringLiteral("neutral")),
                 qPrintable(label->text()));
    }

    // 6. Export: History ▸ More ▸ Export model… opened with the keyboard, the folder typed,
    // the export verified against the run's own model.
    void journey6_export()
    {
        MainWindow* window = m_window.get();
        QTest::keyClick(window, Qt::Key_3, Qt::ControlModifier);
        HistoryPage* history = window->historyPage();
        QVERIFY(clickRun(history, m_firstRun));
        QCOMPARE(history->selectedRunIds(), QList<qint64>{m_firstRun});
        QTimer::singleShot(0, window, [] {
            auto* opened = qobject_cast<QMenu*>(QApplication::activePopupWidget());
            QVERIFY2(opened, "the More menu did not open");
            QTest::keyClick(opened, Qt::Key_X); // E&xport model…
        });
        QVERIFY(click(history->findChild<QPushButton*>(QStringLiteral("more"))));
        ExportDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = window->findChild<ExportDialog*>()) != nullptr);
        QTRY_VERIFY(dialog->isVisible());
        const QString target = m_dir.filePath(QStringLiteral("exports/first run"));
        typeInto(dialog->findChild<QLineEdit*>(QStringLiteral("output")), target);
        QSignalSpy exported(dialog, &ExportDialog::exported);
        QVERIFY(click(buttonNamed(dialog, QStringLiteral("Export"))));
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 120000);
        QVERIFY2(exported.first().at(0).toBool(), qPrintable(dialog->resultText()));
        for (const char* file : {"config.json", "model.safetensors", "vocab.txt"})
            QVERIFY2(QFileInfo::exists(target + QLatin1Char('/') + QLatin1String(file)), file);
        QVERIFY(dialog->findChild<QPushButton*>(QStringLiteral("openFolder"))->isEnabled());
        keepShot(dialog, QStringLiteral("6-export"));
        QVERIFY(click(buttonNamed(dialog, QStringLiteral("Close"))));
    }

    // 7. Quitting in the middle of a run: the window asks; Keep training keeps it; Stop and
    // quit saves a checkpoint and closes. The next start shows the run resumable, and Resume
    // goes on from the checkpoint.
    void journey7_quitMidRun()
    {
        MainWindow* window = m_window.get();
        window->activateWindow(); // back from the export dialog
        QVERIFY(QTest::qWaitForWindowActive(window));
        QTest::keyClick(window, Qt::Key_1, Qt::ControlModifier);
        NewRunWizard* wizard = window->newRunPage()->wizard();
        while (wizard->currentId() != int(NewRunWizard::HyperPage)) {
            QTRY_VERIFY_WITH_TIMEOUT(wizard->currentPage()->isComplete(), 30000);
            QVERIFY(click(wizard->button(QWizard::NextButton)));
        }
        QTest::keyClick(wizard, Qt::Key_E, Qt::AltModifier);
        auto* epochs = wizard->findChild<QSpinBox*>(QStringLiteral("epochs"));
        QTest::keyClick(epochs, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(epochs, QStringLiteral("500")); // far longer than the walk
        QCOMPARE(wizard->field(QStringLiteral("epochs")).toInt(), 500);
        QVERIFY(click(wizard->button(QWizard::NextButton)));
        TrainingController* controller = window->trainingController();
        QSignalSpy steps(controller, &TrainingController::stepLogged);
        QVERIFY(click(wizard->button(QWizard::FinishButton)));
        QTRY_VERIFY_WITH_TIMEOUT(steps.count() >= 3, 60000);
        const qint64 run = controller->runId();

        answerNextQuestion(
            window, [window] { return window->quitQuestion(); }, QStringLiteral("Keep training"));
        QVERIFY(!window->close());
        QVERIFY(window->isVisible());
        QVERIFY(controller->isBusy());
        answerNextQuestion(
            window, [window] { return window->quitQuestion(); }, QStringLiteral("Stop and quit"));
        QVERIFY(!window->close()); // not yet: the run saves its checkpoint first
        QTRY_VERIFY_WITH_TIMEOUT(!window->isVisible(), 60000);
        QVERIFY(!controller->isBusy());
        const qint64 stoppedAt = steps.last().at(0).value<TrainingEvent>().step;
        m_window.reset();

        // The next start: History says the run was stopped and offers Resume.
        m_window = std::make_unique<MainWindow>();
        window = m_window.get();
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QTest::keyClick(window, Qt::Key_3, Qt::ControlModifier);
        HistoryPage* history = window->historyPage();
        QTRY_COMPARE(history->model()->rowCount(), 3);
        QCOMPARE(cellText(history, run, RunTableModel::StatusColumn), QStringLiteral("cancelled"));
        QVERIFY(clickRun(history, run));
        auto* resume = history->findChild<QPushButton*>(QStringLiteral("resume"));
        QVERIFY2(resume->isEnabled(), qPrintable(resume->toolTip()));
        keepShot(window, QStringLiteral("7-history-resumable"));
        controller = window->trainingController();
        QSignalSpy resumed(controller, &TrainingController::stepLogged);
        QVERIFY(click(resume));
        QCOMPARE(window->currentPage(), int(MainWindow::DashboardSection));
        QTRY_VERIFY_WITH_TIMEOUT(resumed.count() >= 1, 60000);
        // It goes on from the checkpoint, not from the start.
        QVERIFY2(resumed.first().at(0).value<TrainingEvent>().step > stoppedAt,
                 qPrintable(QString::number(resumed.first().at(0).value<TrainingEvent>().step)));
        answerNextQuestion(
            window, [window] { return window->quitQuestion(); }, QStringLiteral("Stop and quit"));
        window->close();
        QTRY_VERIFY_WITH_TIMEOUT(!window->isVisible(), 60000);
        m_window.reset();
    }

    // 8. Chinese: the language chosen in Settings with the keyboard applies after a restart;
    // then the sections, the History's values (task, domain, status, dates, numbers) and the
    // Compare dialog's metric names read in Simplified Chinese.
    void journey8_chinese()
    {
        {
            MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QTest::keyClick(&window, Qt::Key_6, Qt::ControlModifier);
            auto* language =
                window.settingsPage()->findChild<QComboBox*>(QStringLiteral("language"));
            language->setFocus();
            while (language->currentData().toString() != QStringLiteral("zh_CN")) {
                const int before = language->currentIndex();
                QTest::keyClick(language, Qt::Key_Down);
                QVERIFY(language->currentIndex() != before);
            }
            QCOMPARE(SettingsPage::language(), QStringLiteral("zh_CN"));
            QVERIFY(window.settingsPage()->isRestartNoticeShown());
            window.close();
        }
        // What main() does at start with the language from Settings.
        QCOMPARE(installTranslations(*qApp, SettingsPage::language()), QStringLiteral("zh_CN"));
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const auto* navigation = window.findChild<QListWidget*>(QStringLiteral("navigation"));
        for (int row = 0; row < navigation->count(); ++row)
            QVERIFY2(containsChinese(navigation->item(row)->text()),
                     qPrintable(navigation->item(row)->text()));
        QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
        HistoryPage* history = window.historyPage();
        QTRY_VERIFY(history->model()->rowCount() >= 2);
        for (int column : {int(RunTableModel::TaskColumn), int(RunTableModel::DomainColumn),
                           int(RunTableModel::StatusColumn)})
            QVERIFY2(containsChinese(cellText(history, m_firstRun, column)),
                     qPrintable(cellText(history, m_firstRun, column)));
        // Dates and numbers in the Chinese formats, whatever the system's locale.
        RunStore store(TrainingController::historyPath().toStdString());
        const QString created =
            QLocale(QStringLiteral("zh_CN"))
                .toString(QDateTime::fromMSecsSinceEpoch(store.requireRun(m_firstRun).createdAt),
                          QLocale::ShortFormat);
        QCOMPARE(cellText(history, m_firstRun, RunTableModel::CreatedColumn), created);
        QVERIFY(clickRun(history, m_firstRun));
        QVERIFY(clickRun(history, m_secondRun, Qt::ControlModifier));
        QVERIFY(click(history->findChild<QPushButton*>(QStringLiteral("compare"))));
        auto* dialog = history->findChild<CompareDialog*>();
        QVERIFY(dialog);
        auto* final = dialog->findChild<QTableWidget*>(QStringLiteral("finalTable"));
        for (int row = 0; row < final->rowCount(); ++row)
            QVERIFY2(containsChinese(final->item(row, 0)->text()),
                     qPrintable(final->item(row, 0)->text()));
        keepShot(&window, QStringLiteral("8-history-zh_CN"));
        keepShot(dialog, QStringLiteral("8-compare-zh_CN"));
        dialog->close();
    }

    void cleanupTestCase() { m_window.reset(); }

private:
    QTemporaryDir m_dir;
    QString m_model;
    QString m_data;
    std::unique_ptr<MainWindow> m_window;
    QString m_firstOutput; ///< The first run's output folder.
    qint64 m_firstRun = 0;
    qint64 m_secondRun = 0;
};

QTEST_MAIN(TestJourneys)
#include "testjourneys.moc"
