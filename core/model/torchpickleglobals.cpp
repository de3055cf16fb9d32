#include "core/model/torchpickleglobals.h"

#include "core/common/error.h"
#include "core/model/checkpoint.h"

#include <map>
#include <set>

namespace domaintune {
namespace {

const char* const kCorruptHint = "The file is truncated or corrupt; download it again.";

const std::map<std::string, DType>& storageTypes()
{
    static const std::map<std::string, DType> types = {
        {"torch.FloatStorage", DType::F32}, {"torch.DoubleStorage", DType::F64},
        {"torch.HalfStorage", DType::F16},  {"torch.BFloat16Storage", DType::BF16},
        {"torch.LongStorage", DType::I64},  {"torch.IntStorage", DType::I32},
        {"torch.ShortStorage", DType::I16}, {"torch.CharStorage", DType::I8},
        {"torch.ByteStorage", DType::U8},   {"torch.BoolStorage", DType::Bool}};
    return types;
}

const std::set<std::string>& callables()
{
    static const std::set<std::string> names = {"collections.OrderedDict",
                                                "torch._utils._rebuild_tensor",
                                                "torch._utils._rebuild_tensor_v2",
                                                "torch._utils._rebuild_parameter",
                                                "torch._utils._rebuild_parameter_with_state",
                                                "torch._tensor._rebuild_from_type_v2",
                                                "torch.Tensor",
                                                "torch.nn.parameter.Parameter",
                                                "torch.device"};
    return names;
}

[[noreturn]] void badArguments(const std::string& file, const std::string& function,
                               const PickleValue& args)
{
    throw Error(file, 0, function + " was called with " + args.describe() + " it cannot take",
                kCorruptHint);
}

std::vector<std::int64_t> integers(const PickleValue& tuple, const std::string& file,
                                   const std::string& function)
{
    if (tuple.kind != PickleKind::Tuple && tuple.kind != PickleKind::List)
        badArguments(file, function, tuple);
    std::vector<std::int64_t> values;
    for (const auto& item : tuple.items) {
        if (item->kind != PickleKind::Int)
            badArguments(file, function, tuple);
        values.push_back(item->integer);
    }
    return values;
}

PickleRef rebuildTensor(const PickleValue& args, const std::string& file,
                        const std::string& function)
{
    const auto& a = args.items;
    if (a.size() < 4 || a[0]->kind != PickleKind::Storage || a[1]->kind != PickleKind::Int)
        badArguments(file, function, args);
    auto tensor = makePickle(PickleKind::Tensor);
    tensor->tensor.storage = a[0]->storage;
    tensor->tensor.offset = a[1]->integer;
    tensor->tensor.shape = integers(*a[2], file, function);
    tensor->tensor.strides = integers(*a[3], file, function);
    if (tensor->tensor.shape.size() != tensor->tensor.strides.size())
        badArguments(file, function, args);
    return tensor;
}

PickleRef rebuildParameter(const PickleValue& args, const std::string& file,
                           const std::string& function)
{
    if (args.items.empty() || args.items[0]->kind != PickleKind::Tensor)
        badArguments(file, function, args);
    return args.items[0];
}

PickleRef orderedDict(const PickleValue& args, const std::string& file)
{
    auto dict = makePickle(PickleKind::Dict);
    if (args.items.empty())
        return dict;
    if (args.items.size() != 1 || args.items[0]->kind != PickleKind::List)
        badArguments(file, "collections.OrderedDict", args);
    for (const auto& pair : args.items[0]->items) {
        if (pair->kind != PickleKind::Tuple || pair->items.size() != 2)
            badArguments(file, "collections.OrderedDict", args);
        dict->setItem(pair->items[0], pair->items[1]);
    }
    return dict;
}

PickleRef callByName(const std::string& name, const PickleValue& args, const std::string& file);

PickleRef rebuildFromType(const PickleValue& args, const std::string& file)
{
    // (function, type, arguments, state): rebuild with function(arguments); the type may only
    // be a plain tensor or a parameter, so the result is always a tensor.
    const auto& a = args.items;
    const std::string name = "torch._tensor._rebuild_from_type_v2";
    if (a.size() < 3 || a[0]->kind != PickleKind::Global || a[1]->kind != PickleKind::Global ||
        a[2]->kind != PickleKind::Tuple ||
        (a[1]->text != "torch.Tensor" && a[1]->text != "torch.nn.parameter.Parameter") ||
        a[0]->text == name)
        badArguments(file, name, args);
    PickleRef result = callByName(a[0]->text, *a[2], file);
    if (result->kind != PickleKind::Tensor)
        badArguments(file, name, args);
    return result;
}

PickleRef callByName(const std::string& name, const PickleValue& args, const std::string& file)
{
    if (args.kind != PickleKind::Tuple)
        badArguments(file, name, args);
    if (name == "collections.OrderedDict")
        return orderedDict(args, file);
    if (name == "torch._utils._rebuild_tensor" || name == "torch._utils._rebuild_tensor_v2")
        return rebuildTensor(args, file, name);
    if (name == "torch._utils._rebuild_parameter" ||
        name == "torch._utils._rebuild_parameter_with_state")
        return rebuildParameter(args, file, name);
    if (name == "torch._tensor._rebuild_from_type_v2")
        return rebuildFromType(args, file);
    if (name == "torch.device" && !args.items.empty() && args.items[0]->kind == PickleKind::String)
        return makePickleString(args.items[0]->text);
    throw Error(file, 0, "the pickle calls " + name + ", which cannot be called here",
                "Only tensor state dicts are loaded; save model.state_dict() instead.");
}

} // namespace

void requireAllowedGlobal(const std::string& module, const std::string& name,
                          const std::string& file)
{
    const std::string full = module + "." + name;
    if (callables().count(full) || storageTypes().count(full))
        return;
    throw Error(file, 0,
                "the pickle refers to the Python global '" + full +
                    "', which DomainTune refuses to load: only tensor state dicts (tensors, "
                    "dicts, OrderedDicts) are loaded, never arbitrary objects or code",
                "If this is a whole pickled model, load it in Python and save "
                "model.state_dict() with torch.save, or save it as safetensors.");
}

PickleRef callTorchGlobal(const PickleValue& callable, const PickleValue& args,
                          const std::string& file)
{
    if (callable.kind != PickleKind::Global)
        throw Error(file, 0, "the pickle calls " + callable.describe() + ", which is not callable",
                    kCorruptHint);
    return callByName(callable.text, args, file);
}

PickleRef newTorchObject(const PickleValue& type, const PickleValue& args, const std::string& file)
{
    if (type.kind == PickleKind::Global && type.text == "collections.OrderedDict")
        return makePickle(PickleKind::Dict);
    (void)args;
    throw Error(file, 0, "the pickle creates an object of " + type.describe(),
                "Only tensor state dicts are loaded; save model.state_dict() instead.");
}

void applyTorchState(const PickleValue& object, const PickleValue& state, const std::string& file)
{
    if (object.kind == PickleKind::Dict || object.kind == PickleKind::Tensor)
        return;
    throw Error(file, 0, "the pickle sets state (" + state.describe() + ") on " + object.describe(),
                "Only tensor state dicts are loaded; save model.state_dict() instead.");
}

PickleRef makeTorchStorage(const PickleValue& id, const std::string& file)
{
    const auto& a = id.items;
    if (id.kind != PickleKind::Tuple || a.size() < 5 || a[0]->kind != PickleKind::String ||
        a[0]->text != "storage" || a[1]->kind != PickleKind::Global ||
        a[2]->kind != PickleKind::String || a[4]->kind != PickleKind::Int || a[4]->integer < 0)
        throw Error(file, 0, "unexpected persistent id (" + id.describe() + ")", kCorruptHint);
    const auto type = storageTypes().find(a[1]->text);
    if (type == storageTypes().end())
        throw Error(file, 0, "persistent id names " + a[1]->text + ", not a storage type",
                    kCorruptHint);
    auto storage = makePickle(PickleKind::Storage);
    storage->storage.key = a[2]->text;
    storage->storage.dtype = type->second;
    storage->storage.numel = a[4]->integer;
    // Legacy files may describe a view: (view_key, offset, size) into the root storage.
    if (a.size() > 5 && a[5]->kind == PickleKind::Tuple) {
        const auto& view = a[5]->items;
        if (view.size() != 3 || view[1]->kind != PickleKind::Int || view[1]->integer < 0)
            throw Error(file, 0, "unexpected storage view in a persistent id", kCorruptHint);
        storage->storage.viewOffset = view[1]->integer;
    }
    return storage;
}

} // namespace domaintune
