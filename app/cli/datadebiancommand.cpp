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
    commandLine.allowOnly({"output", "doc-root", "min-per-label", "by"});
    const std::string output = commandLine.required("output");
    const std::string by = commandLine.value("by", "licence");
    if (by != "licence" && by != "family")
        throw Error("--by takes licence or family, not \"" + by + "\".");
    const bool byFamily = by == "family";
    const std::string docRoot = commandLine.value("doc-root", "/usr/share/doc");
    const auto minPerLabel = static_cast<std::size_t>(commandLine.integer("min-per-label", 15));
    const auto examples = byFamily ? readDebianLicenseFamilies(docRoot, minPerLabel)
                                   : readDebianLicenses(docRoot, minPerLabel);
    if (examples.empty())
        throw Error("No machine-readable copyright files with enough licence texts were found; "
                    "give --doc-root or a smaller --min-per-label.");
    std::map<std::string, std::size_t> counts;
    {
        std::ofstream out(output + ".partial");
        for (const auto& example : examples) {
            const std::string& licence = example.labels.front();
            const std::string label = byFamily ? licenseFamily(licence) : licence;
            nlohmann::json record{{"text", example.text}, {"label", label}};
            if (byFamily)
                record["licence"] = licence;
            record["package"] = example.id;
            out << record.dump() << '\n';
            ++counts[label];
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
