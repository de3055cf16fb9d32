#pragma once

#include "core/model/rawtensor.h"

#include <map>
#include <string>
#include <vector>

namespace domaintune {

/**
 * Everything read from a checkpoint (one file or a sharded set), before LibTorch sees it.
 *
 * Value type; the tensors share their memory through RawTensor::owner, so a Checkpoint may be
 * moved to another thread and read from several threads at once.
 */
struct Checkpoint
{
    std::vector<RawTensor> tensors;              ///< In file order (shard by shard).
    std::map<std::string, std::string> metadata; ///< safetensors "__metadata__"; else empty.
    std::vector<std::string> notes; ///< Things the user may want to know (e.g. unwrapping).
    std::vector<std::string> files; ///< The files that were read, in order.
    std::string format;             ///< "safetensors", "pytorch-zip", "pytorch-legacy", ...
};

/**
 * Returns the number of elements for @p shape. Throws domaintune::Error naming @p file and
 * @p tensor when a dimension is negative or the product exceeds 2^56 elements (no real tensor
 * is that big; the limit keeps byte counts far from overflow). Thread-safe.
 */
std::uint64_t checkedNumel(const std::vector<std::int64_t>& shape, const std::string& file,
                           const std::string& tensor);

/**
 * Returns how many elements of storage a strided tensor reaches (offset + last index + 1; just
 * the offset when it has no elements). Throws domaintune::Error when a stride or the offset is
 * negative or the extent overflows. Thread-safe.
 */
std::uint64_t checkedExtent(const std::vector<std::int64_t>& shape,
                            const std::vector<std::int64_t>& strides, std::int64_t offset,
                            const std::string& file, const std::string& tensor);

/** Returns "[a, b, c]" for @p shape (for messages). Thread-safe. */
std::string shapeText(const std::vector<std::int64_t>& shape);

} // namespace domaintune
