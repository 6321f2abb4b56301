#pragma once
// Header-only (the test target globs *_test.cpp). A real redis-server or memcached started by a test fixture on a free
// local port, killed on destruction.

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace simpleauth::test {

class ServerProcess {
public:
    explicit ServerProcess(std::string kind);  // "redis" or "memcached"
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    // The executable's path, or "" when it is not installed.
    const std::string& program() const { return program_; }
    // Starts on `port` (0: a free one) and waits until it accepts connections; false with `error()` otherwise.
    bool start(int port = 0);
    void stop();  // SIGKILL and reap: an abrupt outage, as a crash or a network cut would be
    int port() const { return port_; }
    const std::string& error() const { return error_; }

private:
    std::string kind_;
    std::string program_;
    std::string error_;
    pid_t pid_ = -1;
    int port_ = 0;
};

// A port nobody listens on right now: bind port 0, read the port, close.
int free_port();

namespace server_detail {

inline std::string find_in_path(const std::string& name) {
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path != nullptr ? path : "/usr/bin:/bin");
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
        std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
        if (access(candidate.c_str(), X_OK) == 0) {
            return candidate;
        }
    }
    // Debian installs both in /usr/bin, but memcached may sit in /usr/sbin on other systems.
    for (const char* dir2 : {"/usr/sbin", "/usr/local/bin", "/usr/local/sbin"}) {
        std::string candidate = std::string(dir2) + "/" + name;
        if (access(candidate.c_str(), X_OK) == 0) {
            return candidate;
        }
    }
    return "";
}

inline sockaddr_in loopback(int port) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return addr;
}

inline bool accepts(int port) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return false;
    }
    sockaddr_in addr = loopback(port);
    bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    close(fd);
    return ok;
}

}  // namespace server_detail

inline int free_port() {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return 0;
    }
    sockaddr_in addr = server_detail::loopback(0);
    socklen_t length = sizeof addr;
    int port = 0;
    if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length) == 0) {
        port = ntohs(addr.sin_port);
    }
    close(fd);
    return port;
}

inline ServerProcess::ServerProcess(std::string kind)
    : kind_(std::move(kind)), program_(server_detail::find_in_path(kind_ == "redis" ? "redis-server" : "memcached")) {}

inline ServerProcess::~ServerProcess() {
    stop();
}

inline bool ServerProcess::start(int port) {
    stop();
    if (program_.empty()) {
        error_ = kind_ + " server not installed";
        return false;
    }
    port_ = port != 0 ? port : free_port();
    std::string port_text = std::to_string(port_);
    std::vector<std::string> args;
    if (kind_ == "redis") {
        args = {program_, "--port", port_text, "--save", "", "--appendonly", "no", "--bind", "127.0.0.1"};
    } else {
        args = {program_, "-l", "127.0.0.1", "-p", port_text, "-U", "0"};
        if (geteuid() == 0) {
            args.insert(args.end(), {"-u", "nobody"});  // memcached refuses to run as root
        }
    }
    std::vector<char*> argv;
    for (auto& arg : args) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    pid_t parent = getpid();
    pid_ = fork();
    if (pid_ < 0) {
        error_ = "fork failed";
        return false;
    }
    if (pid_ == 0) {
        // The server must not outlive a crashed or killed test binary.
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) {
            _exit(127);
        }
        int null = open("/dev/null", O_RDWR);
        dup2(null, STDIN_FILENO);
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
        execv(argv[0], argv.data());
        _exit(127);
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (std::chrono::steady_clock::now() < deadline) {
        if (server_detail::accepts(port_)) {
            return true;
        }
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            error_ = kind_ + " exited at startup on port " + port_text;
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    stop();
    error_ = kind_ + " did not accept connections within 5 s on port " + port_text;
    return false;
}

inline void ServerProcess::stop() {
    if (pid_ > 0) {
        kill(pid_, SIGKILL);
        int status = 0;
        while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
        }
        pid_ = -1;
    }
}

}  // namespace simpleauth::test
