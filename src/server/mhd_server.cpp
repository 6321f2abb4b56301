// serve(): starts the libmicrohttpd daemon, announces it, waits for SIGTERM/SIGINT, drains.

#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <future>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <microhttpd.h>

#include "server/callbacks.hpp"
#include "server/connection_limit.hpp"
#include "server/daemon_context.hpp"
#include "server/signals.hpp"
#include "server/worker_pool.hpp"
#include "simpleauth/server.hpp"

namespace simpleauth {

namespace {

using namespace std::chrono_literals;

void log_engine(void*, const char* format, va_list args) {
    std::fputs("simpleauth: http engine: ", stderr);
    std::vfprintf(stderr, format, args);
}

struct Address {
    sockaddr_storage storage{};
    bool ipv6 = false;
};

bool resolve(const std::string& host, std::uint16_t port, Address& out) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    std::string service = std::to_string(port);
    int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found);
    if (rc != 0 || found == nullptr) {
        std::fprintf(stderr, "simpleauth: cannot resolve listen address \"%s\": %s\n", host.c_str(), gai_strerror(rc));
        return false;
    }
    std::memcpy(&out.storage, found->ai_addr, found->ai_addrlen);
    out.ipv6 = found->ai_family == AF_INET6;
    ::freeaddrinfo(found);
    return true;
}

// The PEM texts given to the engine; empty when serving plain HTTP
struct TlsMaterial {
    std::string cert;
    std::string key;

    bool enabled() const { return !cert.empty(); }

    // The engine hands the text to GnuTLS, which keeps its own parsed copy, while the daemon starts:
    // afterwards the private key need not linger in this process's heap (core dumps, swap)
    void forget_key() {
        volatile char* p = key.data();
        for (std::size_t i = 0; i < key.size(); ++i) {
            p[i] = '\0';
        }
        key.clear();
    }
};

// Bounds what a wrong path (a log file, /dev/zero) can make us read; real PEM files are a few KiB
constexpr std::size_t kMaxPemSize = 1024 * 1024;

bool read_pem(const char* what, const std::string& path, std::string_view expected_label, std::string& out) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) {
        std::fprintf(
            stderr, "simpleauth: cannot read TLS %s file \"%s\": %s\n", what, path.c_str(), std::strerror(errno));
        return false;
    }
    std::string text;
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0 && text.size() <= kMaxPemSize) {
        text.append(buffer, n);
    }
    bool failed = std::ferror(file) != 0;
    int read_errno = errno;
    std::fclose(file);
    if (failed) {
        std::fprintf(
            stderr, "simpleauth: cannot read TLS %s file \"%s\": %s\n", what, path.c_str(), std::strerror(read_errno));
        return false;
    }
    if (text.size() > kMaxPemSize) {
        std::fprintf(stderr, "simpleauth: TLS %s file \"%s\" is too large for a PEM file\n", what, path.c_str());
        return false;
    }
    // catches the common mistakes (files swapped, a DER file, an empty file) with a message that says
    // which file is wrong, where the engine would only report a GnuTLS error code
    if (text.find("-----BEGIN ") == std::string::npos || text.find(expected_label) == std::string::npos) {
        std::fprintf(stderr,
                     "simpleauth: TLS %s file \"%s\" is not a PEM file with a %s\n",
                     what,
                     path.c_str(),
                     std::string(expected_label).c_str());
        return false;
    }
    out = std::move(text);
    return true;
}

bool load_tls(const ServerOptions& options, TlsMaterial& tls) {
    if (options.tls_cert_file.empty() && options.tls_key_file.empty()) {
        return true;
    }
    // half a configuration must not fall back to plain HTTP
    if (options.tls_cert_file.empty() || options.tls_key_file.empty()) {
        std::fprintf(stderr,
                     "simpleauth: TLS needs both a certificate and its private key (--tls-cert FILE --tls-key FILE), "
                     "got only the %s\n",
                     options.tls_cert_file.empty() ? "key" : "certificate");
        return false;
    }
    if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
        std::fprintf(stderr, "simpleauth: this libmicrohttpd was built without TLS support\n");
        return false;
    }
    return read_pem("certificate", options.tls_cert_file, "CERTIFICATE-----", tls.cert) &&
           read_pem("key", options.tls_key_file, "PRIVATE KEY-----", tls.key);
}

MHD_Daemon* start(const ServerOptions& options,
                  const Address& address,
                  const TlsMaterial& tls,
                  server::DaemonContext& ctx) {
    // MHD_ALLOW_SUSPEND_RESUME: requests handed to the worker pool park their connection meanwhile (it
    // includes MHD_USE_ITC, which wakes the I/O thread that owns a connection when a worker resumes it)
    unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
    if (address.ipv6) {
        flags |= MHD_USE_IPv6;
    }
    if (tls.enabled()) {
        flags |= MHD_USE_TLS;
    }
    std::vector<MHD_OptionItem> items;
    auto add = [&](MHD_OPTION option, intptr_t value, void* ptr = nullptr) { items.push_back({option, value, ptr}); };
    // first, so that MHD's messages about the following options go through it too
    add(MHD_OPTION_EXTERNAL_LOGGER, reinterpret_cast<intptr_t>(&log_engine), nullptr);
    add(MHD_OPTION_SOCK_ADDR, 0, const_cast<sockaddr_storage*>(&address.storage));
    if (tls.enabled()) {
        add(MHD_OPTION_HTTPS_MEM_CERT, 0, const_cast<char*>(tls.cert.c_str()));
        add(MHD_OPTION_HTTPS_MEM_KEY, 0, const_cast<char*>(tls.key.c_str()));
        // GnuTLS's defaults with TLS 1.0 and 1.1 taken out (deprecated by RFC 8996)
        add(MHD_OPTION_HTTPS_PRIORITIES, 0, const_cast<char*>("NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2"));
    }
    add(MHD_OPTION_CONNECTION_MEMORY_LIMIT, static_cast<intptr_t>(options.connection_memory_limit));
    add(MHD_OPTION_CONNECTION_TIMEOUT, static_cast<intptr_t>(options.connection_timeout));
    if (options.per_ip_connection_limit > 0) {
        add(MHD_OPTION_PER_IP_CONNECTION_LIMIT, static_cast<intptr_t>(options.per_ip_connection_limit));
    }
    // by default, what RLIMIT_NOFILE leaves: at the limit the engine stops accepting (clients wait in the
    // backlog) rather than meeting EMFILE, and the application's own files and sockets still open
    unsigned max_connections =
        options.max_connections > 0 ? options.max_connections : server::default_connection_limit(options.threads);
    add(MHD_OPTION_CONNECTION_LIMIT, static_cast<intptr_t>(max_connections));
    if (options.threads > 1) {
        add(MHD_OPTION_THREAD_POOL_SIZE, static_cast<intptr_t>(options.threads));
    }
    add(MHD_OPTION_URI_LOG_CALLBACK, reinterpret_cast<intptr_t>(&server::on_request_line), &ctx);
    add(MHD_OPTION_NOTIFY_COMPLETED, reinterpret_cast<intptr_t>(&server::on_completed), &ctx);
    if (ctx.deadlines) {
        add(MHD_OPTION_NOTIFY_CONNECTION,
            reinterpret_cast<intptr_t>(&server::HeadDeadlines::on_connection),
            ctx.deadlines.get());
    }
    add(MHD_OPTION_UNESCAPE_CALLBACK, reinterpret_cast<intptr_t>(&server::identity_unescape), nullptr);
    add(MHD_OPTION_END, 0);
    // MHD_OPTION_ARRAY: the options depend on ServerOptions, which a fixed varargs list cannot express
    return MHD_start_daemon(flags,
                            options.port,
                            nullptr,
                            nullptr,
                            &server::on_access,
                            &ctx,
                            MHD_OPTION_ARRAY,
                            items.data(),
                            MHD_OPTION_END);
}

void announce(const ServerOptions& options, MHD_Daemon* daemon, bool ipv6, bool tls) {
    const auto* info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    unsigned port = info != nullptr ? info->port : options.port;
    const char* open = ipv6 ? "[" : "";
    const char* close = ipv6 ? "]" : "";
    std::printf("listening on %s://%s%s%s:%u\n", tls ? "https" : "http", open, options.host.c_str(), close, port);
    std::fflush(stdout);
}

// Stops the daemon, which joins its threads; a handler stuck past the drain timeout would block
// that join forever, so it runs on a helper thread and, if it does not finish in time, is left
// behind together with the context its threads still use (the process is about to exit anyway).
bool stop_within(MHD_Daemon* daemon, std::unique_ptr<server::DaemonContext>& ctx, std::chrono::milliseconds limit) {
    auto done = std::make_shared<std::promise<void>>();
    auto finished = done->get_future();
    std::thread stopper([daemon, done] {
        MHD_stop_daemon(daemon);
        done->set_value();
    });
    if (finished.wait_for(limit) == std::future_status::ready) {
        stopper.join();
        return true;
    }
    stopper.detach();
    [[maybe_unused]] auto* leaked = ctx.release();
    return false;
}

// After a forced stop: the pool's queued requests get a 503 and their connections are resumed; a
// request still running on a worker keeps its connection suspended, and MHD_stop_daemon aborts the
// process on a suspended connection, so the caller must then leave the daemon alone
bool release_pool(server::WorkerPool* pool) {
    if (pool == nullptr) {
        return true;
    }
    pool->cancel();
    return pool->wait_idle(1000ms);
}

}  // namespace

int serve(const Handler& handler, const ServerOptions& options) {
    return serve(Service{handler, {}, {}}, options);
}

int serve(const Service& service, const ServerOptions& options) {
    Address address;
    if (!resolve(options.host, options.port, address)) {
        return 2;
    }
    TlsMaterial tls;
    if (!load_tls(options, tls)) {
        return 2;
    }
    // installed before the daemon starts, so an early SIGTERM is not lost
    server::ShutdownSignals signals;
    auto ctx = std::make_unique<server::DaemonContext>(service, options.max_body_size);
    if (service.blocking) {
        unsigned workers = options.workers > 0 ? options.workers : server::default_workers();
        std::size_t queue = options.worker_queue > 0 ? options.worker_queue : server::default_queue(workers);
        ctx->pool = std::make_unique<server::WorkerPool>(workers, queue);
    }
    if (options.header_timeout > 0) {
        ctx->deadlines = std::make_unique<server::HeadDeadlines>(std::chrono::seconds(options.header_timeout),
                                                                 std::chrono::seconds(options.connection_timeout));
    }
    MHD_Daemon* daemon = start(options, address, tls, *ctx);
    tls.forget_key();
    if (daemon == nullptr) {
        std::fprintf(stderr,
                     "simpleauth: cannot listen on %s port %u (address in use, not local, or no permission%s)\n",
                     options.host.c_str(),
                     static_cast<unsigned>(options.port),
                     tls.enabled() ? "; or the TLS certificate and key were refused, see the engine's message" : "");
        return 2;
    }
    if (options.print_listening) {
        announce(options, daemon, address.ipv6, tls.enabled());
    }

    while (signals.wait(-1ms) == 0) {
    }

    // stop accepting at once: quiesce takes the listening socket out of the engine's polling, and
    // shutting it down turns new connection attempts into "connection refused" instead of a
    // backlog nobody accepts (the descriptor itself may only be closed after MHD_stop_daemon)
    ctx->draining.store(true);
    MHD_socket listen_fd = MHD_quiesce_daemon(daemon);
    if (listen_fd != MHD_INVALID_SOCKET) {
        ::shutdown(listen_fd, SHUT_RDWR);
    }

    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.shutdown_timeout);
    bool drained = false;
    bool forced = false;
    while (!forced) {
        if (ctx->in_flight.load() == 0) {
            drained = true;
            break;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            break;
        }
        // a second signal means "now": stop without waiting further
        forced = signals.wait(10ms) != 0;
    }
    if (!drained) {
        std::fprintf(
            stderr, "simpleauth: %ld request(s) still running at shutdown, closing them\n", ctx->in_flight.load());
    }
    if (!drained && !release_pool(ctx->pool.get())) {
        std::fprintf(stderr, "simpleauth: a worker is still running at shutdown, exiting without closing\n");
        [[maybe_unused]] auto* leaked = ctx.release();  // its workers still use it
        return 1;
    }
    // closes idle keep-alive connections (and, after a timeout, unfinished ones)
    bool stopped = stop_within(
        daemon, ctx, drained ? std::chrono::milliseconds(std::chrono::seconds(options.shutdown_timeout + 1)) : 1000ms);
    if (stopped && listen_fd != MHD_INVALID_SOCKET) {
        ::close(listen_fd);
    }
    return drained && stopped ? 0 : 1;
}

}  // namespace simpleauth
