#include "server/head_deadline.hpp"

#include <sys/socket.h>
#include <time.h>

#include <algorithm>

namespace simpleauth::server {

HeadDeadlines::HeadDeadlines(std::chrono::milliseconds limit, std::chrono::milliseconds keep_alive_idle)
    : limit_(limit), keep_alive_idle_(keep_alive_idle), thread_([this] { watch(); }) {}

HeadDeadlines::~HeadDeadlines() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
    // the daemon was stopped first and notified every close; anything left belongs to no connection
    for (Watched* w : connections_) {
        delete w;
    }
}

// The coarse monotonic clock (a few milliseconds of resolution, read without the TSC): every request
// reads it, and the watchdog's tick is 10 ms or more anyway.
std::int64_t HeadDeadlines::now_ns() {
    timespec t{};
    clock_gettime(CLOCK_MONOTONIC_COARSE, &t);
    return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

void HeadDeadlines::on_connection(void* cls,
                                  MHD_Connection* connection,
                                  void** socket_context,
                                  MHD_ConnectionNotificationCode code) {
    auto* self = static_cast<HeadDeadlines*>(cls);
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const MHD_ConnectionInfo* info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
        if (info == nullptr) {
            return;
        }
        auto due = now_ns() + std::chrono::duration_cast<std::chrono::nanoseconds>(self->limit_).count();
        auto* w = new Watched{info->connect_fd, self, {due}};
        std::lock_guard lock(self->mutex_);
        self->connections_.insert(w);
        *socket_context = w;
        return;
    }
    auto* w = static_cast<Watched*>(*socket_context);
    if (w == nullptr) {
        return;
    }
    {
        std::lock_guard lock(self->mutex_);
        self->connections_.erase(w);
    }
    *socket_context = nullptr;
    delete w;
}

HeadDeadlines::Watched* HeadDeadlines::watched(MHD_Connection* connection) {
    const MHD_ConnectionInfo* info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return info != nullptr ? static_cast<Watched*>(info->socket_context) : nullptr;
}

void HeadDeadlines::head_received(MHD_Connection* connection) {
    if (Watched* w = watched(connection)) {
        w->due_ns.store(0, std::memory_order_relaxed);
    }
}

void HeadDeadlines::request_done(MHD_Connection* connection) {
    if (Watched* w = watched(connection)) {
        auto allowance =
            std::chrono::duration_cast<std::chrono::nanoseconds>(w->owner->keep_alive_idle_ + w->owner->limit_);
        w->due_ns.store(now_ns() + allowance.count(), std::memory_order_relaxed);
    }
}

// A scan a few times per limit (at most every 250 ms): a late head is cut within the limit plus a tick.
void HeadDeadlines::watch() {
    auto tick = std::clamp(limit_ / 8, std::chrono::milliseconds(10), std::chrono::milliseconds(250));
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, tick, [this] { return stopping_; })) {
        std::int64_t now = now_ns();
        for (Watched* w : connections_) {
            std::int64_t due = w->due_ns.load(std::memory_order_relaxed);
            if (due != 0 && due <= now) {
                // under the lock: the engine cannot have closed this descriptor yet (it notifies first)
                ::shutdown(w->fd, SHUT_RDWR);
                w->due_ns.store(0, std::memory_order_relaxed);
            }
        }
    }
}

}  // namespace simpleauth::server
