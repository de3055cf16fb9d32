#include "app/cli/commandline.h"
#include "core/common/error.h"

#include <QtTest>

using domaintune::Error;
using domaintune::cli::CommandLine;

namespace {

CommandLine parse(const QStringList& arguments)
{
    std::vector<std::string> list;
    for (const QString& argument : arguments)
        list.push_back(argument.toStdString());
    return CommandLine(list);
}

} // namespace

class TestCommandLine : public QObject
{
    Q_OBJECT

private slots:
    void splitsPositionalsAndFlags()
    {
        const auto line = parse({"inspect", "data.csv", "--encoding", "GB18030", "--max-length=128",
                                 "--no-special-tokens"});
        QCOMPARE(line.positionals().size(), std::size_t(2));
        QCOMPARE(line.positionals()[1], std::string("data.csv"));
        QCOMPARE(line.value("encoding"), std::string("GB18030"));
        QCOMPARE(line.integer("max-length", 0), 128LL);
        QVERIFY(line.has("no-special-tokens"));
        QVERIFY(line.value("no-special-tokens").empty());
        QCOMPARE(line.value("absent", "fallback"), std::string("fallback"));
        QCOMPARE(line.integer("absent", 7), 7LL);
    }

    void equalsFormKeepsValuesThatLookLikeFlags()
    {
        const auto line = parse({"--text=--not-a-flag"});
        QCOMPARE(line.value("text"), std::string("--not-a-flag"));
    }

    void rejectsBadInputClearly()
    {
        try {
            parse({"--seed", "12x"}).integer("seed", 0);
            QFAIL("a non-number was accepted");
        } catch (const Error& e) {
            QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("--seed")));
            QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("12x")));
        }
        QVERIFY_THROWS_EXCEPTION(Error, parse({"--a", "1", "--a", "2"}));
        QVERIFY_THROWS_EXCEPTION(Error, parse({}).required("model"));
        QVERIFY_THROWS_EXCEPTION(Error, parse({"--model"}).required("model"));
        QCOMPARE(parse({"--model", "dir"}).required("model"), std::string("dir"));
    }

    void wordsAfterSwitchesStayPositionals()
    {
        auto line = parse({"inspect", "--nfkc", "a.csv", "--encoding", "GB18030", "b.csv",
                           "--collapse-whitespace", "c.csv"});
        line.allowOnly({"encoding"}, {"nfkc", "collapse-whitespace"});
        QCOMPARE(line.positionals(),
                 (std::vector<std::string>{"inspect", "a.csv", "b.csv", "c.csv"}));
        QVERIFY(line.has("nfkc"));
        QVERIFY(line.value("nfkc").empty());
        QCOMPARE(line.value("encoding"), std::string("GB18030"));
        auto explicitValue = parse({"--nfkc=yes"});
        QVERIFY_THROWS_EXCEPTION(Error, explicitValue.allowOnly({}, {"nfkc"}));
    }

    void allowOnlyNamesTheOffendingFlag()
    {
        auto line = parse({"--model", "m", "--typo", "x"});
        try {
            line.allowOnly({"model"});
            QFAIL("an unknown flag was accepted");
        } catch (const Error& e) {
            QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("--typo")));
        }
        line.allowOnly({"model", "typo"});
        auto switchWithWord = parse({"--no-special-tokens", "text"});
        switchWithWord.allowOnly({}, {"no-special-tokens"});
        QCOMPARE(switchWithWord.positionals(), std::vector<std::string>{"text"});
        parse({"--no-special-tokens"}).allowOnly({}, {"no-special-tokens"});
    }
};

QTEST_APPLESS_MAIN(TestCommandLine)
#include "testcommandline.moc"
