#pragma once

#include "core/common/error.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace domaintune {

/** One HTTP request for HttpClient. A plain value type. */
struct HttpRequest
{
    std::string url;
    bool headOnly = false;            ///< HEAD instead of GET.
    bool followRedirects = true;      ///< Follow 3xx (Authorization is not sent to other hosts).
    std::vector<std::string> headers; ///< "Name: value" lines.
    std::uint64_t rangeFrom = 0;      ///< >0: ask for the bytes from this offset on (Range).
    /** Receives the body in chunks; may throw to stop the transfer. Unset: body kept in text. */
    std::function<void(const char* data, std::size_t size)> body;
    /** Called once with the status (200, 206, ...) before the first body byte is passed on. */
    std::function<void(long status)> onBodyStart;
    /** Called often with the body bytes received so far; return false to cancel. */
    std::function<bool(std::uint64_t received)> progress;
};

/** The answer to an HttpRequest: the final response's status and headers. */
struct HttpResponse
{
    long status = 0;
    std::map<std::string, std::string> headers; ///< Lower-case names, of the last response.
    std::string text;                           ///< The body, when no body sink was given.
    std::string effectiveUrl;

    /** Returns the header @p name (lower-case), or "". */
    std::string header(const std::string& name) const;
};

/** Thrown when no (complete) response arrived: refused, reset, timed out, cut short. */
class HttpTransferError : public Error
{
public:
    using Error::Error;
};

/** Thrown when a transfer was cancelled through HttpRequest::progress. */
struct HttpCancelled
{};

/**
 * A small blocking HTTP(S) client on libcurl. Proxies come from the environment as curl reads
 * them (http_proxy, https_proxy, HTTPS_PROXY, no_proxy). Connections time out after 30 s and
 * stalled transfers (under 1 byte/s for 60 s) are abandoned, so nothing hangs. One object per
 * thread; each keeps its connection alive between requests.
 */
class HttpClient
{
public:
    HttpClient();
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    /**
     * Performs @p request. Throws HttpTransferError (naming the URL and curl's reason) when no
     * complete response arrived, HttpCancelled when cancelled; HTTP error statuses are returned,
     * not thrown.
     */
    HttpResponse perform(const HttpRequest& request);

private:
    void* m_curl = nullptr;
};

} // namespace domaintune
