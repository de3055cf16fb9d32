#pragma once

#include <map>
#include <string>

namespace domaintune {

/**
 * The JSON side of the history: run specs (the same JSON the GUI saves with each run and
 * `--config` reads) are stored as validated, compact JSON text until the training engine
 * defines a typed RunSpec. All functions are thread-safe.
 */
namespace runspec {

/** Where a JSON value must be an object or an array. */
enum class Shape
{
    Object,
    Array
};

/**
 * Parses @p json, checks it is an object (or array, per @p shape) and returns it compactly
 * re-serialised (keys sorted). Throws domaintune::Error naming @p what when it is not.
 */
std::string validated(const std::string& json, const std::string& what,
                      Shape shape = Shape::Object);

/**
 * Flattens a JSON object into dotted keys ("optimizer.lr", "freeze.layers[2]") mapped to each
 * leaf's compact JSON text ("0.001", "\"adamw\""). Empty objects and arrays are leaves.
 */
std::map<std::string, std::string> flatten(const std::string& json);

} // namespace runspec
} // namespace domaintune
