#pragma once

#include "core/model/picklevalue.h"

#include <string>

namespace domaintune {

/**
 * The allow-list that keeps the restricted unpickler safe: the few Python globals a torch state
 * dict refers to, and what calling them means. Nothing here runs Python; each allowed global is
 * re-implemented as building a PickleValue. All functions are thread-safe.
 *
 * Allowed: collections.OrderedDict; torch._utils._rebuild_tensor, _rebuild_tensor_v2,
 * _rebuild_parameter, _rebuild_parameter_with_state; torch._tensor._rebuild_from_type_v2;
 * torch.Tensor, torch.nn.parameter.Parameter (as rebuild types); torch.device; and the typed
 * storages torch.FloatStorage, DoubleStorage, HalfStorage, BFloat16Storage, LongStorage,
 * IntStorage, ShortStorage, CharStorage, ByteStorage, BoolStorage.
 */

/**
 * Throws domaintune::Error naming @p module.@p name and saying that only tensor state dicts are
 * loaded, unless the global is on the allow-list.
 */
void requireAllowedGlobal(const std::string& module, const std::string& name,
                          const std::string& file);

/** Implements REDUCE: calls allow-listed @p callable with the tuple @p args. */
PickleRef callTorchGlobal(const PickleValue& callable, const PickleValue& args,
                          const std::string& file);

/** Implements NEWOBJ: only collections.OrderedDict may be instantiated. */
PickleRef newTorchObject(const PickleValue& type, const PickleValue& args, const std::string& file);

/** Implements BUILD: state on dicts (OrderedDict._metadata) and tensors is accepted and dropped. */
void applyTorchState(const PickleValue& object, const PickleValue& state, const std::string& file);

/**
 * Implements BINPERSID: turns a persistent id ('storage', StorageClass, key, location, numel
 * [, view]) into a Storage value. Throws for anything else.
 */
PickleRef makeTorchStorage(const PickleValue& persistentId, const std::string& file);

} // namespace domaintune
