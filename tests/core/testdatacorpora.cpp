// Imports the real corpora in ../shared/data without hints and checks counts, labels and
// encodings. Every expected number was obtained independently with /usr/bin/python3 (the csv
// module with the encoding named in shared/README.md; CoNLL by splitting lines and counting
// blank-line separated sentences and entity spans; Markdown with os.walk and re.split on
// blank lines), not with DomainTune.

#include "core/data/corpusimporter.h"
#include "testsupport.h"

#include <QtTest>

using namespace domaintune;

class TestDataCorpora : public QObject
{
    Q_OBJECT

private slots:
    // Question answering: every answer read lies at its offset in its context. cpgQA (MIT):
    // 1,097 questions on 190 contexts, 6 answers not at their answer_start (python: context
    // [start:start+len(text)] != text) reported and skipped; PolicyQA dev (research only):
    // 3,809 questions, all answers in place.
    void questionAnsweringCorpora_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("questions");
        QTest::addColumn<int>("skipped");
        QTest::newRow("cpgqa") << "data/medical/cpgqa/cpgQA-v1.0.json" << 1091 << 6;
        QTest::newRow("policyqa dev") << "data/legal/policyqa/dev.json" << 3809 << 0;
    }

    void questionAnsweringCorpora()
    {
        QFETCH(QString, file);
        QFETCH(int, questions);
        QFETCH(int, skipped);
        DOMAINTUNE_SHARED_OR_SKIP(path, file);
        const Corpus corpus = importCorpus(path.toStdString());
        QCOMPARE(corpus.sources()[0].format, CorpusFormat::Squad);
        QCOMPARE(int(corpus.size()), questions);
        QCOMPARE(int(corpus.report().skippedRecords()), skipped);
        for (const Example& example : corpus.examples()) {
            QVERIFY(!example.answers.empty());
            for (const Answer& answer : example.answers)
                QVERIFY2(example.textPair.compare(std::size_t(answer.start), answer.text.size(),
                                                  answer.text) == 0,
                         example.id.c_str());
        }
    }

    void financialPhraseBank()
    {
        DOMAINTUNE_SHARED_OR_SKIP(path, "data/finance/financial-phrasebank.csv");
        const Corpus corpus = importCorpus(path.toStdString());
        const SourceInfo& info = corpus.sources()[0];
        // Latin-1 with no byte in 0x80..0x9F, so ISO-8859-1 (not windows-1252) is exact.
        QCOMPARE(info.encoding, std::string("ISO-8859-1"));
        QCOMPARE(info.format, CorpusFormat::Csv);
        QCOMPARE(info.mapping.text, std::string("content"));
        QCOMPARE(corpus.size(), std::size_t(4846)); // python csv: 4,846 rows after the header
        const auto labels = corpus.labelCounts();
        QCOMPARE(labels.size(), std::size_t(3));
        QCOMPARE(labels.at("neutral"), std::size_t(2879));
        QCOMPARE(labels.at("positive"), std::size_t(1363));
        QCOMPARE(labels.at("negative"), std::size_t(604));
        QCOMPARE(corpus.report().issueCount(), std::size_t(0));
        bool decoded = false; // byte 0xD1 (at offset 306,981) must come out as U+00D1 (Ñ)
        for (const Example& example : corpus.examples())
            decoded |= example.text.find("\xC3\x91") != std::string::npos;
        QVERIFY(decoded);
    }

    void medicalDialogueGb18030()
    {
        DOMAINTUNE_SHARED_OR_SKIP(path, "data/zh/medical-dialogue/internal-medicine-sample.csv");
        const Corpus corpus = importCorpus(path.toStdString());
        QCOMPARE(corpus.sources()[0].encoding, std::string("GB18030"));
        QCOMPARE(corpus.sources()[0].columns.size(), std::size_t(4));
        QCOMPARE(corpus.size(), std::size_t(7644));
        const auto labels = corpus.labelCounts();
        QCOMPARE(labels.size(), std::size_t(11));
        QCOMPARE(labels.at("\xE8\x82\x9D\xE7\x97\x85\xE7\xA7\x91"), std::size_t(3121)); // 肝病科
        QCOMPARE(labels.at("\xE6\xB6\x88\xE5\x8C\x96\xE7\xA7\x91"), std::size_t(1414)); // 消化科
        QCOMPARE(corpus.report().invalidSequences(), std::size_t(0));
    }

    void cuadMultiLineCells()
    {
        DOMAINTUNE_SHARED_OR_SKIP(path, "data/legal/cuad-master-clauses.csv");
        ImportOptions options;
        options.mapping.text = "Document Name-Answer";
        options.mapping.id = "Filename";
        const Corpus corpus = importCorpus(path.toStdString(), options);
        QCOMPARE(corpus.sources()[0].encoding, std::string("UTF-8"));
        QCOMPARE(corpus.sources()[0].columns.size(), std::size_t(83));
        QCOMPARE(corpus.size(), std::size_t(510));
        std::size_t multiLine = 0;
        for (const Example& example : corpus.examples())
            multiLine += example.text.find('\n') != std::string::npos ? 1 : 0;
        QCOMPARE(multiLine, std::size_t(14)); // python: 14 cells of this column hold a newline
        QCOMPARE(corpus.examples()[142].text.substr(0, 14), std::string("ADDENDUM TO \n\n"));
        QCOMPARE(
            corpus.examples().back().id,
            std::string("KUBIENT,INC_07_02_2020-EX-10.14-MASTER SERVICES AGREEMENT_Part1.pdf"));
    }

    void thucNewsWithClassFile()
    {
        DOMAINTUNE_SHARED_OR_SKIP(folder, "data/zh/thucnews-titles");
        const std::string base = folder.toStdString();
        ImportOptions options;
        options.labelMapFile = base + "/class.txt";
        const Corpus corpus =
            importCorpus({{base + "/dev.txt", {}}, {base + "/test.txt", {}}}, options);
        QCOMPARE(corpus.sources()[0].encoding, std::string("UTF-8"));
        QCOMPARE(corpus.sources()[0].delimiter, '\t');
        QCOMPARE(corpus.size(), std::size_t(20000));
        const auto labels = corpus.labelCounts();
        QCOMPARE(labels.size(), std::size_t(10));
        for (const char* name : {"finance", "realty", "stocks", "education", "science", "society",
                                 "politics", "sports", "game", "entertainment"})
            QCOMPARE(labels.at(name), std::size_t(2000)); // 1,000 per class in each file
        QCOMPARE(corpus.splitCounts().at("validation"), std::size_t(10000));
        QCOMPARE(corpus.splitCounts().at("test"), std::size_t(10000));
    }

    void secFilingsConll()
    {
        DOMAINTUNE_SHARED_OR_SKIP(folder, "data/finance/sec-filings-ner");
        const std::string base = folder.toStdString();
        const Corpus corpus =
            importCorpus({{base + "/FIN5.txt", "train"}, {base + "/FIN3.txt", "test"}});
        const SourceInfo& train = corpus.sources()[0];
        QCOMPARE(train.format, CorpusFormat::Conll);
        QCOMPARE(train.tagScheme, std::string("IO"));
        QCOMPARE(train.documents, std::size_t(5));
        QCOMPARE(corpus.splitCounts().at("train"), std::size_t(1164));
        QCOMPARE(corpus.splitCounts().at("test"), std::size_t(303));
        // IO spans (a run of I-X): FIN5 PER 747, ORG 243, LOC 171, MISC 7; FIN3 PER 216.
        QCOMPARE(train.entityTypes.at("PER"), std::size_t(747));
        QCOMPARE(train.entityTypes.at("ORG"), std::size_t(243));
        QCOMPARE(train.entityTypes.at("LOC"), std::size_t(171));
        QCOMPARE(train.entityTypes.at("MISC"), std::size_t(7));
        QCOMPARE(corpus.sources()[1].entityTypes.at("PER"), std::size_t(216));
        QCOMPARE(corpus.report().issueCount(), std::size_t(0));
    }

    void ncbiDiseaseConll()
    {
        DOMAINTUNE_SHARED_OR_SKIP(folder, "data/medical/ncbi-disease");
        const std::string base = folder.toStdString();
        const Corpus corpus = importCorpus(
            {{base + "/train.tsv", {}}, {base + "/devel.tsv", {}}, {base + "/test.tsv", {}}});
        QCOMPARE(corpus.sources()[0].tagScheme, std::string("BIO"));
        QCOMPARE(corpus.splitCounts().at("train"), std::size_t(5432));
        QCOMPARE(corpus.splitCounts().at("validation"), std::size_t(923));
        QCOMPARE(corpus.splitCounts().at("test"), std::size_t(940));
        QCOMPARE(corpus.sources()[0].entityTypes.at("Disease"), std::size_t(5145));
        QCOMPARE(corpus.sources()[1].entityTypes.at("Disease"), std::size_t(787));
        QCOMPARE(corpus.sources()[2].entityTypes.at("Disease"), std::size_t(960));
        const Example& first = corpus.examples()[0];
        QCOMPARE(first.tokens.size(), first.tags.size());
        QCOMPARE(first.tokens[0], std::string("Identification"));
    }

    void chineseStatutes()
    {
        DOMAINTUNE_SHARED_OR_SKIP(folder, "data/zh/laws");
        const Corpus byFile = importCorpus(folder.toStdString());
        QCOMPARE(byFile.sources()[0].format, CorpusFormat::PlainText);
        QCOMPARE(byFile.sources()[0].encoding, std::string("UTF-8"));
        QCOMPARE(byFile.size(), std::size_t(176)); // find -name '*.md' | wc -l
        ImportOptions blocks;
        blocks.textUnit = TextUnit::Block;
        QCOMPARE(importCorpus(folder.toStdString(), blocks).size(), std::size_t(29527));
    }
};

QTEST_APPLESS_MAIN(TestDataCorpora)
#include "testdatacorpora.moc"
