#pragma once

#include "core/model/rawtensor.h"

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace domaintune {

struct PickleValue;
/** Values on the unpickler's stack and memo are shared, as Python objects are. */
using PickleRef = std::shared_ptr<PickleValue>;

/** The kinds of value the restricted unpickler can build. Nothing else can exist. */
enum class PickleKind
{
    None,
    Bool,
    Int,
    Float,
    String,
    Bytes,
    Tuple,
    List,
    Dict,
    Global,  ///< An allow-listed callable or class, named "module.name" in `text`.
    Storage, ///< A torch storage named by a persistent id (data not yet attached).
    Tensor   ///< A torch tensor: a storage reference plus offset, sizes and strides.
};

/** A torch storage as a persistent id names it: the key of its bytes and their dtype. */
struct StorageRef
{
    std::string key;
    DType dtype = DType::F32;
    std::int64_t numel = 0;      ///< Elements the pickle declares.
    std::int64_t viewOffset = 0; ///< Elements into the root storage (legacy views only).
};

/** A torch tensor as _rebuild_tensor_v2 describes it. Offsets and strides count elements. */
struct TensorRef
{
    StorageRef storage;
    std::int64_t offset = 0;
    std::vector<std::int64_t> shape;
    std::vector<std::int64_t> strides;
};

/**
 * One value built by the restricted unpickler: a tagged union of the kinds above.
 *
 * Destruction is iterative, so a deeply nested value from a hostile file cannot overflow the
 * stack. Not thread-safe while being built; immutable afterwards.
 */
struct PickleValue
{
    PickleKind kind = PickleKind::None;
    bool boolean = false;
    std::int64_t integer = 0;
    double real = 0.0;
    std::string text;                                      ///< String, Bytes, Global.
    std::vector<PickleRef> items;                          ///< Tuple, List.
    std::vector<std::pair<PickleRef, PickleRef>> entries;  ///< Dict, in insertion order.
    std::unordered_map<std::string, std::size_t> keyIndex; ///< Dict: string key -> entry.
    StorageRef storage;                                    ///< Storage.
    TensorRef tensor;                                      ///< Tensor.

    PickleValue() = default;
    explicit PickleValue(PickleKind k) : kind(k) {}
    ~PickleValue();
    PickleValue(const PickleValue&) = delete;
    PickleValue& operator=(const PickleValue&) = delete;

    /** Sets @p key to @p value as Python's dict does (a repeated string key replaces). */
    void setItem(PickleRef key, PickleRef value);
    /** Returns the value of string key @p key in a Dict, or nullptr. */
    PickleRef item(const std::string& key) const;
    /** Describes the value for error messages ("a list of 3 items", "the string 'x'"). */
    std::string describe() const;
};

/** Creates a value of @p kind. */
PickleRef makePickle(PickleKind kind);
/** Creates an Int value. */
PickleRef makePickleInt(std::int64_t value);
/** Creates a String value (or a Bytes value when @p bytes). */
PickleRef makePickleString(std::string text, bool bytes = false);

} // namespace domaintune
