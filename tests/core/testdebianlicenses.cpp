// The built-in legal sample task: licence texts from Debian's machine-readable copyright files.
#include "core/data/debianlicenses.h"

#include <QtTest>

#include <map>
#include <set>

using namespace domaintune;

namespace {

void writeFile(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

const QByteArray kMitText =
    " Permission is hereby granted, free of charge, to any person obtaining a "
    "copy\n of this software, to deal in the Software without restriction.\n";

} // namespace

class TestDebianLicenses : public QObject
{
    Q_OBJECT

private slots:
    void parsesDep5Paragraphs()
    {
        QTemporaryDir root;
        writeFile(root.filePath(QStringLiteral("alpha/copyright")),
                  "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
                  "Upstream-Name: alpha\n\nFiles: *\nCopyright: 2020 A\nLicense: Expat\n" +
                      kMitText +
                      "\nLicense: GPL-2+\n This program is free software; you can redistribute "
                      "it and/or modify\n it under the terms of the GNU General Public License.\n"
                      " .\n On Debian systems, see /usr/share/common-licenses/GPL-2.\n"
                      "\nLicense: GPL-2+ or Artistic\n Combined licences are not one label, "
                      "so this paragraph must be skipped by the reader entirely.\n");
        // The same MIT text in another package counts once; an unrelated format is ignored.
        writeFile(root.filePath(QStringLiteral("beta/copyright")),
                  "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\n"
                  "License: MIT\n" +
                      kMitText);
        writeFile(root.filePath(QStringLiteral("gamma/copyright")),
                  "This package was debianized by someone.\nLicense: GPL-2\n Not DEP-5 at all, "
                  "so none of this text may appear in the sample task output.\n");
        const auto examples = readDebianLicenses(root.path().toStdString(), 1);
        QCOMPARE(examples.size(), std::size_t(2));
        QCOMPARE(examples[0].labels.front(), std::string("MIT"));
        QCOMPARE(examples[0].id, std::string("alpha"));
        QCOMPARE(examples[0].line, std::int64_t(6));
        QVERIFY(examples[0].text.rfind("Permission is hereby granted", 0) == 0);
        QCOMPARE(examples[1].labels.front(), std::string("GPL-2+"));
        QVERIFY(examples[1].text.find("Public License.\nOn Debian systems") != std::string::npos);
        QCOMPARE(readDebianLicenses(root.path().toStdString(), 2).size(), std::size_t(0));
    }

    void unifiesLicenceNames()
    {
        QCOMPARE(canonicalLicenseName("Expat"), std::string("MIT"));
        QCOMPARE(canonicalLicenseName(" bsd-3-clause "), std::string("BSD-3-Clause"));
        QCOMPARE(canonicalLicenseName("GPL-3+"), std::string("GPL-3+"));
    }

    void groupsLicencesIntoFamilies()
    {
        QCOMPARE(licenseFamily("GPL-2+"), std::string("GPL"));
        QCOMPARE(licenseFamily("GPL-3"), std::string("GPL"));
        QCOMPARE(licenseFamily("LGPL-2.1+"), std::string("LGPL"));
        QCOMPARE(licenseFamily("BSD-3-Clause"), std::string("BSD"));
        QCOMPARE(licenseFamily("Apache-2.0"), std::string("Apache"));
        QCOMPARE(licenseFamily("CC0-1.0"), std::string("CC0"));
        QCOMPARE(licenseFamily("CC-BY-SA-3.0"), std::string("CC-BY-SA"));
        QCOMPARE(licenseFamily("MIT"), std::string("MIT"));
        QCOMPARE(licenseFamily("public-domain"), std::string("public-domain"));
        QCOMPARE(licenseFamily("-2"), std::string("-2")); // no name before the version
        QCOMPARE(licenseFamily(""), std::string());

        // Families are counted together: two GPL versions with one text each make a family of
        // two, a lone MIT text does not.
        QTemporaryDir root;
        const QByteArray header =
            "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\n";
        const auto gpl = [](const char* version) {
            return QByteArray("License: GPL-") + version +
                   "\n This program is free software; you can redistribute it under the terms "
                   "of the GNU General Public License, version " +
                   version + ".\n";
        };
        writeFile(root.filePath(QStringLiteral("a/copyright")), header + gpl("2"));
        writeFile(root.filePath(QStringLiteral("b/copyright")), header + gpl("3+"));
        writeFile(root.filePath(QStringLiteral("c/copyright")),
                  header + "License: Expat\n" + kMitText);
        const auto families = readDebianLicenseFamilies(root.path().toStdString(), 2);
        QCOMPARE(families.size(), std::size_t(2));
        QCOMPARE(families[0].labels.front(), std::string("GPL-2")); // still the licence
        QCOMPARE(families[1].labels.front(), std::string("GPL-3+"));
        QCOMPARE(readDebianLicenses(root.path().toStdString(), 2).size(), std::size_t(0));
        QCOMPARE(readDebianLicenseFamilies(root.path().toStdString(), 1).size(), std::size_t(3));
    }

    void thisMachineProvidesARealTask()
    {
        if (!QFileInfo::exists(QStringLiteral("/usr/share/doc")))
            QSKIP("no /usr/share/doc on this machine");
        const auto examples = readDebianLicenses("/usr/share/doc", 15);
        std::map<std::string, std::size_t> counts;
        std::set<std::string> texts;
        for (const auto& example : examples) {
            ++counts[example.labels.front()];
            QVERIFY2(texts.insert(example.text).second, "a licence text appears twice");
            QVERIFY(example.text.size() >= 80);
        }
        // A Debian 12 machine with DomainTune's dependencies installed has hundreds of
        // machine-readable copyright files; the task needs several well-filled classes.
        QVERIFY2(counts.size() >= 4, qPrintable(QString::number(counts.size())));
        for (const auto& [label, count] : counts)
            QVERIFY(count >= 15);
        QVERIFY(examples.size() >= 150);
    }
};

QTEST_APPLESS_MAIN(TestDebianLicenses)
#include "testdebianlicenses.moc"
