#pragma once
// What the adapter keeps per request, from the request line to MHD's "completed" notification.

#include <optional>
#include <string>

#include "simpleauth/http/request.hpp"
#include "simpleauth/http/response.hpp"

namespace simpleauth::server {

struct RequestState {
    std::string raw_uri;                      // as sent on the request line: path and query still percent-encoded
    const char* raw_uri_in_buffer = nullptr;  // where the engine holds it; valid until the head is processed
    http::Request request;
    bool head_seen = false;  // the access handler has had the request head
    // handed to the worker pool: the connection is suspended until `response` is set and it is resumed
    bool dispatched = false;
    std::optional<http::Response> response;  // written by the worker before it resumes the connection

    // States are recycled per thread: a request reuses the strings and vectors of an earlier one (their
    // capacity) instead of allocating them again. acquire() gives an empty state (nullptr when out of
    // memory); release() empties it and keeps it for the thread's next request, or frees it.
    static RequestState* acquire() noexcept;
    static void release(RequestState* state) noexcept;

private:
    void recycle();  // back to a default-constructed state's contents
};

}  // namespace simpleauth::server
