#include "core/model/pytorchstatedict.h"

#include "core/common/error.h"
#include "core/model/checkpoint.h"

namespace domaintune {
namespace {

const char* const kCorruptHint = "The file is truncated or corrupt; download it again.";
const char* const kStateDictHint =
    "DomainTune loads state dicts only: in Python, torch.save(model.state_dict(), path), or "
    "save the model with save_pretrained.";

/** Returns the first value of @p dict that is not a tensor (or whose key is not a string). */
const PickleValue* firstNonTensor(const PickleValue& dict, std::string& key)
{
    for (const auto& [k, v] : dict.entries) {
        if (k->kind != PickleKind::String || v->kind != PickleKind::Tensor) {
            key = k->kind == PickleKind::String ? k->text : k->describe();
            return v.get();
        }
    }
    return nullptr;
}

const PickleValue& findStateDict(const PickleValue& root, const std::string& file,
                                 std::vector<std::string>& notes)
{
    if (root.kind != PickleKind::Dict)
        throw Error(file, 0,
                    "the checkpoint holds " + root.describe() +
                        ", not a dict of parameter names to tensors",
                    kStateDictHint);
    std::string key;
    const PickleValue* offending = firstNonTensor(root, key);
    if (!offending)
        return root;
    for (const char* wrapper : {"state_dict", "model_state_dict", "model", "module"}) {
        const PickleRef inner = root.item(wrapper);
        std::string innerKey;
        if (inner && inner->kind == PickleKind::Dict && !firstNonTensor(*inner, innerKey)) {
            notes.push_back(file + ": the tensors were read from the checkpoint's '" + wrapper +
                            "' entry; its other " + std::to_string(root.entries.size() - 1) +
                            " entries were ignored");
            return *inner;
        }
    }
    throw Error(file, 0,
                "entry '" + key + "' of the checkpoint holds " + offending->describe() +
                    ", not a tensor; the file is not a plain state dict",
                kStateDictHint);
}

RawTensor resolve(const std::string& name, const TensorRef& ref,
                  const std::map<std::string, StorageBytes>& storages, const std::string& file)
{
    const auto found = storages.find(ref.storage.key);
    if (found == storages.end())
        throw Error(file, 0,
                    "tensor '" + name + "' uses storage '" + ref.storage.key +
                        "', which the file does not contain",
                    kCorruptHint);
    const std::size_t elementSize = dtypeSize(ref.storage.dtype);
    const std::uint64_t available = found->second.bytes / elementSize;
    const std::uint64_t offset =
        static_cast<std::uint64_t>(ref.offset) + static_cast<std::uint64_t>(ref.storage.viewOffset);
    const std::uint64_t extent =
        checkedExtent(ref.shape, ref.strides, static_cast<std::int64_t>(offset), file, name);
    if (extent > available)
        throw Error(file, 0,
                    "tensor '" + name + "' " + shapeText(ref.shape) + " with strides " +
                        shapeText(ref.strides) + " at offset " + std::to_string(offset) +
                        " needs " + std::to_string(extent) + " elements of storage '" +
                        ref.storage.key + "', which has " + std::to_string(available),
                    kCorruptHint);
    RawTensor tensor;
    tensor.name = name;
    tensor.dtype = ref.storage.dtype;
    tensor.shape = ref.shape;
    tensor.strides = ref.strides;
    tensor.data = found->second.data + offset * elementSize;
    tensor.storageBytes = found->second.bytes - offset * elementSize;
    return tensor;
}

} // namespace

std::vector<RawTensor> tensorsFromPickle(const PickleValue& root,
                                         const std::map<std::string, StorageBytes>& storages,
                                         const std::shared_ptr<const void>& owner,
                                         const std::string& file, std::vector<std::string>& notes)
{
    const PickleValue& dict = findStateDict(root, file, notes);
    std::vector<RawTensor> tensors;
    tensors.reserve(dict.entries.size());
    for (const auto& [key, value] : dict.entries) {
        tensors.push_back(resolve(key->text, value->tensor, storages, file));
        tensors.back().owner = owner;
    }
    return tensors;
}

} // namespace domaintune
