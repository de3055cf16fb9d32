// config.json: parsing, the nesting bound, field validation.
#include "core/common/error.h"
#include "core/model/modelconfig.h"
#include "fuzzinput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        domaintune::readModelConfig(domaintune::fuzz::writeInput(data, size, "config.json"));
    } catch (const domaintune::Error&) {
    }
    return 0;
}
