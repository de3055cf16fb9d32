#include "core/model/checkpoint.h"

#include "core/common/error.h"

namespace domaintune {
namespace {

constexpr std::uint64_t kMaxElements = std::uint64_t(1) << 56;

const char* const kCorruptHint = "The file is truncated or corrupt; download it again.";

} // namespace

std::string shapeText(const std::vector<std::int64_t>& shape)
{
    std::string text = "[";
    for (std::size_t i = 0; i < shape.size(); ++i)
        text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + "]";
}

std::uint64_t checkedNumel(const std::vector<std::int64_t>& shape, const std::string& file,
                           const std::string& tensor)
{
    std::uint64_t numel = 1;
    for (const auto dim : shape) {
        if (dim < 0 || static_cast<std::uint64_t>(dim) > kMaxElements)
            throw Error(file, 0,
                        "tensor '" + tensor + "' has an impossible shape " + shapeText(shape),
                        kCorruptHint);
        if (dim != 0 && numel > kMaxElements / static_cast<std::uint64_t>(dim))
            throw Error(file, 0,
                        "tensor '" + tensor + "' has an absurd shape " + shapeText(shape) +
                            " (more than 2^56 elements)",
                        kCorruptHint);
        numel *= static_cast<std::uint64_t>(dim);
    }
    return numel;
}

std::uint64_t checkedExtent(const std::vector<std::int64_t>& shape,
                            const std::vector<std::int64_t>& strides, std::int64_t offset,
                            const std::string& file, const std::string& tensor)
{
    if (strides.size() != shape.size())
        throw Error(file, 0,
                    "tensor '" + tensor + "' has " + std::to_string(shape.size()) + " sizes but " +
                        std::to_string(strides.size()) + " strides",
                    kCorruptHint);
    if (offset < 0 || static_cast<std::uint64_t>(offset) > kMaxElements)
        throw Error(file, 0,
                    "tensor '" + tensor + "' has an impossible storage offset " +
                        std::to_string(offset),
                    kCorruptHint);
    if (checkedNumel(shape, file, tensor) == 0)
        return static_cast<std::uint64_t>(offset);
    std::uint64_t last = 0;
    for (std::size_t i = 0; i < shape.size(); ++i) {
        const auto stride = strides[i];
        if (stride < 0 || static_cast<std::uint64_t>(stride) > kMaxElements)
            throw Error(file, 0,
                        "tensor '" + tensor + "' has an impossible stride " +
                            std::to_string(stride) + " in " + shapeText(strides),
                        kCorruptHint);
        // Divide before multiplying so that a fuzzed stride cannot overflow 64 bits.
        const auto span = static_cast<std::uint64_t>(shape[i] - 1);
        if (stride != 0 && span > kMaxElements / static_cast<std::uint64_t>(stride))
            throw Error(file, 0,
                        "tensor '" + tensor + "' reaches beyond 2^56 elements with sizes " +
                            shapeText(shape) + " and strides " + shapeText(strides),
                        kCorruptHint);
        last += span * static_cast<std::uint64_t>(stride);
        if (last > kMaxElements)
            throw Error(file, 0, "tensor '" + tensor + "' reaches beyond 2^56 elements",
                        kCorruptHint);
    }
    return static_cast<std::uint64_t>(offset) + last + 1;
}

} // namespace domaintune
