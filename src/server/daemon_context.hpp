#pragma once
// State shared by the libmicrohttpd callbacks of one running server.

#include <atomic>
#include <cstddef>

#include "simpleauth/server.hpp"

namespace simpleauth::server {

struct DaemonContext {
    DaemonContext(Handler h, std::size_t max_body) : handler(std::move(h)), max_body_size(max_body) {}

    Handler handler;
    std::size_t max_body_size;
    // requests between their request line and MHD's "completed" notification
    std::atomic<long> in_flight{0};
    // once set, every response asks the client to close, so keep-alive clients go away
    std::atomic<bool> draining{false};
};

}  // namespace simpleauth::server
