#pragma once
// SIGTERM/SIGINT turned into a readable pipe (the self-pipe trick), so that the serving thread
// waits with poll() and nothing but write() runs inside the signal handler.

#include <chrono>
#include <csignal>

namespace simpleauth::server {

class ShutdownSignals {
public:
    // Installs the handlers; the previous dispositions come back on destruction.
    // Throws std::system_error if the pipe cannot be made, std::logic_error if another
    // instance is alive (one serving loop per process owns the signals).
    ShutdownSignals();
    ~ShutdownSignals();
    ShutdownSignals(const ShutdownSignals&) = delete;
    ShutdownSignals& operator=(const ShutdownSignals&) = delete;

    // Waits at most `timeout` (negative: forever) for a signal; returns its number, or 0.
    int wait(std::chrono::milliseconds timeout);

private:
    int read_fd_ = -1;
    int write_fd_ = -1;
    struct sigaction old_term_ {};
    struct sigaction old_int_ {};
};

}  // namespace simpleauth::server
