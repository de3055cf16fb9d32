// The task registry (core/train/task.h): one entry per task that every part of the product
// reads; names, heads and metrics consistent; unknown names refused by name.
#include "core/common/error.h"
#include "core/train/task.h"
#include "core/train/trainspec.h"

#include <QtTest>

#include <set>

using namespace domaintune;

class TestTask : public QObject
{
    Q_OBJECT

private slots:
    void everyTaskIsRegisteredOnce()
    {
        std::set<std::string> names;
        std::set<Task> tasks;
        for (const TaskInfo& info : allTasks()) {
            QVERIFY2(names.insert(info.name).second, info.name);
            QVERIFY(tasks.insert(info.task).second);
            QCOMPARE(&taskInfo(info.task), &info);
            QCOMPARE(findTask(info.name), &info);
            QCOMPARE(&parseTask(info.name), &info);
        }
        QCOMPARE(names.size(), std::size_t(6));
        QCOMPARE(taskNames(), std::string("seq-cls, multi-label, token-cls, mlm, clm, qa"));
    }

    void metricsAreConsistent()
    {
        for (const TaskInfo& info : allTasks()) {
            const std::set<std::string> metrics(info.metrics.begin(), info.metrics.end());
            QVERIFY2(metrics.count("loss"), info.name);
            QVERIFY2(metrics.count(info.mainMetric), info.name);
            QVERIFY2(info.labelled() == (info.minLabels > 0), info.name);
            QVERIFY2(!info.wholeWordMasking || info.objective == TaskObjective::MaskedLm,
                     info.name);
        }
        QVERIFY(higherIsBetter("f1_macro"));
        QVERIFY(!higherIsBetter("perplexity"));
        QVERIFY(!higherIsBetter("eval/loss"));
    }

    // A model's head and problem type name the task it was trained for (eval without --task).
    void headsMapBackToTasks()
    {
        for (const TaskInfo& info : allTasks())
            QCOMPARE(taskOfHead(info.head, info.problemType).value(), info.task);
        QCOMPARE(
            taskOfHead(HeadKind::SequenceClassification, "single_label_classification").value(),
            Task::SequenceClassification);
        QVERIFY(!taskOfHead(HeadKind::Base, "").has_value());
        QCOMPARE(taskOfHead(HeadKind::QuestionAnswering, "").value(), Task::QuestionAnswering);
    }

    void unknownNamesAreRefused()
    {
        QVERIFY(findTask("ner") == nullptr);
        try {
            parseTask("ner");
            QFAIL("an unknown task was accepted");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("unknown task \"ner\""), e.what());
            QVERIFY2(QString(e.what()).contains("token-cls"), e.what());
        }
    }

    // metric_for_best is checked when the spec is, not after the first evaluation.
    void metricForBestMustBeOneTheTaskReports()
    {
        TrainSpec spec;
        spec.modelDir = "m";
        spec.trainFile = "t.csv";
        spec.outputDir = "out";
        spec.task = "token-cls";
        spec.metricForBest = "f1";
        spec.validate();
        spec.metricForBest = "f1_micro";
        try {
            spec.validate();
            QFAIL("a metric token-cls does not report was accepted");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("metric_for_best"), e.what());
            QVERIFY2(QString(e.what()).contains("token_accuracy"), e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestTask)
#include "testtask.moc"
