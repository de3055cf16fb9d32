#include "core/hub/hubsettings.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>

namespace domaintune {
namespace {

std::string environment(const char* name)
{
    const char* value = std::getenv(name);
    return value ? value : "";
}

std::string trimmed(std::string text)
{
    const auto notSpace = [](unsigned char c) { return !std::isspace(c); };
    text.erase(text.begin(), std::find_if(text.begin(), text.end(), notSpace));
    text.erase(std::find_if(text.rbegin(), text.rend(), notSpace).base(), text.end());
    return text;
}

std::string hfHome()
{
    if (const auto home = environment("HF_HOME"); !home.empty())
        return home;
    if (const auto xdg = environment("XDG_CACHE_HOME"); !xdg.empty())
        return xdg + "/huggingface";
    return environment("HOME") + "/.cache/huggingface";
}

} // namespace

bool isTruthyEnvironmentValue(const std::string& value)
{
    std::string lower = trimmed(value);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower == "1" || lower == "on" || lower == "yes" || lower == "true";
}

HubSettings hubSettingsFromEnvironment()
{
    HubSettings settings;
    settings.cacheRoot = environment("HF_HUB_CACHE");
    if (settings.cacheRoot.empty())
        settings.cacheRoot = environment("HUGGINGFACE_HUB_CACHE"); // the older name
    if (settings.cacheRoot.empty())
        settings.cacheRoot = hfHome() + "/hub";
    settings.endpoint = environment("HF_ENDPOINT");
    if (settings.endpoint.empty())
        settings.endpoint = "https://huggingface.co";
    while (!settings.endpoint.empty() && settings.endpoint.back() == '/')
        settings.endpoint.pop_back();
    settings.token = trimmed(environment("HF_TOKEN"));
    if (settings.token.empty()) {
        std::string tokenPath = environment("HF_TOKEN_PATH");
        if (tokenPath.empty())
            tokenPath = hfHome() + "/token";
        std::ifstream in(tokenPath);
        std::string line;
        if (in && std::getline(in, line))
            settings.token = trimmed(line);
    }
    settings.offline = isTruthyEnvironmentValue(environment("HF_HUB_OFFLINE")) ||
                       isTruthyEnvironmentValue(environment("TRANSFORMERS_OFFLINE"));
    return settings;
}

} // namespace domaintune
