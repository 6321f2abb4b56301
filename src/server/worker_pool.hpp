#pragma once
// A fixed set of threads that runs blocking work (password checks, hooks that query a database) off
// the engine's I/O threads, behind a bounded queue: when it is full the caller is told at once and
// answers 503, instead of piling up connections, memory and latency.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace simpleauth::server {

class WorkerPool {
public:
    // how a task is called: to do its work, or because the pool was cancelled before it started
    // (it must then still release what it holds, e.g. resume its connection with an error)
    enum class Mode { run, cancel };
    using Task = std::function<void(Mode)>;

    // `workers` threads (at least 1), at most `capacity` tasks waiting for one of them besides those running
    WorkerPool(unsigned workers, std::size_t capacity);
    // runs what is queued, then joins the threads
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // Queues the task; false (and the task untouched) when the queue is full or the pool cancelled.
    bool submit(Task& task);

    // Refuses new tasks and calls every queued one with Mode::cancel, on the calling thread; returns
    // how many. Tasks already running go on.
    std::size_t cancel();

    // Waits at most `limit` for the running tasks to end; true when none is left running or queued.
    bool wait_idle(std::chrono::milliseconds limit);

    std::size_t capacity() const noexcept { return capacity_; }
    unsigned workers() const noexcept { return static_cast<unsigned>(threads_.size()); }

private:
    void work();

    const std::size_t capacity_;
    std::mutex mutex_;
    std::condition_variable wake_;  // a task was queued, or the pool stops
    std::condition_variable idle_;  // a task ended
    std::deque<Task> queue_;
    std::size_t running_ = 0;
    bool cancelled_ = false;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

// The defaults of --workers and --queue: one worker per core (at least 2, so that one slow task does not
// hold every other), and 16 waiting tasks per worker
unsigned default_workers();
std::size_t default_queue(unsigned workers);

}  // namespace simpleauth::server
