#pragma once

#include <map>
#include <string>
#include <vector>

namespace domaintune::cli {

/**
 * The parsed command line of domaintune-cli: `COMMAND [SUBCOMMAND...] [--flag value | --switch]`.
 * Flags are declared by the command that reads them; an undeclared flag is an error.
 */
class CommandLine
{
public:
    /** Splits argv (without the program name) into positionals and flags. */
    explicit CommandLine(const std::vector<std::string>& arguments);

    const std::vector<std::string>& positionals() const { return m_positionals; }
    /** Returns true when --name was given (as a switch or with a value). */
    bool has(const std::string& name) const;
    /** Returns the value of --name, or @p fallback when absent. */
    std::string value(const std::string& name, const std::string& fallback = {}) const;
    /** Returns the value of --name; throws domaintune::Error naming the flag when absent. */
    std::string required(const std::string& name) const;
    /**
     * Returns the model folder that --model names: a folder as given, or a Hugging Face id
     * (ORG/NAME[@REVISION]) found in the Hugging Face cache; @p fallback when absent. Throws
     * domaintune::Error saying how to get a model that is neither.
     */
    std::string modelFolder(const std::string& fallback = {}) const;
    /** Returns the integer value of --name, or @p fallback; throws on a non-integer. */
    long long integer(const std::string& name, long long fallback) const;
    /** Returns the number value of --name (2e-5, 0.1...), or @p fallback; throws on another. */
    double number(const std::string& name, double fallback) const;

    /**
     * Throws domaintune::Error for the first flag not in @p known, or a switch given a value
     * with `--switch=value` where @p switches says it takes none. A word that merely follows
     * a switch (`--nfkc data.csv`) is given back to the positionals, in its place.
     */
    void allowOnly(const std::vector<std::string>& known,
                   const std::vector<std::string>& switches = {});

private:
    std::vector<std::string> m_positionals;
    std::vector<std::size_t> m_positionalIndex; ///< Argument index of each positional.
    std::map<std::string, std::string> m_flags;
    std::map<std::string, std::size_t> m_borrowed; ///< Flags whose value was the next word.
    std::vector<std::string> m_order;
};

} // namespace domaintune::cli
