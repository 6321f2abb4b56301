// Opens N keep-alive connections to 127.0.0.1:PORT, sends one request on each (GET PATH) and reads its
// answer, then holds them all open and idle: bench/run.sh reads the server's RSS before and after to get
// its memory per idle connection. Prints "held N" once every connection has its answer, then waits
// for SIGTERM (or SECONDS, at most) and exits, closing them.
//
// Usage: idle_connections PORT N PATH [SECONDS]   (the caller raises `ulimit -n` above N)

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

volatile std::sig_atomic_t stopping = 0;
void on_signal(int) {
    stopping = 1;
}

// one connection with its request answered (a whole 200 response in the first read is enough here:
// the responses of the bench servers are a hundred bytes)
int open_one(std::uint16_t port, const std::string& request) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        return -1;
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        send(fd, request.data(), request.size(), 0) != static_cast<ssize_t>(request.size())) {
        close(fd);
        return -1;
    }
    char answer[1024];
    ssize_t got = recv(fd, answer, sizeof answer, 0);
    if (got <= 0 || !std::string_view(answer, static_cast<std::size_t>(got)).starts_with("HTTP/1.1 200")) {
        close(fd);
        return -1;
    }
    return fd;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: idle_connections PORT N PATH [SECONDS]\n");
        return 2;
    }
    auto port = static_cast<std::uint16_t>(std::atoi(argv[1]));
    int count = std::atoi(argv[2]);
    std::string request = std::string("GET ") + argv[3] + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    unsigned seconds = argc > 4 ? static_cast<unsigned>(std::atoi(argv[4])) : 120;
    std::signal(SIGTERM, on_signal);
    std::signal(SIGINT, on_signal);

    std::vector<int> connections;
    connections.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        int fd = open_one(port, request);
        if (fd < 0) {
            std::fprintf(stderr, "idle_connections: connection %d failed\n", i + 1);
            break;
        }
        connections.push_back(fd);
    }
    std::printf("held %zu\n", connections.size());
    std::fflush(stdout);
    // bounded: a forgotten client never outlives the benchmark by much
    for (unsigned waited = 0; stopping == 0 && waited < seconds; ++waited) {
        sleep(1);
    }
    for (int fd : connections) {
        close(fd);
    }
    return connections.size() == static_cast<std::size_t>(count) ? 0 : 1;
}
