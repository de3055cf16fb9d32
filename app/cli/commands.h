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
    int (*run)(const CommandLine& commandLine);
};

/** Returns every command, in the order `--help` lists them. */
const std::vector<Command>& commands();

int runData(const CommandLine& commandLine);
int dataDebianLicenses(const CommandLine& commandLine);
int runEval(const CommandLine& commandLine);
int runExport(const CommandLine& commandLine);
int runForward(const CommandLine& commandLine);
int runRuns(const CommandLine& commandLine);
int runPredict(const CommandLine& commandLine);
int runPretrain(const CommandLine& commandLine);
int runSystem(const CommandLine& commandLine);
int runTrain(const CommandLine& commandLine);
int runTokenize(const CommandLine& commandLine);

} // namespace domaintune::cli
