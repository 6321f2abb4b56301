// The bare engine: a minimal libmicrohttpd server answering every request with the bytes the bench
// server's routes send ("hello", text/plain; charset=utf-8), started with the flags and limits that
// src/server/mhd_server.cpp uses (epoll internal thread, thread pool above one thread, 64 KiB per
// connection, 30 s timeout). bench/run.sh measures the framework's open route against it: what is left
// between the two is the framework's own cost per request.
//
// Usage: bare_mhd [--threads N] [--max-connections N]; prints "listening on http://127.0.0.1:PORT" and serves until
// SIGTERM.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <unistd.h>

#include <microhttpd.h>

#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {

constexpr char body[] = "hello";

MHD_Result answer(void*,
                  MHD_Connection* connection,
                  const char*,
                  const char*,
                  const char*,
                  const char*,
                  std::size_t* upload_size,
                  void** state) {
    // the first call of a request only announces it (as for the framework): answer on the second
    if (*state == nullptr) {
        *state = connection;
        return MHD_YES;
    }
    if (*upload_size != 0) {
        *upload_size = 0;
        return MHD_YES;
    }
    // a copied buffer per response, as the framework's adapter does (MHD_RESPMEM_MUST_COPY)
    MHD_Response* response =
        MHD_create_response_from_buffer(sizeof body - 1, const_cast<char*>(body), MHD_RESPMEM_MUST_COPY);
    MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, "text/plain; charset=utf-8");
    MHD_Result result = MHD_queue_response(connection, MHD_HTTP_OK, response);
    MHD_destroy_response(response);
    return result;
}

volatile std::sig_atomic_t stopping = 0;
void on_signal(int) {
    stopping = 1;
}

}  // namespace

int main(int argc, char** argv) {
    unsigned threads = 1;
    unsigned max_connections = 0;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--threads") == 0) {
            threads = static_cast<unsigned>(std::stoul(argv[++i]));
        } else if (std::strcmp(argv[i], "--max-connections") == 0) {
            max_connections = static_cast<unsigned>(std::stoul(argv[++i]));
        }
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    std::vector<MHD_OptionItem> options{
        {MHD_OPTION_SOCK_ADDR, 0, &address},
        {MHD_OPTION_CONNECTION_MEMORY_LIMIT, 64 * 1024, nullptr},
        {MHD_OPTION_CONNECTION_TIMEOUT, 30, nullptr},
    };
    // as the framework: these options only when they differ from the engine's defaults
    if (max_connections > 0) {
        options.push_back({MHD_OPTION_CONNECTION_LIMIT, static_cast<intptr_t>(max_connections), nullptr});
    }
    if (threads > 1) {
        options.push_back({MHD_OPTION_THREAD_POOL_SIZE, static_cast<intptr_t>(threads), nullptr});
    }
    options.push_back({MHD_OPTION_END, 0, nullptr});
    MHD_Daemon* daemon = MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG,
                                          0,
                                          nullptr,
                                          nullptr,
                                          &answer,
                                          nullptr,
                                          MHD_OPTION_ARRAY,
                                          options.data(),
                                          MHD_OPTION_END);
    if (daemon == nullptr) {
        std::fprintf(stderr, "bare_mhd: cannot start\n");
        return 1;
    }
    const MHD_DaemonInfo* info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    std::printf("listening on http://127.0.0.1:%u\n", static_cast<unsigned>(info->port));
    std::fflush(stdout);
    std::signal(SIGTERM, on_signal);
    std::signal(SIGINT, on_signal);
    while (stopping == 0) {
        pause();
    }
    MHD_stop_daemon(daemon);
    return 0;
}
