// HistoryPage, RunTableModel and CompareDialog over a history filled through RunStore.
#include "core/store/runstore.h"
#include "ui/comparedialog.h"
#include "ui/confusionmatrixview.h"
#include "ui/historypage.h"
#include "ui/lineagedialog.h"
#include "ui/liveplot.h"
#include "ui/runtablemodel.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace domaintune;

class TestHistoryPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("DomainTuneTest"));
        QCoreApplication::setApplicationName(QStringLiteral("testhistorypage"));
        m_history = m_dir.filePath(QStringLiteral("history.sqlite"));
        QSettings().setValue(QStringLiteral("history/path"), m_history);
        RunStore store(m_history.toStdString());
        m_first = addRun(store, "finbert-lr2e-5", "finance", 2e-5, RunStatus::Completed, 0.70);
        m_second = addRun(store, "finbert-lr1e-3", "finance", 1e-3, RunStatus::Completed, 0.80);
        m_third = addRun(store, "clinical-ner", "medical", 5e-5, RunStatus::Failed, 0.40);
    }

    void listsSearchesAndSortsRuns()
    {
        ui::HistoryPage page;
        QCOMPARE(page.model()->rowCount(), 3);
        QCOMPARE(page.visibleRunCount(), 3);
        const int failed = page.model()->rowOf(m_third);
        QVERIFY(failed >= 0);
        QCOMPARE(page.model()->index(failed, ui::RunTableModel::StatusColumn).data().toString(),
                 QStringLiteral("failed"));
        page.setSearchText(QStringLiteral("FINBERT"));
        QCOMPARE(page.visibleRunCount(), 2);
        page.setSearchText(QStringLiteral("medical"));
        QCOMPARE(page.visibleRunCount(), 1);
        page.setSearchText(QString());

        QTableView* view = page.view();
        view->sortByColumn(ui::RunTableModel::IdColumn, Qt::AscendingOrder);
        QCOMPARE(view->model()->index(0, 0).data(ui::RunTableModel::RunIdRole).toLongLong(),
                 m_first);
        view->sortByColumn(ui::RunTableModel::IdColumn, Qt::DescendingOrder);
        QCOMPARE(view->model()->index(0, 0).data(ui::RunTableModel::RunIdRole).toLongLong(),
                 m_third);
    }

    // Task and domain read as words (translated), not as the keys the history stores; a search
    // for the key still finds the run.
    void showsTaskAndDomainTitles()
    {
        ui::HistoryPage page;
        const int row = page.model()->rowOf(m_third);
        QCOMPARE(page.model()->index(row, ui::RunTableModel::TaskColumn).data().toString(),
                 QStringLiteral("Text classification"));
        QCOMPARE(page.model()->index(row, ui::RunTableModel::DomainColumn).data().toString(),
                 QStringLiteral("Medicine"));
        const int first = page.model()->rowOf(m_first);
        QCOMPARE(page.model()->index(first, ui::RunTableModel::DomainColumn).data().toString(),
                 QStringLiteral("Finance"));
        page.setSearchText(QStringLiteral("seq-cls"));
        QCOMPARE(page.visibleRunCount(), 3);
        page.setSearchText(QStringLiteral("Finance"));
        QCOMPARE(page.visibleRunCount(), 2);
        page.setSearchText(QString());
    }

    // The Best score column: the task's main metric at its best validation evaluation
    // (export verification does not count), translated, sortable by value.
    void showsTheBestScore()
    {
        {
            RunStore store(m_history.toStdString());
            for (const auto& [step, f1, split] : std::vector<std::tuple<int, double, std::string>>{
                     {3, 0.6, "validation"},
                     {6, 0.8, "validation"},
                     {9, 0.75, "validation"},
                     {9, 0.99, "export-verification"}}) {
                EvaluationRecord evaluation;
                evaluation.runId = m_second;
                evaluation.step = step;
                evaluation.split = split;
                evaluation.summaryJson = nlohmann::json{{"f1_macro", f1}, {"accuracy", 0.9}}.dump();
                store.addEvaluation(evaluation);
            }
        }
        ui::HistoryPage page;
        const QModelIndex cell =
            page.model()->index(page.model()->rowOf(m_second), ui::RunTableModel::ScoreColumn);
        QCOMPARE(cell.data().toString(), QStringLiteral("F1 (macro) 0.800"));
        QCOMPARE(cell.data(Qt::ToolTipRole).toString(),
                 QStringLiteral("best F1 (macro), at step 6"));
        QCOMPARE(cell.data(ui::RunTableModel::SortRole).toDouble(), 0.8);
        QVERIFY(page.model()
                    ->index(page.model()->rowOf(m_third), ui::RunTableModel::ScoreColumn)
                    .data()
                    .toString()
                    .isEmpty());
        page.view()->sortByColumn(ui::RunTableModel::ScoreColumn, Qt::DescendingOrder);
        QCOMPARE(page.view()->model()->index(0, 0).data(ui::RunTableModel::RunIdRole).toLongLong(),
                 m_second);
    }

    // The Model column: the Hub id of a cached model (where it came from in the tooltip), the
    // folder's name otherwise.
    void showsTheBaseModel()
    {
        ui::HistoryPage page;
        const auto cell = [&](qint64 id, int role) {
            return page.model()
                ->index(page.model()->rowOf(id), ui::RunTableModel::ModelColumn)
                .data(role)
                .toString();
        };
        QCOMPARE(page.model()->headerData(ui::RunTableModel::ModelColumn, Qt::Horizontal),
                 QVariant(QStringLiteral("Model")));
        QCOMPARE(cell(m_first, Qt::DisplayRole), QStringLiteral("sentence-transformers/mini"));
        QVERIFY2(cell(m_first, Qt::ToolTipRole).contains(QStringLiteral("PyPI wheel mini 0.1.0")),
                 qPrintable(cell(m_first, Qt::ToolTipRole)));
        QCOMPARE(cell(m_third, Qt::DisplayRole), QStringLiteral("clinical-bert"));
        QCOMPARE(cell(m_third, Qt::ToolTipRole), QStringLiteral("/models/clinical-bert"));
    }

    // Final evaluation: each run's last validation evaluation, metrics side by side and the
    // confusion matrices beside each other, as counts or as shares of each true class.
    void comparesFinalEvaluations()
    {
        QTemporaryDir dir;
        const std::string history = dir.filePath(QStringLiteral("compare.sqlite")).toStdString();
        RunStore store(history);
        const qint64 small = addRun(store, "few-shot", "finance", 2e-5, RunStatus::Completed, 0.6);
        const qint64 large = addRun(store, "full", "finance", 3e-5, RunStatus::Completed, 0.9);
        const qint64 none = addRun(store, "mlm", "finance", 5e-5, RunStatus::Completed, 0.1);
        const auto evaluate = [&](qint64 run, std::int64_t step, const std::string& split,
                                  double f1, std::vector<std::vector<std::int64_t>> matrix) {
            EvaluationRecord evaluation;
            evaluation.runId = run;
            evaluation.step = step;
            evaluation.split = split;
            evaluation.summaryJson = nlohmann::json{{"f1_macro", f1}, {"accuracy", f1}}.dump();
            evaluation.confusionJson =
                nlohmann::json{{"labels", {"negative", "positive"}}, {"matrix", matrix}}.dump();
            store.addEvaluation(evaluation);
        };
        evaluate(small, 5, "validation", 0.5, {{1, 1}, {1, 1}});
        evaluate(small, 10, "validation", 0.75, {{3, 1}, {1, 3}});
        evaluate(small, 11, "export-verification", 1.0, {{4, 0}, {0, 4}});
        evaluate(large, 40, "validation", 0.9, {{45, 5}, {5, 45}});
        ui::CompareDialog dialog(QString::fromStdString(history), {small, large, none});
        QTableWidget* table = dialog.finalTable();
        QCOMPARE(table->columnCount(), 4);
        QCOMPARE(table->horizontalHeaderItem(1)->text(),
                 QStringLiteral("#%1 few-shot (step 10)").arg(small));
        QCOMPARE(table->horizontalHeaderItem(3)->text(), QStringLiteral("#%1 mlm").arg(none));
        int f1Row = -1;
        for (int row = 0; row < table->rowCount(); ++row)
            if (table->item(row, 0)->text() == QStringLiteral("F1 (macro)"))
                f1Row = row;
        QVERIFY(f1Row >= 0);
        QCOMPARE(table->item(f1Row, 1)->text(), QLocale().toString(0.75, 'f', 4));
        QCOMPARE(table->item(f1Row, 2)->text(), QLocale().toString(0.9, 'f', 4));
        QVERIFY(!table->item(f1Row, 3)); // no evaluation: an empty cell, not a zero

        const auto& views = dialog.confusionViews();
        QCOMPARE(views.size(), 3);
        QCOMPARE(views[0]->classCount(), 2);
        QCOMPARE(views[0]->cellValue(0, 0), 3.0); // the last validation, not the export's
        QCOMPARE(views[1]->cellValue(0, 0), 45.0);
        QCOMPARE(views[2]->classCount(), 0);
        dialog.setMatricesNormalized(true);
        QVERIFY(views[0]->isNormalized() && views[1]->isNormalized());
        if (qEnvironmentVariableIsSet("DOMAINTUNE_TEST_SCREENSHOTS")) {
            dialog.resize(1000, 720);
            dialog.showFinalEvaluation();
            dialog.grab().save(qEnvironmentVariable("DOMAINTUNE_TEST_SCREENSHOTS") +
                               QStringLiteral("/compare-final.png"));
        }
    }

    void comparesTwoRuns()
    {
        ui::HistoryPage page;
        page.selectRuns({m_first, m_second});
        QCOMPARE(page.selectedRunIds().size(), 2);
        ui::CompareDialog* dialog = page.compareSelected();
        QVERIFY(dialog);
        QCOMPARE(dialog->metric(), QStringLiteral("eval/f1_macro"));
        QCOMPARE(dialog->plot()->graphCount(), 2);
        QCOMPARE(dialog->plot()->pointCount(0), 3);
        QCOMPARE(dialog->plot()->pointCount(1), 3);

        // Only the learning rate (and the name) differ between the two specs.
        QTableWidget* parameters = dialog->parameterTable();
        QStringList keys;
        for (int row = 0; row < parameters->rowCount(); ++row)
            keys << parameters->item(row, 0)->text();
        QVERIFY2(keys.contains(QStringLiteral("learning_rate")), qPrintable(keys.join(',')));
        QVERIFY(!keys.contains(QStringLiteral("task")));
        const int differing = parameters->rowCount();
        dialog->setDifferencesOnly(false);
        QVERIFY(parameters->rowCount() > differing);

        QTableWidget* best = dialog->bestTable();
        QCOMPARE(best->rowCount(), 2);
        QMap<QString, QString> bestByRun;
        for (int row = 0; row < best->rowCount(); ++row)
            bestByRun[best->item(row, 0)->text()] = best->item(row, 1)->text();
        // The best run (F1 0.8) is marked, in bold; the other is not.
        QCOMPARE(bestByRun.value(QStringLiteral("★ #%1 finbert-lr1e-3").arg(m_second)),
                 QStringLiteral("0.8"));
        QCOMPARE(bestByRun.value(QStringLiteral("#%1 finbert-lr2e-5").arg(m_first)),
                 QStringLiteral("0.7"));
        for (int row = 0; row < best->rowCount(); ++row)
            QCOMPARE(best->item(row, 1)->font().bold(), best->item(row, 1)->text() == "0.8");

        dialog->setMetric(QStringLiteral("train/loss"));
        QCOMPARE(dialog->plot()->pointCount(0), 5);
        dialog->close();
    }

    void compareNeedsTwoRuns()
    {
        ui::HistoryPage page;
        page.selectRuns({m_first});
        QVERIFY(!page.compareSelected());
    }

    void deletesRuns()
    {
        RunStore store(m_history.toStdString());
        const qint64 doomed = addRun(store, "to-delete", "legal", 1e-4, RunStatus::Cancelled, 0.1);
        ui::HistoryPage page;
        QVERIFY(page.model()->rowOf(doomed) >= 0);
        QVERIFY(page.deleteRuns({doomed}));
        QCOMPARE(page.model()->rowOf(doomed), -1);
        QVERIFY(!store.run(doomed));
    }

    void modelsPassTheModelTester()
    {
        ui::RunTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        RunStore store(m_history.toStdString());
        model.setRuns(store.listRuns());
        QCOMPARE(model.rowCount(), 3);
        model.setRuns({});
        QCOMPARE(model.rowCount(), 0);
        model.setRuns(store.listRuns());

        ui::HistoryPage page;
        auto* proxy = qobject_cast<QSortFilterProxyModel*>(page.view()->model());
        QVERIFY(proxy);
        QAbstractItemModelTester proxyTester(
            proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.setSearchText(QStringLiteral("fin"));
        page.view()->sortByColumn(ui::RunTableModel::NameColumn, Qt::AscendingOrder);
        page.refresh();
        page.setSearchText(QString());
        QCOMPARE(proxy->rowCount(), 3);
    }

    // A run trained on another run's model: Lineage draws both runs and the trials of a
    // search, lists the chain, and "Compare with parent" compares the run with its parent.
    void showsTheLineage()
    {
        const QString other = m_dir.filePath(QStringLiteral("lineage.sqlite"));
        QSettings().setValue(QStringLiteral("history/path"), other);
        qint64 general = 0, task = 0;
        {
            RunStore store(other.toStdString());
            const auto add = [&](const char* name, const std::string& base, const char* tag,
                                 std::optional<std::int64_t> parent) {
                RunRecord run;
                run.name = name;
                run.task = "seq-cls";
                run.domain = "finance";
                run.status = RunStatus::Completed;
                run.modelPath = base;
                run.modelSourceJson = nlohmann::json({{"kind", "folder"}, {"path", base}}).dump();
                if (*tag)
                    run.tags = {tag};
                run.parentId = parent;
                return store.createRun(run);
            };
            general = add("general MLM", "/models/bert", "", {});
            ArtifactRecord model;
            model.runId = general;
            model.path = "/work/general/model";
            model.kind = "model";
            store.addArtifact(model);
            const qint64 study = add("search", "/work/general/model", "study", {});
            add("search trial 0", "/work/general/model", "trial", study);
            task = add("finance task", "/work/general/best", "", {});
        }
        ui::HistoryPage page;
        page.selectRuns({task});
        ui::LineageDialog* dialog = page.showLineage();
        QVERIFY(dialog != nullptr);
        QCOMPARE(dialog->boxCount(), 4);
        // general -> study and task (their base model), study -> trial (its search; the trial's
        // base model is the study's, not drawn twice)
        QCOMPARE(dialog->arrowCount(), 3);
        QCOMPARE(dialog->baseModelParent(), general);
        QVERIFY(dialog->findChild<QLabel*>("chain")->text().contains("general MLM"));
        if (qEnvironmentVariableIsSet("DOMAINTUNE_TEST_SCREENSHOTS"))
            dialog->grab().save(qEnvironmentVariable("DOMAINTUNE_TEST_SCREENSHOTS") +
                                QStringLiteral("/lineage.png"));
        dialog->findChild<QPushButton*>("compareParent")->click();
        QCOMPARE(page.selectedRunIds().size(), 2);
        const auto* compare = page.findChild<ui::CompareDialog*>();
        QVERIFY(compare != nullptr);
        dialog->close();
        QSettings().setValue(QStringLiteral("history/path"), m_history);
    }

private:
    static qint64 addRun(RunStore& store, const std::string& name, const std::string& domain,
                         double learningRate, RunStatus status, double bestF1)
    {
        RunRecord run;
        run.name = name;
        run.task = "seq-cls";
        run.domain = domain;
        run.status = RunStatus::Running;
        run.specJson = nlohmann::json{
            {"name", name},
            {"task", "seq-cls"},
            {"learning_rate", learningRate},
            {"epochs", 3}}.dump();
        if (domain == "finance")
            run.modelSourceJson =
                nlohmann::json{{"kind", "hub-cache"},
                               {"id", "sentence-transformers/mini"},
                               {"revision", "b9a0018dff090c14865aa0996a89997e34aeadf1"},
                               {"installed_from",
                                {{"source", "pypi"}, {"package", "mini"}, {"version", "0.1.0"}}}}
                    .dump();
        else
            run.modelPath = "/models/clinical-bert";
        const qint64 id = store.createRun(run);
        std::vector<MetricPoint> points;
        for (int step = 1; step <= 5; ++step)
            points.push_back({step, step / 5.0, "train/loss", 1.0 / step, 0});
        for (int step = 2; step <= 6; step += 2)
            points.push_back({step, step / 5.0, "eval/f1_macro", bestF1 * step / 6.0, 0});
        store.appendMetrics(id, points);
        store.updateStatus(id, status);
        return id;
    }

    QTemporaryDir m_dir;
    QString m_history;
    qint64 m_first = 0;
    qint64 m_second = 0;
    qint64 m_third = 0;
};

QTEST_MAIN(TestHistoryPage)
#include "testhistorypage.moc"
