#include "testpaths.h"

namespace domaintune::test {

std::string sourceFile(const char* relative)
{
    return std::string(DOMAINTUNE_SOURCE_DIR) + relative;
}

QString sourcePath(const char* relative)
{
    return QString::fromStdString(sourceFile(relative));
}

QString cliPath()
{
    return QStringLiteral(DOMAINTUNE_CLI);
}

QString guiPath()
{
    return QStringLiteral(DOMAINTUNE_GUI);
}

} // namespace domaintune::test
