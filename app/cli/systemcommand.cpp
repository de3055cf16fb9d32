#include "commands.h"
#include "core/common/systeminfo.h"

#include <iostream>

namespace domaintune::cli {

int runSystem(CommandLine& commandLine)
{
    commandLine.allowOnly({});
    const SystemInfo info = collectSystemInfo();
    if (info.blas.isSlow())
        std::cerr << "warning: " << info.blas.warning() << '\n';
    std::cout << info.toJson() << '\n';
    return 0;
}

} // namespace domaintune::cli
