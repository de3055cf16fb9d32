#include "core/data/dpkgdatabase.h"

#include <filesystem>
#include <fstream>

namespace domaintune {

namespace fs = std::filesystem;

DpkgDatabase::DpkgDatabase(std::string root) : m_root(std::move(root)) {}

std::string DpkgDatabase::onDisk(const std::string& path) const
{
    return (fs::path(m_root) / fs::path(path).relative_path()).string();
}

std::map<std::string, std::string> DpkgDatabase::installedVersions() const
{
    std::map<std::string, std::string> versions;
    std::ifstream in(onDisk("/var/lib/dpkg/status"));
    std::string line, package, version;
    bool installed = false;
    const auto finish = [&] {
        if (installed && !package.empty() && !version.empty())
            versions[package] = version;
        package.clear();
        version.clear();
        installed = false;
    };
    while (std::getline(in, line)) {
        if (line.empty())
            finish();
        else if (line.rfind("Package: ", 0) == 0)
            package = line.substr(9);
        else if (line.rfind("Version: ", 0) == 0)
            version = line.substr(9);
        else if (line.rfind("Status: ", 0) == 0)
            installed = line.substr(8) == "install ok installed";
    }
    finish();
    return versions;
}

std::vector<std::string> DpkgDatabase::packageFiles(const std::string& name) const
{
    const fs::path info = onDisk("/var/lib/dpkg/info");
    std::ifstream in(info / (name + ".list"));
    if (!in) {
        std::error_code error;
        for (const auto& entry : fs::directory_iterator(info, error)) {
            const std::string file = entry.path().filename().string();
            if (file.rfind(name + ":", 0) == 0 && entry.path().extension() == ".list") {
                in.open(entry.path());
                break;
            }
        }
    }
    std::vector<std::string> files;
    std::string line;
    while (std::getline(in, line))
        if (!line.empty() && line != "/.")
            files.push_back(line);
    return files;
}

} // namespace domaintune
