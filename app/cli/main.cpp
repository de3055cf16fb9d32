// domaintune-cli: the headless entry point. JSON on stdout for machines, human text on stderr,
// exit code 0 only on success and a one-line reason on failure.
#include "commands.h"
#include "core/common/error.h"
#include "core/common/systeminfo.h"
#include "domaintune/version.h"

#include <cstring>
#include <exception>
#include <iostream>

namespace {

using domaintune::cli::Command;
using domaintune::cli::commands;

void printHelp(std::ostream& out)
{
    out << "usage: domaintune-cli COMMAND [OPTIONS]\n"
           "\n"
           "Adapts pretrained language models to a domain, headless. Results are JSON on\n"
           "stdout; progress and messages go to stderr.\n"
           "\n"
           "commands:\n";
    for (const Command& command : commands())
        out << "  " << command.name << std::string(12 - std::strlen(command.name), ' ')
            << command.summary << '\n';
    out << "\n"
           "options:\n"
           "  --help      show this help, or a command's help after its name\n"
           "  --version   print the version and exit\n";
}

// Library exceptions (c10::Error among them) can carry a multi-line backtrace; users get line one.
std::string firstLine(const char* text)
{
    const std::string all(text);
    return all.substr(0, all.find('\n'));
}

const Command* findCommand(const std::string& name)
{
    for (const Command& command : commands())
        if (name == command.name)
            return &command;
    return nullptr;
}

} // namespace

int main(int argc, char** argv)
{
    domaintune::tuneProcessForTensors();
    std::vector<std::string> arguments(argv + 1, argv + argc);
    if (arguments.empty() || arguments[0] == "--help" || arguments[0] == "-h" ||
        arguments[0] == "help") {
        printHelp(arguments.empty() ? std::cerr : std::cout);
        return arguments.empty() ? 2 : 0;
    }
    if (arguments[0] == "--version") {
        std::cout << "domaintune-cli " << DOMAINTUNE_VERSION << '\n';
        return 0;
    }
    const Command* command = findCommand(arguments[0]);
    if (!command) {
        std::cerr << "domaintune-cli: unknown command '" << arguments[0]
                  << "'; run domaintune-cli --help for the list.\n";
        return 2;
    }
    arguments.erase(arguments.begin());
    for (const auto& argument : arguments)
        if (argument == "--help" || argument == "-h") {
            std::cout << command->usage;
            return 0;
        }
    try {
        domaintune::cli::CommandLine commandLine(arguments);
        return command->run(commandLine);
    } catch (const domaintune::Error& e) {
        std::cerr << "domaintune-cli " << command->name << ": " << e.what() << '\n';
    } catch (const std::exception& e) {
        std::cerr << "domaintune-cli " << command->name
                  << ": internal error: " << firstLine(e.what()) << '\n';
    }
    return 1;
}
