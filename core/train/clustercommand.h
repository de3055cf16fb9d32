#pragma once

// The shell commands that start a run spec on several machines (the GUI's "Copy command for
// a cluster"). No LibTorch.

#include "core/train/trainspec.h"

#include <string>

namespace domaintune {

/**
 * Shell text that trains @p spec data-parallel on several machines with torchrun: the spec
 * written to domaintune-run.json, then `torchrun … --no_python domaintune-cli train --config
 * domaintune-run.json` with spec.processes per machine, reading NNODES, NODE_RANK and MASTER
 * from the shell; and the same with domaintune-cli's own launcher for machines without
 * torchrun. Comments say what to set.
 */
std::string clusterCommand(const TrainSpec& spec);

} // namespace domaintune
