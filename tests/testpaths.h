#pragma once

// Where the tests find the source tree and the programs they start. Compiled into one small
// library (testpaths.cpp) instead of every test: a path in a test's compile command would make
// each clone in another folder (CI's) recompile every test, where ccache could reuse them.

#include <QString>

#include <string>

namespace domaintune::test {

/** Returns the source tree's path followed by @p relative ("/tests/reference/..."). */
std::string sourceFile(const char* relative = "");

/** sourceFile() as a QString. */
QString sourcePath(const char* relative = "");

/** Returns the path of this build's domaintune-cli. */
QString cliPath();

/** Returns the path of this build's GUI program, or "" in a build without the GUI. */
QString guiPath();

} // namespace domaintune::test
