#pragma once

#include "commandline.h"

#include <string>
#include <vector>

namespace domaintune::cli {

/** One `domaintune-cli COMMAND`: prints JSON on stdout, human text on stderr. */
struct Command
{
    const char* name;
    const char* summary; ///< One line for `--help`.
    const char* usage;   ///< Full usage text for `COMMAND --help`.
    int (*run)(CommandLine& commandLine);
};

/** Returns every command, in the order `--help` lists them. */
const std::vector<Command>& commands();

int runData(CommandLine& commandLine);
int dataDebianLicenses(CommandLine& commandLine);
int dataGeneralCorpus(CommandLine& commandLine);
int runEval(CommandLine& commandLine);
int runExport(CommandLine& commandLine);
int runForward(CommandLine& commandLine);
int runGenerate(CommandLine& commandLine);
int runRuns(CommandLine& commandLine);
int runSearch(CommandLine& commandLine);
int runModels(CommandLine& commandLine);
int runPredict(CommandLine& commandLine);
int runPretrain(CommandLine& commandLine);
int runStarter(CommandLine& commandLine);
int runSystem(CommandLine& commandLine);
int runTrain(CommandLine& commandLine);
int runTokenize(CommandLine& commandLine);

} // namespace domaintune::cli
