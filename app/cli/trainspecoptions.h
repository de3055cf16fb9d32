#pragma once

#include "commandline.h"
#include "core/train/trainspec.h"

#include <string>
#include <vector>

namespace domaintune::cli {

/** The options `train` and `search` share to describe a run spec (see specFromCommandLine). */
const std::vector<std::string>& trainSpecOptions();
/** The switches (options without a value) they share. */
const std::vector<std::string>& trainSpecSwitches();

/**
 * The run spec the command line describes: --config FILE first (the JSON the GUI saves), then
 * the flags on top. Validated; throws domaintune::Error naming the file or the flag.
 */
TrainSpec specFromCommandLine(const CommandLine& line);

} // namespace domaintune::cli
