#pragma once

// Builders for checkpoint files in tests: safetensors, stored zip archives (optionally ZIP64),
// hand-assembled pickles and legacy torch.save streams. Fixtures are generated at test time;
// nothing here is copied from real checkpoints.

#include "core/common/error.h"
#include "core/model/rawtensor.h"
#include "errortestutil.h"

#include <QByteArray>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace domaintune::test {

/** Appends @p value as @p width little-endian bytes (zeros beyond its eight). */
inline void putLittleEndian(QByteArray& out, quint64 value, int width)
{
    for (int i = 0; i < width; ++i)
        out.append(char(i < 8 ? (value >> (8 * i)) & 0xff : 0));
}

inline void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    QCOMPARE(file.write(bytes), bytes.size());
}

/** A safetensors file from a header object and a data section. */
inline QByteArray safetensorsBytes(const nlohmann::json& header, const QByteArray& data)
{
    const std::string text = header.dump();
    QByteArray out;
    putLittleEndian(out, text.size(), 8);
    out.append(text.data(), qsizetype(text.size()));
    out.append(data);
    return out;
}

/** Float32 values as little-endian bytes. */
inline QByteArray floatBytes(const std::vector<float>& values)
{
    QByteArray out(qsizetype(values.size() * 4), '\0');
    std::memcpy(out.data(), values.data(), values.size() * 4);
    return out;
}

/** One entry of a stored zip archive. */
struct ZipEntry
{
    QByteArray name;
    QByteArray data;
};

/**
 * A zip archive with STORED entries, as torch.save writes it. With @p zip64, sizes and offsets
 * go into ZIP64 extra fields and a ZIP64 end-of-directory record is added.
 */
inline QByteArray zipBytes(const std::vector<ZipEntry>& entries, bool zip64 = false)
{
    QByteArray out;
    QByteArray directory;
    for (const auto& entry : entries) {
        const quint64 offset = out.size();
        putLittleEndian(out, 0x04034b50, 4);
        putLittleEndian(out, 0, 2 + 2 + 2 + 2 + 2 + 4); // version, flags, method, time, date, crc
        putLittleEndian(out, entry.data.size(), 4);
        putLittleEndian(out, entry.data.size(), 4);
        putLittleEndian(out, entry.name.size(), 2);
        putLittleEndian(out, 3, 2); // a small extra field, as torch pads entries
        out.append(entry.name);
        out.append("\xfe\xca\x00", 3);
        out.append(entry.data);

        putLittleEndian(directory, 0x02014b50, 4);
        putLittleEndian(directory, 0, 2 + 2 + 2 + 2 + 2 + 2 + 4);
        putLittleEndian(directory, zip64 ? 0xffffffffu : entry.data.size(), 4);
        putLittleEndian(directory, zip64 ? 0xffffffffu : entry.data.size(), 4);
        putLittleEndian(directory, entry.name.size(), 2);
        putLittleEndian(directory, zip64 ? 28 : 0, 2);
        putLittleEndian(directory, 0, 2 + 2 + 2 + 4); // comment, disk, attributes
        putLittleEndian(directory, zip64 ? 0xffffffffu : offset, 4);
        directory.append(entry.name);
        if (zip64) {
            putLittleEndian(directory, 0x0001, 2);
            putLittleEndian(directory, 24, 2);
            putLittleEndian(directory, entry.data.size(), 8);
            putLittleEndian(directory, entry.data.size(), 8);
            putLittleEndian(directory, offset, 8);
        }
    }
    const quint64 directoryOffset = out.size();
    out.append(directory);
    if (zip64) {
        const quint64 recordOffset = out.size();
        putLittleEndian(out, 0x06064b50, 4);
        putLittleEndian(out, 44, 8);
        putLittleEndian(out, 0, 2 + 2 + 4 + 4);
        putLittleEndian(out, entries.size(), 8);
        putLittleEndian(out, entries.size(), 8);
        putLittleEndian(out, directory.size(), 8);
        putLittleEndian(out, directoryOffset, 8);
        putLittleEndian(out, 0x07064b50, 4);
        putLittleEndian(out, 0, 4);
        putLittleEndian(out, recordOffset, 8);
        putLittleEndian(out, 1, 4);
    }
    putLittleEndian(out, 0x06054b50, 4);
    putLittleEndian(out, 0, 2 + 2);
    putLittleEndian(out, zip64 ? 0xffff : entries.size(), 2);
    putLittleEndian(out, zip64 ? 0xffff : entries.size(), 2);
    putLittleEndian(out, zip64 ? 0xffffffffu : directory.size(), 4);
    putLittleEndian(out, zip64 ? 0xffffffffu : directoryOffset, 4);
    putLittleEndian(out, 0, 2);
    return out;
}

/** Hand-assembled pickle fragments (protocol 2 opcodes). */
namespace pickle {

inline QByteArray proto()
{
    return QByteArray("\x80\x02", 2);
}
inline QByteArray str(const QByteArray& text)
{
    QByteArray out("X");
    putLittleEndian(out, text.size(), 4);
    return out + text;
}
inline QByteArray integer(int value)
{
    QByteArray out("J");
    putLittleEndian(out, quint32(value), 4);
    return out;
}
inline QByteArray global(const QByteArray& module, const QByteArray& name)
{
    return "c" + module + "\n" + name + "\n";
}
inline QByteArray ints(const std::vector<int>& values)
{
    QByteArray out("(");
    for (int v : values)
        out += integer(v);
    return out + "t";
}
/** _rebuild_tensor_v2(storage(key, type, numel), offset, shape, strides, False, {}). */
inline QByteArray tensor(const QByteArray& key, const QByteArray& storageType, int numel,
                         int offset, const std::vector<int>& shape, const std::vector<int>& strides)
{
    return global("torch._utils", "_rebuild_tensor_v2") + "((" + str("storage") +
           global("torch", storageType) + str(key) + str("cpu") + integer(numel) + "tQ" +
           integer(offset) + ints(shape) + ints(strides) + "\x89}tR";
}
/** A dict pickle {name: value, ...} (values already encoded), ending with STOP. */
inline QByteArray dict(const std::vector<std::pair<QByteArray, QByteArray>>& items)
{
    QByteArray out = proto() + "}(";
    for (const auto& [name, value] : items)
        out += str(name) + value;
    return out + "u.";
}

} // namespace pickle

/** A torch zip checkpoint "archive/data.pkl" + "archive/data/<key>" entries. */
inline QByteArray torchZip(const QByteArray& dataPickle,
                           const std::vector<std::pair<QByteArray, QByteArray>>& storages,
                           bool zip64 = false)
{
    std::vector<ZipEntry> entries{{"archive/data.pkl", dataPickle}};
    for (const auto& [key, bytes] : storages)
        entries.push_back({"archive/data/" + key, bytes});
    entries.push_back({"archive/version", "3\n"});
    return zipBytes(entries, zip64);
}

/** A legacy torch.save stream: magic, 1001, sys_info, @p objectPickle, keys, storages. */
inline QByteArray torchLegacy(const QByteArray& objectPickle,
                              const std::vector<std::pair<QByteArray, QByteArray>>& storages,
                              const std::vector<int>& elementSizes)
{
    QByteArray out("\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19\x2e", 15);
    out += pickle::proto() + "M\xe9\x03.";
    out += pickle::proto() + "}(" + pickle::str("little_endian") + "\x88u.";
    out += objectPickle;
    QByteArray keys = pickle::proto() + "](";
    for (const auto& storage : storages)
        keys += pickle::str(storage.first);
    out += keys + "e.";
    for (std::size_t i = 0; i < storages.size(); ++i) {
        putLittleEndian(out, storages[i].second.size() / elementSizes[i], 8);
        out += storages[i].second;
    }
    return out;
}

/** Converts IEEE half-precision bits to float. */
inline float halfToFloat(std::uint16_t half)
{
    const std::uint32_t sign = std::uint32_t(half & 0x8000u) << 16;
    const int exponent = (half >> 10) & 0x1f;
    const std::uint32_t mantissa = half & 0x3ffu;
    float value = 0;
    if (exponent == 0)
        value = std::ldexp(float(mantissa), -24);
    else if (exponent == 31)
        value = mantissa ? NAN : INFINITY;
    else
        value = std::ldexp(float(mantissa | 0x400u), exponent - 25);
    return sign ? -value : value;
}

/** Returns element @p index (row-major over the shape) of @p tensor as a double. */
inline double elementAt(const domaintune::RawTensor& tensor, std::int64_t index)
{
    using domaintune::DType;
    std::int64_t offset = 0;
    for (std::size_t i = tensor.shape.size(); i-- > 0;) {
        offset += (index % tensor.shape[i]) * tensor.strides[i];
        index /= tensor.shape[i];
    }
    const std::byte* at = tensor.data + offset * std::int64_t(domaintune::dtypeSize(tensor.dtype));
    const auto load = [at](auto value) {
        std::memcpy(&value, at, sizeof value);
        return value;
    };
    switch (tensor.dtype) {
    case DType::F64:
        return load(double());
    case DType::F32:
        return load(float());
    case DType::F16:
        return halfToFloat(load(std::uint16_t()));
    case DType::BF16: {
        const std::uint32_t bits = std::uint32_t(load(std::uint16_t())) << 16;
        float value = 0;
        std::memcpy(&value, &bits, 4);
        return value;
    }
    case DType::I64:
        return double(load(std::int64_t()));
    case DType::I32:
        return load(std::int32_t());
    case DType::I16:
        return load(std::int16_t());
    case DType::I8:
        return load(std::int8_t());
    case DType::U8:
    case DType::Bool:
        return load(std::uint8_t());
    }
    return 0;
}

} // namespace domaintune::test

#define DOMAINTUNE_VERIFY_ERROR(call, ...)                                                         \
    do {                                                                                           \
        const QString message_ = domaintune::test::errorOf([&] { call; });                         \
        QVERIFY2(!message_.isEmpty(), "expected a domaintune::Error");                             \
        for (const char* part_ : {__VA_ARGS__})                                                    \
            QVERIFY2(message_.contains(QLatin1String(part_)),                                      \
                     qPrintable(QStringLiteral("'%1' not in: %2").arg(part_, message_)));          \
    } while (false)
