// `domaintune-cli data debian-licenses`: the built-in legal sample task, from this machine's
// own Debian copyright files.
#include "commands.h"
#include "core/common/error.h"
#include "core/data/debianlicenses.h"

#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

namespace domaintune::cli {

int dataDebianLicenses(CommandLine& commandLine)
{
    commandLine.allowOnly({"output", "doc-root", "min-per-label"});
    const std::string output = commandLine.required("output");
    const auto examples =
        readDebianLicenses(commandLine.value("doc-root", "/usr/share/doc"),
                           static_cast<std::size_t>(commandLine.integer("min-per-label", 15)));
    if (examples.empty())
        throw Error("No machine-readable copyright files with enough licence texts were found; "
                    "give --doc-root or a smaller --min-per-label.");
    std::map<std::string, std::size_t> counts;
    {
        std::ofstream out(output + ".partial");
        for (const auto& example : examples) {
            out << nlohmann::json{{"text", example.text},
                                  {"label", example.labels.front()},
                                  {"package", example.id}}
                       .dump()
                << '\n';
            ++counts[example.labels.front()];
        }
        if (!out.flush())
            throw Error(output, 0, "cannot write the sample task", "Check the free disk space.");
    }
    if (std::rename((output + ".partial").c_str(), output.c_str()) != 0)
        throw Error(output, 0, "cannot replace the file");
    std::cout
        << nlohmann::json{{"output", output}, {"rows", examples.size()}, {"labels", counts}}.dump(2)
        << '\n';
    return 0;
}

} // namespace domaintune::cli
