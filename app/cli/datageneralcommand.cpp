// `domaintune-cli data general-corpus`: general English and Chinese prose from Debian packages
// (the starter model's pretraining corpus).
#include "commands.h"
#include "core/common/error.h"
#include "core/data/generalcorpus.h"

#include <iostream>

namespace domaintune::cli {

int dataGeneralCorpus(CommandLine& commandLine)
{
    commandLine.allowOnly({"output", "max-mb", "root"});
    const std::string output = commandLine.required("output");
    GeneralCorpusOptions options;
    options.root = commandLine.value("root", "/");
    const long long maxMb = commandLine.integer("max-mb", 12);
    if (maxMb < 1)
        throw Error("Give --max-mb 1 or more (megabytes of text to keep).");
    options.maxBytes = static_cast<std::uint64_t>(maxMb) << 20;
    options.progress = [](const std::string& message) { std::cerr << message << '\n'; };
    const GeneralCorpus corpus = readGeneralCorpus(options);
    const std::string sha256 = writeGeneralCorpus(corpus, output);
    auto json = generalCorpusJson(corpus);
    json["output"] = output;
    json["sha256"] = sha256;
    std::cout << json.dump(2) << '\n';
    return 0;
}

} // namespace domaintune::cli
