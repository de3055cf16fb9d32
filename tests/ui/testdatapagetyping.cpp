// Typing a path into the wizard's data page, key by key, as the user guide tells users to: a
// half-typed "/" or "/ho" is never read (it used to walk "/" and fail on /proc), a folder is
// read only after Enter, and a file is read once it exists.
#include "ui/newrunwizard.h"
#include "ui/wizarddatapage.h"

#include <QLineEdit>
#include <QStandardPaths>
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
};

QTEST_MAIN(TestDataPageTyping)
#include "testdatapagetyping.moc"
