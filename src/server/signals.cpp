#include "server/signals.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <stdexcept>
#include <system_error>

namespace simpleauth::server {

namespace {

// Lock-free, so reading it in the handler is async-signal-safe.
std::atomic<int> g_write_fd{-1};
static_assert(std::atomic<int>::is_always_lock_free);

extern "C" void on_shutdown_signal(int sig) {
    int saved = errno;  // the interrupted code may be about to read errno
    int fd = g_write_fd.load(std::memory_order_relaxed);
    if (fd >= 0) {
        auto byte = static_cast<unsigned char>(sig);
        // non-blocking: when the pipe is full a signal is already pending, so losing one is fine
        [[maybe_unused]] auto n = ::write(fd, &byte, 1);
    }
    errno = saved;
}

}  // namespace

ShutdownSignals::ShutdownSignals() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) {
        throw std::system_error(errno, std::generic_category(), "pipe2");
    }
    int expected = -1;
    if (!g_write_fd.compare_exchange_strong(expected, fds[1])) {
        ::close(fds[0]);
        ::close(fds[1]);
        throw std::logic_error("simpleauth: serve() is already running in this process");
    }
    read_fd_ = fds[0];
    write_fd_ = fds[1];
    struct sigaction action {};
    action.sa_handler = on_shutdown_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;  // the engine's threads may be inside a system call
    ::sigaction(SIGTERM, &action, &old_term_);
    ::sigaction(SIGINT, &action, &old_int_);
}

ShutdownSignals::~ShutdownSignals() {
    ::sigaction(SIGTERM, &old_term_, nullptr);
    ::sigaction(SIGINT, &old_int_, nullptr);
    g_write_fd.store(-1);
    ::close(read_fd_);
    ::close(write_fd_);
}

int ShutdownSignals::wait(std::chrono::milliseconds timeout) {
    pollfd p{read_fd_, POLLIN, 0};
    int ms = timeout.count() < 0 ? -1 : static_cast<int>(timeout.count());
    int ready = ::poll(&p, 1, ms);
    if (ready <= 0) {
        return 0;  // timeout, or EINTR from our own handler: the byte is read on the next call
    }
    unsigned char byte = 0;
    if (::read(read_fd_, &byte, 1) != 1) {
        return 0;
    }
    return byte;
}

}  // namespace simpleauth::server
