#include "core/hub/httpclient.h"

#include "core/common/error.h"

#include <algorithm>
#include <cctype>
#include <curl/curl.h>
#include <exception>
#include <mutex>

namespace domaintune {
namespace {

struct Transfer
{
    CURL* curl = nullptr;
    const HttpRequest* request = nullptr;
    HttpResponse* response = nullptr;
    std::uint64_t received = 0;
    std::exception_ptr failure;
    bool cancelled = false;
    bool started = false;
};

std::size_t onHeader(char* data, std::size_t size, std::size_t count, void* user)
{
    auto& transfer = *static_cast<Transfer*>(user);
    std::string line(data, size * count);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
        line.pop_back();
    if (line.rfind("HTTP/", 0) == 0) { // a new response (after a redirect): start over
        transfer.response->headers.clear();
        return size * count;
    }
    const auto colon = line.find(':');
    if (colon == std::string::npos)
        return size * count;
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    transfer.response->headers[name] = value;
    return size * count;
}

std::size_t onBody(char* data, std::size_t size, std::size_t count, void* user)
{
    auto& transfer = *static_cast<Transfer*>(user);
    const std::size_t bytes = size * count;
    try {
        // Error bodies (4xx/5xx) are kept as text for the message, never passed to the sink.
        long status = 0;
        curl_easy_getinfo(transfer.curl, CURLINFO_RESPONSE_CODE, &status);
        if (transfer.request->body && status < 400) {
            if (!transfer.started && transfer.request->onBodyStart)
                transfer.request->onBodyStart(status);
            transfer.started = true;
            transfer.request->body(data, bytes);
        } else if (transfer.response->text.size() < (std::size_t(64) << 20))
            transfer.response->text.append(data, bytes);
        transfer.received += bytes;
    } catch (...) {
        transfer.failure = std::current_exception();
        return 0; // makes curl stop with CURLE_WRITE_ERROR
    }
    return bytes;
}

int onProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    auto& transfer = *static_cast<Transfer*>(user);
    if (transfer.request->progress && !transfer.request->progress(transfer.received)) {
        transfer.cancelled = true;
        return 1;
    }
    return 0;
}

} // namespace

std::string HttpResponse::header(const std::string& name) const
{
    const auto found = headers.find(name);
    return found == headers.end() ? std::string() : found->second;
}

HttpClient::HttpClient()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    m_curl = curl_easy_init();
    if (!m_curl)
        throw Error("libcurl could not start (out of memory?)");
}

HttpClient::~HttpClient()
{
    curl_easy_cleanup(static_cast<CURL*>(m_curl));
}

HttpResponse HttpClient::perform(const HttpRequest& request)
{
    auto* curl = static_cast<CURL*>(m_curl);
    curl_easy_reset(curl);
    HttpResponse response;
    Transfer transfer{curl, &request, &response, 0, nullptr, false, false};
    curl_slist* headers = nullptr;
    for (const auto& line : request.headers)
        headers = curl_slist_append(headers, line.c_str());
    const std::string range = std::to_string(request.rangeFrom) + "-";
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_NOBODY, request.headOnly ? 1L : 0L);
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, request.followRedirects ? 1L : 0L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 10L);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "domaintune (libcurl)");
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 30L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 60L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    if (!request.body) // compressed JSON is fine; files must arrive byte for byte (Range)
        curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(curl, CURLOPT_BUFFERSIZE, 512L * 1024L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    if (request.rangeFrom > 0)
        curl_easy_setopt(curl, CURLOPT_RANGE, range.c_str());
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, onProgress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    const CURLcode code = curl_easy_perform(curl);
    curl_slist_free_all(headers);
    if (transfer.failure)
        std::rethrow_exception(transfer.failure);
    if (transfer.cancelled)
        throw HttpCancelled{};
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    if (code != CURLE_OK)
        throw HttpTransferError(
            "cannot fetch " + request.url + ": " + curl_easy_strerror(code) +
            ". Check the network connection and proxy settings (https_proxy), or set "
            "HF_HUB_OFFLINE=1 to use only models already in the cache.");
    char* effective = nullptr;
    curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &effective);
    if (effective)
        response.effectiveUrl = effective;
    return response;
}

} // namespace domaintune
