#include "server/worker_pool.hpp"

#include <algorithm>
#include <chrono>

namespace simpleauth::server {

WorkerPool::WorkerPool(unsigned workers, std::size_t capacity) : capacity_(capacity) {
    workers = std::max(workers, 1U);
    threads_.reserve(workers);
    for (unsigned i = 0; i < workers; ++i) {
        threads_.emplace_back([this] { work(); });
    }
}

WorkerPool::~WorkerPool() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (auto& t : threads_) {
        t.join();
    }
}

bool WorkerPool::submit(Task& task) {
    {
        std::lock_guard lock(mutex_);
        // `capacity` counts the tasks that wait: a task an idle worker is about to take does not
        std::size_t idle = threads_.size() - running_;
        if (cancelled_ || stopping_ || queue_.size() >= capacity_ + idle) {
            return false;
        }
        queue_.push_back(std::move(task));
    }
    wake_.notify_one();
    return true;
}

std::size_t WorkerPool::cancel() {
    std::deque<Task> dropped;
    {
        std::lock_guard lock(mutex_);
        cancelled_ = true;
        dropped.swap(queue_);
    }
    idle_.notify_all();
    for (auto& task : dropped) {
        task(Mode::cancel);
    }
    return dropped.size();
}

bool WorkerPool::wait_idle(std::chrono::milliseconds limit) {
    std::unique_lock lock(mutex_);
    return idle_.wait_for(lock, limit, [this] { return running_ == 0 && queue_.empty(); });
}

void WorkerPool::work() {
    std::unique_lock lock(mutex_);
    for (;;) {
        // the queue is emptied before stopping: whatever was accepted gets its answer
        wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) {
            return;
        }
        Task task = std::move(queue_.front());
        queue_.pop_front();
        ++running_;
        lock.unlock();
        task(Mode::run);  // tasks catch their own exceptions: an escaping one ends the process (noexcept thread)
        task = nullptr;   // what it captured is released outside the lock
        lock.lock();
        --running_;
        idle_.notify_all();
    }
}

unsigned default_workers() {
    return std::max(std::thread::hardware_concurrency(), 2U);
}

std::size_t default_queue(unsigned workers) {
    return std::size_t{16} * std::max(workers, 1U);
}

}  // namespace simpleauth::server
