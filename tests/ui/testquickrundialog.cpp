// QuickRunDialog: validation messages and the spec it fills.
#include "ui/quickrundialog.h"
#include "ui/settingspage.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QTemporaryDir>
#include <QtTest>

using namespace domaintune;

class TestQuickRunDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("DomainTuneTest"));
        QCoreApplication::setApplicationName(QStringLiteral("testquickrundialog"));
        QSettings().clear();
    }

    void explainsEveryMissingField()
    {
        ui::QuickRunDialog dialog;
        const QStringList problems = dialog.problems();
        QCOMPARE(problems.size(), 3);
        QVERIFY(problems[0].contains(QStringLiteral("model folder")));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        auto* label = dialog.findChild<QLabel*>(QStringLiteral("problems"));
        QVERIFY(label && !label->isHidden());
        QVERIFY(label->text().contains(QStringLiteral("training file")));
    }

    void fillsTheSpecFromAValidForm()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("model")));
        QFile config(dir.filePath(QStringLiteral("model/config.json")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("{}");
        config.close();
        QFile data(dir.filePath(QStringLiteral("news.csv")));
        QVERIFY(data.open(QIODevice::WriteOnly));
        data.write("label,text\npositive,up\n");
        data.close();

        ui::QuickRunDialog dialog;
        dialog.setModelFolder(dir.filePath(QStringLiteral("missing")));
        QVERIFY(dialog.problems().first().contains(QStringLiteral("config.json")));
        dialog.setModelFolder(dir.filePath(QStringLiteral("model")));
        dialog.setTrainingFile(dir.filePath(QStringLiteral("news.csv")));
        dialog.setOutputFolder(dir.filePath(QStringLiteral("out")));
        dialog.setTask(QStringLiteral("mlm"));
        dialog.setEpochs(2);
        dialog.setMaxSteps(0);
        QVERIFY2(dialog.problems().isEmpty(), qPrintable(dialog.problems().join('\n')));
        const TrainSpec spec = dialog.spec();
        QCOMPARE(QString::fromStdString(spec.task), QStringLiteral("mlm"));
        QCOMPARE(spec.epochs, std::int64_t(2));
        QCOMPARE(spec.maxSteps, std::int64_t(-1));
        QCOMPARE(QString::fromStdString(spec.name), QStringLiteral("news"));
        dialog.setMaxSteps(20);
        QCOMPARE(dialog.spec().maxSteps, std::int64_t(20));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        ui::QuickRunDialog again; // remembers the last accepted values
        QCOMPARE(QString::fromStdString(again.spec().task), QStringLiteral("mlm"));
        QCOMPARE(again.spec().maxSteps, std::int64_t(20));
    }

    void followsTheSettingsForNewRuns()
    {
        ui::QuickRunDialog dialog;
        QCOMPARE(QString::fromStdString(dialog.spec().device), ui::SettingsPage::defaultDevice());
        QSettings().setValue(QStringLiteral("training/device"), QStringLiteral("cpu"));
        QSettings().setValue(QStringLiteral("training/threads"), 3);
        QCOMPARE(ui::SettingsPage::defaultThreads(), 3);
        QCOMPARE(dialog.spec().device, std::string("cpu"));
        QCOMPARE(dialog.spec().threads, 3);
        QSettings().clear();
    }
};

QTEST_MAIN(TestQuickRunDialog)
#include "testquickrundialog.moc"
