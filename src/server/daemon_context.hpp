#pragma once
// State shared by the libmicrohttpd callbacks of one running server.

#include <atomic>
#include <cstddef>
#include <memory>

#include "server/head_deadline.hpp"
#include "server/worker_pool.hpp"
#include "simpleauth/server.hpp"

namespace simpleauth::server {

struct DaemonContext {
    DaemonContext(Service s, std::size_t max_body) : service(std::move(s)), max_body_size(max_body) {}

    Service service;
    std::size_t max_body_size;
    // runs the requests service.blocking picks; null when it picks none
    std::unique_ptr<WorkerPool> pool;
    // cuts connections whose request head is late (ServerOptions::header_timeout); null when off
    std::unique_ptr<HeadDeadlines> deadlines;
    // requests between their request line and MHD's "completed" notification
    std::atomic<long> in_flight{0};
    // once set, every response asks the client to close, so keep-alive clients go away
    std::atomic<bool> draining{false};
};

}  // namespace simpleauth::server
