#include "commands.h"

namespace domaintune::cli {

const std::vector<Command>& commands()
{
    static const std::vector<Command> all = {
        {"system", "Show the compute back-ends in use (LibTorch, BLAS, threads, GPU) as JSON",
         "usage: domaintune-cli system\n"
         "\n"
         "Prints DomainTune's and LibTorch's versions, thread counts, whether a GPU is usable\n"
         "and which BLAS serves matrix products. Warns on stderr when that BLAS is the slow\n"
         "reference implementation.\n",
         &runSystem},
    };
    return all;
}

} // namespace domaintune::cli
