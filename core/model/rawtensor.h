#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace domaintune {

/** Element types that checkpoint files carry (safetensors names them; torch storages imply them).
 */
enum class DType
{
    F64,
    F32,
    F16,
    BF16,
    I64,
    I32,
    I16,
    I8,
    U8,
    Bool
};

/** Returns the size of one element of @p dtype in bytes. */
std::size_t dtypeSize(DType dtype);
/** Returns the safetensors name of @p dtype ("F32", "BF16", ...). */
const char* dtypeName(DType dtype);

/**
 * A tensor read from a checkpoint file, before LibTorch sees it: typed bytes plus geometry.
 *
 * `data` points into memory that `owner` keeps alive (a memory-mapped file, or a buffer read
 * from a zip entry); copying a RawTensor shares that memory. `data` need not be aligned.
 * Strides and the offset count elements, as in torch; a contiguous tensor has row-major
 * strides. Value type; safe to move across threads (the memory is immutable).
 */
struct RawTensor
{
    std::string name;
    DType dtype = DType::F32;
    std::vector<std::int64_t> shape;
    std::vector<std::int64_t> strides; ///< Elements; same length as shape.
    const std::byte* data = nullptr;   ///< First element (storage offset already applied).
    std::size_t storageBytes = 0;      ///< Bytes readable from `data` onwards.
    std::shared_ptr<const void> owner; ///< Keeps `data` valid.
    /**
     * True when `data` lies in a read-only file mapping: a consumer that has copied the bytes
     * may drop those pages from the process (releaseMappedPages) without changing them.
     */
    bool fileMapped = false;

    /** Returns the number of elements (1 for a scalar). */
    std::int64_t numel() const;
    /** Returns true when the strides are row-major for the shape. */
    bool isContiguous() const;
};

/**
 * Drops the whole pages inside [@p data, @p data + @p bytes) from this process's resident set
 * when the range lies in a read-only file mapping (RawTensor::fileMapped): a later read faults
 * them back in from the page cache, unchanged. Lets a loader copy a 440 MB checkpoint into
 * parameters without holding a second copy resident. Never call it on heap memory.
 */
void releaseMappedPages(const std::byte* data, std::size_t bytes);

/** Returns row-major strides (in elements) for @p shape. */
std::vector<std::int64_t> contiguousStrides(const std::vector<std::int64_t>& shape);

} // namespace domaintune
