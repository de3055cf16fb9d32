// The new-run wizard driven end to end inside the main window: a small model built from the
// shared fixtures, the shared PhraseBank corpus, a real run, the History actions, export and
// settings.
#include "core/store/runstore.h"
#include "core/train/trainspec.h"
#include "core/trainingfixtures.h"
#include "testpaths.h"
#include "testsupport.h"
#include "ui/comparedialog.h"
#include "ui/dashboardpage.h"
#include "ui/datachartsview.h"
#include "ui/exportdialog.h"
#include "ui/historypage.h"
#include "ui/liveplot.h"
#include "ui/mainwindow.h"
#include "ui/modelinfoview.h"
#include "ui/modelspage.h"
#include "ui/newrunpage.h"
#include "ui/newrunwizard.h"
#include "ui/runtablemodel.h"
#include "ui/settingspage.h"
#include "ui/trainingcontroller.h"
#include "ui/wizarddatapage.h"
#include "ui/wizardhyperpage.h"
#include "ui/wizardlayerspage.h"
#include "ui/wizardmodelpage.h"
#include "ui/wizardreviewpage.h"
#include "ui/wizardtaskpage.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <QtWidgets>

#include <fstream>
#include <nlohmann/json.hpp>

using namespace domaintune;
using namespace domaintune::ui;

namespace {

TrainResult lastResult(const QSignalSpy& finished)
{
    return finished.last().at(0).value<TrainResult>();
}

} // namespace

class TestNewRunWizard : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        DOMAINTUNE_SHARED_OR_SKIP(data, QStringLiteral("data/finance/financial-phrasebank.csv"));
        DOMAINTUNE_SHARED_OR_SKIP(vocab, QStringLiteral("tokenizers/bert-base-uncased/vocab.txt"));
        QVERIFY(m_dir.isValid());
        test::useOwnSettings(QStringLiteral("testnewrunwizard"), m_dir.path());
        // No starter here: the wizard must start empty (a fresh machine before set-up).
        qputenv("DOMAINTUNE_STARTER_DIR", m_dir.filePath(QStringLiteral("no-starter")).toUtf8());
        m_data = data;
        m_model = test::makeModelFolder(m_dir.filePath(QStringLiteral("small-bert")),
                                        test::smallBertConfig(), {QStringLiteral("vocab.txt")},
                                        QFileInfo(vocab).path(), R"({"do_lower_case": true})");
    }

    void opensOnTheWizardAtFirstStart()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.currentPage(), int(MainWindow::NewRunSection));
        NewRunWizard* wizard = window.newRunPage()->wizard();
        QVERIFY(!wizard->isHidden());
        QCOMPARE(wizard->currentId(), int(NewRunWizard::TaskPage));
        // Without a starter model nothing is prefilled.
        QVERIFY(wizard->field(QStringLiteral("modelDir")).toString().isEmpty());
    }

    void rejectsAFolderWithoutAModel()
    {
        NewRunWizard wizard;
        wizard.show();
        wizard.next();
        QCOMPARE(wizard.currentId(), int(NewRunWizard::ModelPage));
        wizard.setField(QStringLiteral("modelDir"), m_dir.filePath(QStringLiteral("nowhere")));
        QTRY_VERIFY_WITH_TIMEOUT(!wizard.modelPage()->isLoading(), 20000);
        QVERIFY(!wizard.modelPage()->isComplete());
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
        const QString message = wizard.modelPage()
                                    ->infoView()
                                    ->findChild<QLabel*>(QStringLiteral("modelMessage"))
                                    ->text();
        QVERIFY2(message.contains(QStringLiteral("config.json")), qPrintable(message));
    }

    void drivesARunFromTaskToHistory()
    {
        MainWindow window;
        window.resize(1200, 820);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.showPage(MainWindow::NewRunSection);
        NewRunWizard* wizard = window.newRunPage()->wizard();

        // 1. Task and domain.
        wizard->taskPage()->setTask(QStringLiteral("seq-cls"));
        wizard->taskPage()->setDomain(QStringLiteral("finance"));
        wizard->next();

        // 2. Model: the folder loads in the background and describes itself.
        QCOMPARE(wizard->currentId(), int(NewRunWizard::ModelPage));
        wizard->setField(QStringLiteral("modelDir"), m_model);
        QTRY_VERIFY_WITH_TIMEOUT(wizard->modelPage()->isComplete(), 30000);
        QCOMPARE(wizard->modelPage()->infoView()->value(QStringLiteral("layers")),
                 QStringLiteral("2"));
        QCOMPARE(wizard->modelPage()->infoView()->value(QStringLiteral("tokenizer")),
                 QStringLiteral("wordpiece"));
        QCOMPARE(wizard->modelSummary().groups.front().name, QStringLiteral("embeddings"));
        QCOMPARE(wizard->modelSummary().groups.back().name, QStringLiteral("head"));
        wizard->next();

        // 3. Data: detection, preview, label bars, length histogram, warnings.
        QCOMPARE(wizard->currentId(), int(NewRunWizard::DataPage));
        WizardDataPage* data = wizard->dataPage();
        wizard->setField(QStringLiteral("trainFile"), m_data);
        wizard->setField(QStringLiteral("maxLength"), 64);
        QTRY_VERIFY_WITH_TIMEOUT(data->isComplete(), 60000);
        QVERIFY(data->preview());
        QCOMPARE(QString::fromStdString(corpusFormatName(data->preview()->source.format)),
                 QStringLiteral("csv"));
        QVERIFY(data->previewTable()->rowCount() > 10);
        QCOMPARE(data->charts()->labelBars(), 3); // positive, neutral, negative
        QVERIFY(data->preview()->statistics.tokenized);
        QVERIFY(data->charts()->truncationPosition() > 0);
        QVERIFY2(data->warnings().contains(QStringLiteral("example")),
                 qPrintable(data->warnings()));
        wizard->next();

        // 4. Layers: presets drive the tree; a click makes it custom.
        QCOMPARE(wizard->currentId(), int(NewRunWizard::LayersPage));
        WizardLayersPage* layers = wizard->layersPage();
        // The head is counted for the data's 3 labels (hidden x 3 weights + 3 biases), not for
        // the 2 labels of the head the model folder was summarised with.
        const auto* groupTree = layers->findChild<QTreeWidget*>(QStringLiteral("groups"));
        const QTreeWidgetItem* headRow =
            groupTree->findItems(QStringLiteral("head"), Qt::MatchExactly).value(0);
        QVERIFY(headRow);
        QCOMPARE(headRow->data(1, Qt::UserRole).toLongLong(),
                 wizard->modelSummary().hiddenSize * 3 + 3);
        auto* preset = layers->findChild<QComboBox*>(QStringLiteral("preset"));
        preset->setCurrentIndex(preset->findData(QStringLiteral("head-only")));
        QVERIFY(layers->isTraining(QStringLiteral("head")));
        QVERIFY(!layers->isTraining(QStringLiteral("layer 0")));
        const QString headOnlyMemory = layers->memoryText();
        layers->findChild<QSpinBox*>(QStringLiteral("topK"))->setValue(1);
        preset->setCurrentIndex(preset->findData(QStringLiteral("top-k")));
        QVERIFY(layers->isTraining(QStringLiteral("layer 1")));
        QVERIFY(!layers->isTraining(QStringLiteral("layer 0")));
        QVERIFY(layers->memoryText() != headOnlyMemory);
        layers->setTraining(QStringLiteral("embeddings"), true);
        QCOMPARE(preset->currentData().toString(), QStringLiteral("custom"));
        QCOMPARE(layers->plan().frozenGroups, std::vector<std::string>{"layer 0"});
        // LoRA: the backbone stays fixed; the adapters and the head are what trains.
        const QString withoutLora = layers->trainableText();
        auto* lora = layers->findChild<QGroupBox*>(QStringLiteral("lora"));
        QVERIFY(lora && !lora->isChecked());
        lora->setChecked(true);
        QVERIFY2(layers->trainableText() != withoutLora, qPrintable(layers->trainableText()));
        QCOMPARE(layers->lora().rank, std::int64_t(8));
        QCOMPARE(layers->lora().alpha, 16.0);
        // The model's own projections to choose from, PEFT's default checked; adding one adds
        // its adapters to the count; the last one checked cannot be unchecked.
        QCOMPARE(layers->lora().targets, (std::vector<std::string>{"query", "value"}));
        auto* key = layers->findChild<QCheckBox*>(QStringLiteral("loraTarget_key"));
        QVERIFY(key && !key->isChecked());
        const QString queryValue = layers->trainableText();
        key->setChecked(true);
        QVERIFY2(layers->trainableText() != queryValue, qPrintable(layers->trainableText()));
        QCOMPARE(layers->lora().targets, (std::vector<std::string>{"query", "key", "value"}));
        for (const char* name : {"query", "key", "value"})
            layers->findChild<QCheckBox*>(QStringLiteral("loraTarget_") + QLatin1String(name))
                ->setChecked(false);
        QCOMPARE(layers->lora().targets, std::vector<std::string>{"value"});
        layers->setLora(LoraSettings{8, 16, 0.1, true, {"query", "value"}});
        QCOMPARE(layers->lora().targets, (std::vector<std::string>{"query", "value"}));
        QCOMPARE(layers->lora().dropout, 0.1);
        QVERIFY(layers->lora().rsLora);
        lora->setChecked(false);
        QCOMPARE(layers->trainableText(), withoutLora);
        QVERIFY(!layers->lora().enabled());
        wizard->next();

        // 5. Hyper-parameters: defaults for a small model with most layers training.
        QCOMPARE(wizard->currentId(), int(NewRunWizard::HyperPage));
        QCOMPARE(wizard->field(QStringLiteral("learningRate")).toString(),
                 QStringLiteral("0.0001"));
        QVERIFY(!wizard->hyperPage()->isAdvancedShown());
        wizard->setField(QStringLiteral("epochs"), 1);
        wizard->setField(QStringLiteral("maxSteps"), 12);
        wizard->setField(QStringLiteral("evalSteps"), 6);
        wizard->setField(QStringLiteral("batchSize"), 8);
        wizard->setField(QStringLiteral("threads"), 2);
        wizard->next();

        // 6. Review: the summary and the JSON spec; save as a template.
        QCOMPARE(wizard->currentId(), int(NewRunWizard::ReviewPage));
        auto* review = qobject_cast<WizardReviewPage*>(wizard->currentPage());
        QVERIFY(review);
        const auto json = nlohmann::json::parse(review->specText().toStdString());
        const TrainSpec spec = TrainSpec::fromJson(json);
        try {
            spec.validate();
        } catch (const std::exception& e) {
            QFAIL(e.what());
        }
        QCOMPARE(spec.task, std::string("seq-cls"));
        QCOMPARE(spec.domain, std::string("finance"));
        QCOMPARE(spec.maxLength, std::int64_t(64));
        QCOMPARE(spec.maxSteps, std::int64_t(12));
        QCOMPARE(spec.freeze.frozenGroups, std::vector<std::string>{"layer 0"});
        QCOMPARE(QString::fromStdString(spec.modelDir), m_model);
        const QString templateFile = m_dir.filePath(QStringLiteral("templates/run.json"));
        QVERIFY(review->saveTemplate(templateFile));
        QFile saved(templateFile);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(TrainSpec::fromJson(nlohmann::json::parse(saved.readAll().toStdString())).toJson(),
                 spec.toJson());
        QVERIFY(review->summaryText().contains(QStringLiteral("small-bert")));

        // Start: the dashboard shows, points arrive, the run lands in the history.
        TrainingController* controller = window.trainingController();
        QSignalSpy finished(controller, &TrainingController::finished);
        QSignalSpy steps(controller, &TrainingController::stepLogged);
        wizard->button(QWizard::FinishButton)->click();
        QCOMPARE(window.currentPage(), int(MainWindow::DashboardSection));
        QVERIFY(controller->isBusy());
        auto* loss = window.dashboardPage()->chart(DashboardPage::Chart::TrainingLoss);
        QTRY_VERIFY_WITH_TIMEOUT(loss->pointCount(0) > 0, 120000);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 240000);
        const TrainResult result = lastResult(finished);
        QVERIFY2(result.status == "completed", result.message.c_str());
        QCOMPARE(steps.count(), 12);
        QCOMPARE(loss->pointCount(0), 12);
        QTRY_COMPARE(window.historyPage()->model()->rowCount(), 1);

        // The wizard is ready for the next run, with a new name and output folder.
        QVERIFY(!wizard->isHidden());
        QCOMPARE(wizard->currentId(), int(NewRunWizard::TaskPage));
        QVERIFY(wizard->field(QStringLiteral("outputDir")).toString() !=
                QDir::toNativeSeparators(QString::fromStdString(spec.outputDir)));
        // ...keeping this run's choices, so that a variant is a few clicks away.
        QCOMPARE(wizard->field(QStringLiteral("modelDir")).toString(), m_model);
        QCOMPARE(wizard->field(QStringLiteral("trainFile")).toString(), m_data);
        QCOMPARE(wizard->layersPage()->plan().frozenGroups, std::vector<std::string>{"layer 0"});

        // The Models page offers the fine-tuned model.
        window.modelsPage()->refresh();
        const QString output = QDir::cleanPath(QString::fromStdString(spec.outputDir));
        const QStringList folders = window.modelsPage()->folders();
        QVERIFY2(folders.contains(output + QStringLiteral("/best")) ||
                     folders.contains(output + QStringLiteral("/model")),
                 qPrintable(folders.join(QLatin1Char(' '))));
    }

    void historyRerunsComparesCancelsAndExports()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        HistoryPage* history = window.historyPage();
        history->refresh();
        QCOMPARE(history->model()->rowCount(), 1);
        const qint64 first =
            history->model()->index(0, 0).data(RunTableModel::RunIdRole).toLongLong();
        history->selectRuns({first});

        // Re-run: the same spec under a new name, recorded as a child of the first run.
        TrainingController* controller = window.trainingController();
        QSignalSpy finished(controller, &TrainingController::finished);
        history->rerunSelected();
        QCOMPARE(window.currentPage(), int(MainWindow::DashboardSection));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 240000);
        QVERIFY2(lastResult(finished).status == "completed", lastResult(finished).message.c_str());
        QTRY_COMPARE(history->model()->rowCount(), 2);
        RunStore store(TrainingController::historyPath().toStdString());
        const qint64 second = controller->runId();
        QCOMPARE(store.requireRun(second).parentId.value_or(0), first);
        QVERIFY(store.requireRun(second).name.find("-rerun-") != std::string::npos);

        // Compare the two runs.
        history->selectRuns({first, second});
        CompareDialog* compare = history->compareSelected();
        QVERIFY(compare);
        compare->close();

        // Cancel a run: it stops within a step and the history says so.
        history->selectRuns({first});
        QSignalSpy steps(controller, &TrainingController::stepLogged);
        history->rerunSelected();
        QTRY_VERIFY_WITH_TIMEOUT(steps.count() >= 1, 120000);
        controller->cancel();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 120000);
        QCOMPARE(lastResult(finished).status, std::string("cancelled"));
        QVERIFY(steps.count() < 12);
        QTRY_COMPARE(history->model()->rowCount(), 3);
        QCOMPARE(store.requireRun(controller->runId()).status, RunStatus::Cancelled);
        QCOMPARE(history->canResume(controller->runId()),
                 store.lastCheckpoint(controller->runId()).has_value());
        QVERIFY(!history->canResume(first)); // Completed runs have nothing to resume.

        // Export the table as CSV: a header and one line per run.
        const QString csv = m_dir.filePath(QStringLiteral("runs.csv"));
        QVERIFY(history->exportCsv(csv));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().count('\n'), 4);

        // Export the first run's model; the verification is shown and stored.
        ExportDialog dialog(TrainingController::historyPath(), first);
        dialog.setOutputFolder(m_dir.filePath(QStringLiteral("export")));
        dialog.setFormats(true, false);
        QSignalSpy exported(&dialog, &ExportDialog::exported);
        dialog.startExport();
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 120000);
        QVERIFY2(exported.first().at(0).toBool(), qPrintable(dialog.resultText()));
        QVERIFY(QFileInfo::exists(m_dir.filePath(QStringLiteral("export/model.safetensors"))));
        bool recorded = false;
        for (const EvaluationRecord& evaluation : store.evaluations(first))
            recorded = recorded || evaluation.split == "export-verification";
        QVERIFY(recorded);
        QVERIFY(dialog.findChild<QPushButton*>(QStringLiteral("openFolder"))->isEnabled());

        // Again into the same folder: it asks first; Keep it exports nothing, Replace exports
        // the best evaluation's model (best/) over it.
        const auto answer = [&dialog](const QString& button) {
            QTimer::singleShot(0, &dialog, [&dialog, button] {
                QWidget* question = dialog.replaceQuestion();
                QVERIFY(question);
                for (auto* push : question->findChildren<QPushButton*>())
                    if (push->text().remove(QLatin1Char('&')) == button)
                        push->click();
            });
        };
        answer(QStringLiteral("Keep it"));
        dialog.startExport();
        QVERIFY2(dialog.resultText().startsWith(QStringLiteral("Nothing was exported")),
                 qPrintable(dialog.resultText()));
        QCOMPARE(exported.count(), 1);
        dialog.setBest(true);
        answer(QStringLiteral("Replace"));
        dialog.startExport();
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 2, 120000);
        QVERIFY2(exported.last().at(0).toBool(), qPrintable(dialog.resultText()));
        QVERIFY2(dialog.resultText().contains(QStringLiteral("/best")),
                 qPrintable(dialog.resultText()));
    }

    void editsARunInTheWizard()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        HistoryPage* history = window.historyPage();
        history->refresh();
        const int row = history->model()->rowCount() - 1;
        const qint64 id =
            history->model()->index(row, 0).data(RunTableModel::RunIdRole).toLongLong();
        TrainSpec stored;
        QVERIFY(history->specOf(id, stored));
        history->selectRuns({id});
        history->editSelected();
        QCOMPARE(window.currentPage(), int(MainWindow::NewRunSection));
        NewRunWizard* wizard = window.newRunPage()->wizard();
        QCOMPARE(wizard->field(QStringLiteral("task")).toString(), QStringLiteral("seq-cls"));
        QCOMPARE(wizard->field(QStringLiteral("modelDir")).toString(),
                 QDir::toNativeSeparators(QString::fromStdString(stored.modelDir)));
        for (int page = 0; page < NewRunWizard::ReviewPage; ++page) {
            QTRY_VERIFY_WITH_TIMEOUT(wizard->currentPage()->isComplete(), 60000);
            wizard->next();
        }
        QCOMPARE(wizard->currentId(), int(NewRunWizard::ReviewPage));
        // Everything but nothing else survives the round trip through the pages.
        const TrainSpec again = wizard->spec();
        QCOMPARE(again.freeze.frozenGroups, stored.freeze.frozenGroups);
        QCOMPARE(again.maxSteps, stored.maxSteps);
        QCOMPARE(again.learningRate, stored.learningRate);
        QCOMPARE(again.maxLength, stored.maxLength);
        // An edited run is a new run: same settings, its own name and folder.
        QVERIFY(again.name.rfind(stored.name + "-", 0) == 0);
        QVERIFY(again.outputDir != stored.outputDir);
        QCOMPARE(again.evalSteps, stored.evalSteps);
        QCOMPARE(again.checkpointSteps, stored.checkpointSteps);
    }

    void settingsApplyToNewRunsAndTheHistory()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        SettingsPage* settings = window.settingsPage();
        settings->chooseLanguage(QStringLiteral("zh_CN"));
        QCOMPARE(SettingsPage::language(), QStringLiteral("zh_CN"));
        QVERIFY(settings->isRestartNoticeShown());
        settings->findChild<QComboBox*>(QStringLiteral("device"))->setCurrentIndex(1);
        QCOMPARE(SettingsPage::defaultDevice(), QStringLiteral("cpu"));

        const QString original = TrainingController::historyPath();
        QVERIFY(window.historyPage()->model()->rowCount() > 0);
        settings->chooseHistoryPath(m_dir.filePath(QStringLiteral("other/history.sqlite")));
        QCOMPARE(window.historyPage()->model()->rowCount(), 0);
        settings->chooseHistoryPath(original);
        QVERIFY(window.historyPage()->model()->rowCount() > 0);
        settings->chooseLanguage(QString());
    }

    void offersFewShotForFewLabels()
    {
        // Twelve examples a class: the wizard proposes few-shot (SetFit) training with its own
        // defaults, says why, and the run trains that way. A history of its own.
        QSettings().setValue(QStringLiteral("history/path"),
                             m_dir.filePath(QStringLiteral("fewshot.sqlite")));
        const QString csv = m_dir.filePath(QStringLiteral("fewshot.csv"));
        {
            QFile file(csv);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("text,label\n");
            const char* rows[][2] = {
                {"profits rose sharply", "positive"},    {"sales fell again", "negative"},
                {"the meeting is on monday", "neutral"}, {"record earnings this year", "positive"},
                {"the company lost money", "negative"},  {"the report was published", "neutral"}};
            for (int repeat = 0; repeat < 6; ++repeat)
                for (const auto& [text, label] : rows)
                    file.write(QStringLiteral("%1 %2,%3\n")
                                   .arg(QLatin1String(text))
                                   .arg(repeat)
                                   .arg(QLatin1String(label))
                                   .toUtf8());
        }
        MainWindow window;
        walkToLayersPage(window, csv, 32);
        if (QTest::currentTestFailed())
            return;
        NewRunWizard* wizard = window.newRunPage()->wizard();
        auto* lora = wizard->layersPage()->findChild<QGroupBox*>(QStringLiteral("lora"));
        lora->setChecked(true);
        wizard->next();

        // LoRA chosen: few-shot is not possible, and the page says what to change.
        auto* fewShot = wizard->hyperPage()->findChild<QCheckBox*>(QStringLiteral("fewShot"));
        auto* note = wizard->hyperPage()->findChild<QLabel*>(QStringLiteral("fewShotNote"));
        QVERIFY(fewShot && note);
        QVERIFY(!fewShot->isEnabled());
        QVERIFY2(note->text().contains(QStringLiteral("LoRA")), qPrintable(note->text()));
        wizard->back();
        lora->setChecked(false);
        wizard->next();

        // Without it: ticked for twelve examples a class, with SetFit's defaults.
        QVERIFY(fewShot->isEnabled());
        QVERIFY(fewShot->isChecked());
        QVERIFY2(note->text().contains(QStringLiteral("12 example")), qPrintable(note->text()));
        QCOMPARE(wizard->field(QStringLiteral("learningRate")).toString(), QStringLiteral("2e-05"));
        QCOMPARE(wizard->field(QStringLiteral("epochs")).toInt(), 1);
        QCOMPARE(wizard->field(QStringLiteral("warmupRatio")).toDouble(), 0.1);
        if (qEnvironmentVariableIsSet("DOMAINTUNE_TEST_SCREENSHOTS"))
            wizard->grab().save(qEnvironmentVariable("DOMAINTUNE_TEST_SCREENSHOTS") +
                                QStringLiteral("/wizard-few-shot.png"));
        // Unticked, the standard defaults come back; the user's choice then stays.
        fewShot->click();
        QCOMPARE(wizard->field(QStringLiteral("learningRate")).toString(),
                 QStringLiteral("0.0001"));
        QCOMPARE(wizard->field(QStringLiteral("epochs")).toInt(), 4);
        fewShot->click();
        QCOMPARE(wizard->field(QStringLiteral("learningRate")).toString(), QStringLiteral("2e-05"));
        wizard->setField(QStringLiteral("threads"), 2);
        wizard->setField(QStringLiteral("learningRate"), QStringLiteral("0.0002"));
        wizard->next();

        auto* review = qobject_cast<WizardReviewPage*>(wizard->currentPage());
        QVERIFY(review);
        QVERIFY2(review->summaryText().contains(QStringLiteral("Few-shot (SetFit)")),
                 qPrintable(review->summaryText()));
        const TrainSpec spec =
            TrainSpec::fromJson(nlohmann::json::parse(review->specText().toStdString()));
        QCOMPARE(spec.method, std::string("setfit"));
        QCOMPARE(spec.epochs, std::int64_t(1));
        QCOMPARE(spec.pairIterations, std::int64_t(20)); // pairs grow with the data, not its square

        TrainingController* controller = window.trainingController();
        QSignalSpy finished(controller, &TrainingController::finished);
        wizard->button(QWizard::FinishButton)->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 240000);
        const TrainResult result = lastResult(finished);
        QVERIFY2(result.status == "completed", result.message.c_str());
        QVERIFY(result.metrics.count("f1_macro") == 1);
        QTRY_COMPARE(window.historyPage()->model()->rowCount(), 1);
        // The History says how it trained.
        auto* runs = window.historyPage()->model();
        const QString taskText = runs->index(0, RunTableModel::TaskColumn).data().toString();
        QVERIFY2(taskText.contains(QStringLiteral("few-shot")), qPrintable(taskText));
        const auto saved = nlohmann::json::parse(
            std::ifstream(result.modelDir + "/config.json", std::ios::binary));
        QCOMPARE(saved["architectures"][0].get<std::string>(),
                 std::string("BertForSentenceEmbeddingClassification"));
    }

    void trainsOnTwoProcesses()
    {
        // Advanced: 2 processes on this machine. The review says what the global batch is and
        // copies the commands for a cluster; Start trains with domaintune-cli as process 1.
        qputenv("DOMAINTUNE_CLI", domaintune::test::cliPath().toLocal8Bit());
        QSettings().setValue(QStringLiteral("history/path"),
                             m_dir.filePath(QStringLiteral("processes.sqlite")));
        const QString csv = m_dir.filePath(QStringLiteral("processes.csv"));
        {
            QFile file(csv);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("text,label\n");
            for (int repeat = 0; repeat < 40; ++repeat)
                file.write(QStringLiteral("profits rose %1,positive\nsales fell %1,negative\n")
                               .arg(repeat)
                               .toUtf8());
        }
        MainWindow window;
        walkToLayersPage(window, csv, 16);
        if (QTest::currentTestFailed())
            return;
        NewRunWizard* wizard = window.newRunPage()->wizard();
        wizard->next();
        auto* processes = wizard->hyperPage()->findChild<QSpinBox*>(QStringLiteral("processes"));
        QVERIFY(processes);
        QCOMPARE(processes->value(), 1); // Settings' default
        processes->setValue(2);
        wizard->setField(QStringLiteral("epochs"), 1);
        wizard->setField(QStringLiteral("batchSize"), 8);
        wizard->next();

        auto* review = qobject_cast<WizardReviewPage*>(wizard->currentPage());
        QVERIFY(review);
        QVERIFY2(review->summaryText().contains(QStringLiteral("global batch 16")),
                 qPrintable(review->summaryText()));
        QCOMPARE(
            TrainSpec::fromJson(nlohmann::json::parse(review->specText().toStdString())).processes,
            2);
        auto* copy = review->findChild<QPushButton*>(QStringLiteral("copyClusterCommand"));
        QVERIFY(copy);
        copy->click();
        const QString command = QGuiApplication::clipboard()->text();
        QVERIFY2(command.contains(QStringLiteral("--nproc_per_node 2")) &&
                     command.contains(QStringLiteral("--no_python domaintune-cli train --config")),
                 qPrintable(command));

        TrainingController* controller = window.trainingController();
        QSignalSpy finished(controller, &TrainingController::finished);
        wizard->button(QWizard::FinishButton)->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 240000);
        const TrainResult result = lastResult(finished);
        QVERIFY2(result.status == "completed", result.message.c_str());
        // Process 1 ran as domaintune-cli and left its log beside the run.
        const QString log =
            QString::fromStdString(result.modelDir) + QStringLiteral("/../processes/rank-1.log");
        QVERIFY(QFileInfo::exists(log));
        const auto state = nlohmann::json::parse(
            std::ifstream(result.checkpointDir + "/state.json", std::ios::binary));
        QCOMPARE(state["world_size"].get<int>(), 2); // trained as two processes
        QTRY_COMPARE(window.historyPage()->model()->rowCount(), 1);

        // A second process that fails before training: the run fails at once (not after the
        // join's timeout), saying which process and what it said.
        const QString broken = m_dir.filePath(QStringLiteral("broken-cli.sh"));
        {
            QFile script(broken);
            QVERIFY(script.open(QIODevice::WriteOnly));
            script.write("#!/bin/sh\necho 'cannot read the data here' >&2\nexit 3\n");
        }
        QFile::setPermissions(broken, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        qputenv("DOMAINTUNE_CLI", broken.toLocal8Bit());
        TrainSpec again =
            TrainSpec::fromJson(nlohmann::json::parse(review->specText().toStdString()));
        again.outputDir = m_dir.filePath(QStringLiteral("processes-broken")).toStdString();
        QElapsedTimer timer;
        timer.start();
        QVERIFY(controller->start(again));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 60000);
        QVERIFY(timer.elapsed() < 30000);
        const TrainResult failed = lastResult(finished);
        QCOMPARE(failed.status, std::string("failed"));
        QVERIFY2(failed.message.find("Training process 1 stopped before training (exit status 3): "
                                     "cannot read the data here") != std::string::npos,
                 failed.message.c_str());
        qputenv("DOMAINTUNE_CLI", domaintune::test::cliPath().toLocal8Bit());
    }

private:
    /** Shows @p window's new-run wizard on the layers page: text classification with the small
     * BERT on @p csv at @p maxLength tokens. */
    void walkToLayersPage(MainWindow& window, const QString& csv, int maxLength)
    {
        window.resize(1200, 820);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.showPage(MainWindow::NewRunSection);
        NewRunWizard* wizard = window.newRunPage()->wizard();
        wizard->restart();
        wizard->taskPage()->setTask(QStringLiteral("seq-cls"));
        wizard->next();
        wizard->setField(QStringLiteral("modelDir"), m_model);
        QTRY_VERIFY_WITH_TIMEOUT(wizard->modelPage()->isComplete(), 30000);
        wizard->next();
        wizard->setField(QStringLiteral("trainFile"), csv);
        wizard->setField(QStringLiteral("maxLength"), maxLength);
        QTRY_VERIFY_WITH_TIMEOUT(
            wizard->dataPage()->isComplete() && !wizard->dataPage()->isAnalyzing(), 60000);
        wizard->next();
    }

    QTemporaryDir m_dir;
    QString m_data;
    QString m_model;
};

QTEST_MAIN(TestNewRunWizard)
#include "testnewrunwizard.moc"
