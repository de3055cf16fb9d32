// DashboardPage and its charts, fed with synthetic events (no training needed).
#include "ui/confusionmatrixview.h"
#include "ui/dashboardpage.h"
#include "ui/liveplot.h"

#include <QFileInfo>
#include <QFontMetrics>
#include <QSlider>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace domaintune;
using ui::ConfusionMatrixView;
using ui::DashboardPage;
using Chart = ui::DashboardPage::Chart;

namespace {

TrainingEvent stepEvent(std::int64_t step)
{
    TrainingEvent event;
    event.kind = TrainingEventKind::Step;
    event.step = step;
    event.totalSteps = 30;
    event.loss = 1.0 / static_cast<double>(step);
    event.learningRate = 1e-3;
    event.samplesPerSecond = 100;
    event.elapsedSeconds = static_cast<double>(step);
    event.etaSeconds = static_cast<double>(30 - step);
    return event;
}

TrainingEvent evaluationEvent(std::int64_t step)
{
    TrainingEvent event;
    event.kind = TrainingEventKind::Evaluation;
    event.step = step;
    event.metrics = {{"loss", 0.5}, {"accuracy", 0.8}, {"f1_macro", 0.7}, {"precision_macro", 0.6}};
    event.labels = {"negative", "neutral", "positive"};
    event.confusion = {{5, 1, 0}, {2, 20, 3}, {0, 1, 9}};
    event.perClass = {{"negative", 0.7, 0.8, 0.75, 6},
                      {"neutral", 0.9, 0.8, 0.85, 25},
                      {"positive", 0.7, 0.9, 0.8, 10}};
    return event;
}

} // namespace

class TestDashboardPage : public QObject
{
    Q_OBJECT

private slots:
    void plotsEveryPointAndFillsTheEvaluationViews()
    {
        DashboardPage page;
        page.resize(1100, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        TrainingEvent started;
        started.kind = TrainingEventKind::Started;
        started.totalSteps = 30;
        page.showStarted(started);
        for (int step = 1; step <= 30; ++step) {
            page.showStep(stepEvent(step));
            if (step % 10 == 0)
                page.showEvaluation(evaluationEvent(step));
        }
        QCOMPARE(page.chart(Chart::TrainingLoss)->pointCount(0), 30);
        QCOMPARE(page.chart(Chart::TrainingLoss)->pointCount(1), 30); // smoothed
        QCOMPARE(page.chart(Chart::LearningRate)->pointCount(0), 30);
        QCOMPARE(page.chart(Chart::Throughput)->pointCount(0), 30);
        QCOMPARE(page.chart(Chart::EvaluationLoss)->pointCount(0), 3);
        // accuracy and f1_macro are charted; precision_macro is not.
        QCOMPARE(page.chart(Chart::Metrics)->graphCount(), 2);
        QCOMPARE(page.chart(Chart::Metrics)->pointCount(1), 3);
        QCOMPARE(page.confusionMatrix()->classCount(), 3);
        QCOMPARE(page.confusionMatrix()->cellValue(1, 1), 20.0);
        QCOMPARE(page.confusionMatrix()->cellValue(1, 2), 3.0);
        QCOMPARE(page.perClassTable()->rowCount(), 3);
        QCOMPARE(page.perClassTable()->item(1, 0)->text(), QStringLiteral("neutral"));
        auto* progress = page.findChild<QProgressBar*>(QStringLiteral("progress"));
        QVERIFY(progress);
        QCOMPARE(progress->value(), 30);

        // The smoothed loss lags behind the falling raw loss.
        const auto* raw = page.chart(Chart::TrainingLoss)->graph(0)->data().data();
        const auto* smooth = page.chart(Chart::TrainingLoss)->graph(1)->data().data();
        QVERIFY((smooth->constEnd() - 1)->value > (raw->constEnd() - 1)->value);

        if (qEnvironmentVariableIsSet("DOMAINTUNE_TEST_SCREENSHOTS")) {
            QTest::qWait(400); // the charts replot on their timer
            page.grab().save(qEnvironmentVariable("DOMAINTUNE_TEST_SCREENSHOTS") +
                             QStringLiteral("/dashboard.png"));
        }
        page.reset();
        QCOMPARE(page.chart(Chart::TrainingLoss)->pointCount(0), 0);
        QCOMPARE(page.confusionMatrix()->classCount(), 0);
    }

    // The headline shows the task's main metric, translated, now and at its best; perplexity
    // is best when lowest. After the run ends no time is said to be left.
    void headlineShowsTheMainMetric()
    {
        DashboardPage page;
        page.show();
        const auto* score = page.findChild<QLabel*>(QStringLiteral("score"));
        QVERIFY(score);
        TrainingEvent first = evaluationEvent(10), second = evaluationEvent(20);
        second.metrics["f1_macro"] = 0.65;
        page.showEvaluation(first);
        page.showEvaluation(second);
        QVERIFY2(score->text().contains(QStringLiteral("F1 (macro)")), qPrintable(score->text()));
        QVERIFY2(score->text().contains(QStringLiteral("<b>0.6500</b>")),
                 qPrintable(score->text()));
        QVERIFY2(score->text().contains(QStringLiteral("best 0.7000 at step 10")),
                 qPrintable(score->text()));
        page.reset();
        QVERIFY(score->text().isEmpty());
        TrainingEvent lm;
        lm.kind = TrainingEventKind::Evaluation;
        lm.step = 5;
        lm.metrics = {{"loss", 3.0}, {"perplexity", 20.0}};
        page.showEvaluation(lm);
        lm.step = 10;
        lm.metrics = {{"loss", 2.0}, {"perplexity", 7.4}};
        page.showEvaluation(lm);
        QVERIFY2(score->text().contains(QStringLiteral("best 7.4000 at step 10")),
                 qPrintable(score->text()));

        page.showStep(stepEvent(12));
        const auto* eta = page.findChild<QLabel*>(QStringLiteral("eta"));
        QVERIFY(eta->text().contains(QStringLiteral("left")));
        TrainResult cancelled;
        cancelled.status = "cancelled";
        cancelled.steps = 12;
        page.showFinished(cancelled);
        QVERIFY2(!eta->text().contains(QStringLiteral("left")), qPrintable(eta->text()));
    }

    // A classifier answering one class for everything is pointed out.
    void warnsWhenOneClassIsPredictedForEverything()
    {
        DashboardPage page;
        TrainingEvent lazy = evaluationEvent(10);
        lazy.confusion = {{0, 6, 0}, {0, 25, 0}, {0, 10, 0}};
        page.showEvaluation(lazy);
        const auto* score = page.findChild<QLabel*>(QStringLiteral("score"));
        QVERIFY2(score->text().contains(QStringLiteral("predicts &quot;neutral&quot; for every")),
                 qPrintable(score->text()));
        page.showEvaluation(evaluationEvent(20)); // a mixed matrix: no warning
        QVERIFY(!score->text().contains(QStringLiteral("for every example")));
    }

    // Many classes: labels shortened (full in the tooltip), predicted ones turned; the
    // normalised view shows each true class's shares.
    void confusionMatrixForManyClasses()
    {
        ConfusionMatrixView view;
        std::vector<std::string> labels;
        std::vector<std::vector<std::int64_t>> confusion(9, std::vector<std::int64_t>(9, 1));
        for (int i = 0; i < 9; ++i) {
            labels.push_back("securities-fraud-class-" + std::to_string(i));
            confusion[std::size_t(i)][std::size_t(i)] = 7; // each row: 7 of 15 right
        }
        view.setMatrix(labels, confusion);
        QCOMPARE(view.predictedTickText(0), QString::fromUtf8("securit\u2026"));
        QCOMPARE(view.xAxis->tickLabelRotation(), 45.0);
        // The last turned label fits inside the widget (QCustomPlot leaves out one that
        // would be cut: the last class had no name).
        view.resize(420, 360);
        const QImage drawn = view.grab().toImage(); // lays the plot out at this size
        if (qEnvironmentVariableIsSet("DOMAINTUNE_MATRIX_SHOT"))
            drawn.save(qEnvironmentVariable("DOMAINTUNE_MATRIX_SHOT"));
        const QFontMetrics metrics(view.xAxis->tickLabelFont());
        const double lastLabelEnd =
            view.xAxis->coordToPixel(8) +
            metrics.horizontalAdvance(view.predictedTickText(8)) * M_SQRT1_2;
        QVERIFY2(
            lastLabelEnd <= view.viewport().right(),
            qPrintable(QStringLiteral("%1 > %2").arg(lastLabelEnd).arg(view.viewport().right())));
        QCOMPARE(view.cellToolTip(2, 3), QStringLiteral("true securities-fraud-class-2, predicted "
                                                        "securities-fraud-class-3: 1 (6.7 % of "
                                                        "securities-fraud-class-2)"));
        QCOMPARE(view.cellValue(4, 4), 7.0);
        view.setNormalized(true);
        QVERIFY(std::abs(view.cellValue(4, 4) - 7.0 / 15.0) < 1e-12);
        view.setNormalized(false);
        QCOMPARE(view.cellValue(4, 4), 7.0);
        view.setMatrix({"a", "b"}, {{1, 2}, {3, 4}});
        QCOMPARE(view.predictedTickText(1), QStringLiteral("b"));
        QCOMPARE(view.xAxis->tickLabelRotation(), 0.0);
    }

    // The smoothing slider recomputes the smoothed loss from the raw one: 0 follows it exactly,
    // more smoothing lags further behind the falling loss.
    void smoothingSliderResmoothsTheLoss()
    {
        DashboardPage page;
        for (int step = 1; step <= 30; ++step)
            page.showStep(stepEvent(step));
        auto* slider = page.findChild<QSlider*>(QStringLiteral("smoothing"));
        QVERIFY(slider);
        const auto last = [&](int curve) {
            const auto* data = page.chart(Chart::TrainingLoss)->graph(curve)->data().data();
            return (data->constEnd() - 1)->value;
        };
        const double defaultSmoothed = last(1);
        slider->setValue(0);
        QCOMPARE(page.chart(Chart::TrainingLoss)->pointCount(1), 30);
        QVERIFY(std::abs(last(1) - last(0)) < 1e-12);
        slider->setValue(99);
        QVERIFY(last(1) > defaultSmoothed);
        page.showStep(stepEvent(31)); // new points use the slider's weight too
        QCOMPARE(page.chart(Chart::TrainingLoss)->pointCount(1), 31);
    }

    void redrawsOnlyWhenDirtyAndVisible()
    {
        ui::LivePlot plot(QStringLiteral("t"), QStringLiteral("x"), QStringLiteral("y"));
        const int curve = plot.addCurve(QStringLiteral("c"), Qt::blue);
        plot.append(curve, 1, 1);
        QVERIFY(!plot.refresh()); // hidden: nothing drawn
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        QVERIFY(plot.refresh());
        QVERIFY(!plot.refresh()); // nothing new
        plot.append(curve, 2, 3);
        QVERIFY(plot.refresh());
    }

    // One evaluation is one point: with markers it shows; a plain line of one point draws
    // nothing (what users saw with per-epoch evaluation and in Compare).
    void onePointShowsWithMarkers()
    {
        const auto colourPixels = [](bool markers) {
            ui::LivePlot plot(QStringLiteral("t"), QStringLiteral("x"), QStringLiteral("y"));
            plot.resize(300, 200);
            plot.show();
            if (!QTest::qWaitForWindowExposed(&plot))
                return -1;
            const int curve =
                plot.addCurve(QStringLiteral("eval"), QColor(255, 0, 255), Qt::SolidLine, markers);
            plot.append(curve, 1, 0.5);
            plot.fitToData();
            plot.replot(); // refresh() queues the replot; draw now for the grab
            const QImage image = plot.grab().toImage();
            int count = 0;
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x) {
                    const QColor c = image.pixelColor(x, y);
                    count += c.red() > 200 && c.blue() > 200 && c.green() < 80;
                }
            return count;
        };
        QCOMPARE(colourPixels(false), 0);
        QVERIFY(colourPixels(true) > 5);
    }

    void stopsFollowingOnceTheUserDragsUntilFit()
    {
        ui::LivePlot plot(QStringLiteral("t"), QStringLiteral("x"), QStringLiteral("y"));
        plot.resize(400, 300);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        const int curve = plot.addCurve(QStringLiteral("c"), Qt::blue);
        for (int i = 0; i < 10; ++i)
            plot.append(curve, i, i);
        plot.refresh();
        QVERIFY(plot.isFollowingData());
        const QCPRange followed = plot.xAxis->range();
        QVERIFY(followed.contains(9.0));
        QTest::mousePress(&plot, Qt::LeftButton, {}, QPoint(200, 150));
        QTest::mouseRelease(&plot, Qt::LeftButton, {}, QPoint(200, 150));
        QVERIFY(!plot.isFollowingData());
        plot.append(curve, 100, 100);
        plot.refresh();
        QCOMPARE(plot.xAxis->range(), followed); // the user's view stays
        plot.fitToData();
        QVERIFY(plot.isFollowingData());
        QVERIFY(plot.xAxis->range().contains(100.0));
    }

    // Following the data keeps room around it: the first and last points (and a lone point,
    // such as a few-shot run's one evaluation in Compare) are inside the axes, not on their
    // edges where a marker is cut in half.
    void followingLeavesRoomAroundTheData()
    {
        ui::LivePlot plot(QStringLiteral("t"), QStringLiteral("x"), QStringLiteral("y"));
        plot.resize(400, 300);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        const int curve = plot.addCurve(QStringLiteral("c"), Qt::blue, Qt::SolidLine, true);
        plot.append(curve, 8, 0.03);
        plot.append(curve, 172, 1.0);
        plot.fitToData();
        const QCPRange x = plot.xAxis->range(), y = plot.yAxis->range();
        QVERIFY2(x.lower < 8 - 0.01 * x.size() && x.upper > 172 + 0.01 * x.size(),
                 qPrintable(QStringLiteral("x %1..%2").arg(x.lower).arg(x.upper)));
        QVERIFY2(y.lower < 0.03 && y.upper > 1.0,
                 qPrintable(QStringLiteral("y %1..%2").arg(y.lower).arg(y.upper)));
    }

    void exportsChartsAsPngAndPdf()
    {
        DashboardPage page;
        page.resize(1000, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        for (int step = 1; step <= 5; ++step)
            page.showStep(stepEvent(step));
        QTemporaryDir dir;
        QCOMPARE(page.exportCharts(dir.path(), QStringLiteral("png")), 5);
        QCOMPARE(page.exportCharts(dir.path(), QStringLiteral("pdf")), 5);
        const QFileInfo png(dir.filePath(QStringLiteral("trainingLoss.png")));
        QVERIFY(png.size() > 1000);
        QFile pdf(dir.filePath(QStringLiteral("trainingLoss.pdf")));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");
    }
};

QTEST_MAIN(TestDashboardPage)
#include "testdashboardpage.moc"
