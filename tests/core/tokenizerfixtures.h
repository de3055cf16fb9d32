#pragma once

// Tiny tokenizer folders written into a temporary directory, for tests that must not depend on
// ../shared.

#include "core/text/bytelevel.h"

#include <QtTest>

#include <string>
#include <vector>

namespace domaintune::test {

inline void writeFile(const QString& path, const QByteArray& data)
{
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    file.write(data);
}

/** A BERT-style vocabulary: specials, then @p tokens. */
inline QByteArray wordPieceVocab(const QStringList& tokens)
{
    QStringList all = {QStringLiteral("[PAD]"), QStringLiteral("[UNK]"), QStringLiteral("[CLS]"),
                       QStringLiteral("[SEP]"), QStringLiteral("[MASK]")};
    all << tokens;
    return all.join(QLatin1Char('\n')).toUtf8() + '\n';
}

inline const QStringList kWordPieceTokens = {
    QStringLiteral("un"),    QStringLiteral("##aff"), QStringLiteral("##able"),
    QStringLiteral("hello"), QStringLiteral("world"), QStringLiteral(","),
    QStringLiteral("!"),     QStringLiteral("中"),    QStringLiteral("文"),
    QStringLiteral("cafe"),  QStringLiteral("a"),     QStringLiteral("##a"),
    QStringLiteral("the"),   QStringLiteral("cat"),   QStringLiteral("sat"),
    QStringLiteral("on"),    QStringLiteral("mat"),   QStringLiteral("."),
    QStringLiteral("Hello")};

/** vocab.json + merges.txt of a byte-level BPE with all 256 byte characters and @p merges. */
inline void writeByteLevelBpe(const QString& folder, const QStringList& merges,
                              const QStringList& extraTokens = {})
{
    QJsonObject vocab;
    int id = 0;
    for (int b = 0; b < 256; ++b)
        vocab.insert(QString::fromStdString(bytelevel::charOf(static_cast<unsigned char>(b))),
                     id++);
    for (const QString& merge : merges) {
        const QString joined = QString(merge).remove(QLatin1Char(' '));
        if (!vocab.contains(joined))
            vocab.insert(joined, id++);
    }
    for (const QString& token : extraTokens)
        vocab.insert(token, id++);
    writeFile(folder + QStringLiteral("/vocab.json"), QJsonDocument(vocab).toJson());
    writeFile(folder + QStringLiteral("/merges.txt"),
              "#version: 0.2\n" + merges.join(QLatin1Char('\n')).toUtf8() + '\n');
}

} // namespace domaintune::test
