#include "core/train/clustercommand.h"

#include <nlohmann/json.hpp>

namespace domaintune {

std::string clusterCommand(const TrainSpec& spec)
{
    nlohmann::json json = spec.toJson();
    json.erase("processes"); // the command line says it, per machine
    const std::string perMachine = std::to_string(spec.processes);
    return "# DomainTune: run \"" + (spec.name.empty() ? spec.task : spec.name) +
           "\" on several machines (data-parallel).\n"
           "# On every machine, with the model and the data at the same paths, set NNODES (the\n"
           "# number of machines), NODE_RANK (0 on the first, 1, 2 … on the others) and MASTER\n"
           "# (the first machine's address), then paste the rest. Port 29500 must be open there.\n"
           "cat > domaintune-run.json <<'SPEC'\n" +
           json.dump(2) +
           "\nSPEC\n"
           "torchrun --nnodes \"$NNODES\" --node_rank \"$NODE_RANK\" --nproc_per_node " +
           perMachine +
           " \\\n"
           "    --master_addr \"$MASTER\" --master_port 29500 --redirects 2 --tee 2 \\\n"
           "    --no_python domaintune-cli train --config domaintune-run.json\n"
           "# Without torchrun, domaintune-cli starts the processes itself:\n"
           "# domaintune-cli train --config domaintune-run.json --nproc " +
           perMachine +
           " --nnodes \"$NNODES\" \\\n"
           "#     --node-rank \"$NODE_RANK\" --master \"$MASTER:29500\"\n";
}

} // namespace domaintune
