#pragma once
// The whole-head deadline (REL-02, slowloris): a client must send a complete request head within a
// limit of the connection's start. libmicrohttpd's MHD_OPTION_CONNECTION_TIMEOUT is an idle timeout, so a
// client trickling one byte a second keeps a connection (and its memory) forever; a watchdog thread cuts
// such connections by shutting their socket down, which the engine then sees as a closed peer.
//
// After a response, the next head on a keep-alive connection is due within the idle timeout plus the
// limit (the engine alone closes a connection that stays silent for the idle timeout).
//
// Per-request bookkeeping is one atomic store on the connection's own record (its socket context): no
// lock on the request path. The registry lock is taken when connections open and close, and by the
// watchdog; the engine notifies "closed" before it closes the socket, so the watchdog never shuts down a
// descriptor that was closed and reused.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <unordered_set>

#include <microhttpd.h>

namespace simpleauth::server {

class HeadDeadlines {
public:
    HeadDeadlines(std::chrono::milliseconds limit, std::chrono::milliseconds keep_alive_idle);
    ~HeadDeadlines();  // stops the watchdog
    HeadDeadlines(const HeadDeadlines&) = delete;
    HeadDeadlines& operator=(const HeadDeadlines&) = delete;

    // MHD_OPTION_NOTIFY_CONNECTION, with this object as cls.
    static void on_connection(void* cls,
                              MHD_Connection* connection,
                              void** socket_context,
                              MHD_ConnectionNotificationCode code);

    // From the access handler and the completed callback; nothing when deadlines are off.
    static void head_received(MHD_Connection* connection);
    static void request_done(MHD_Connection* connection);

private:
    struct Watched {
        int fd;
        HeadDeadlines* owner;
        std::atomic<std::int64_t> due_ns;  // steady clock; 0: nothing due (a head is being served)
    };

    static Watched* watched(MHD_Connection* connection);
    static std::int64_t now_ns();
    void watch();

    std::chrono::milliseconds limit_, keep_alive_idle_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::unordered_set<Watched*> connections_;
    std::thread thread_;
};

}  // namespace simpleauth::server
