// The worker pool of blocking requests: bounded queue, refusal when full, cancellation, drain on stop.

#include "server/worker_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace {

using simpleauth::server::WorkerPool;
using namespace std::chrono_literals;

// A door tasks wait at until the test opens it; counts who is waiting, so the test knows a worker is busy.
class Gate {
public:
    void pass() {
        std::unique_lock lock(mutex_);
        ++waiting_;
        changed_.notify_all();
        changed_.wait(lock, [this] { return open_; });
    }
    bool wait_for_waiting(int n) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, 10s, [&] { return waiting_ >= n; });
    }
    void open() {
        std::lock_guard lock(mutex_);
        open_ = true;
        changed_.notify_all();
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    int waiting_ = 0;
    bool open_ = false;
};

// Counts how tasks were called; gated tasks wait at the gate before they count as run.
class WorkerPoolTest : public testing::Test {
protected:
    WorkerPool::Task task(bool gated = true) {
        Gate* gate = gated ? &gate_ : nullptr;
        return [this, gate](WorkerPool::Mode mode) {
            if (mode == WorkerPool::Mode::cancel) {
                ++cancels_;
                return;
            }
            if (gate != nullptr) {
                gate->pass();
            }
            ++runs_;
        };
    }

    // submits a gated task and waits until a worker holds it at the gate
    void occupy_a_worker(WorkerPool& pool, int busy_workers = 1) {
        auto t = task();
        ASSERT_TRUE(pool.submit(t));
        ASSERT_TRUE(gate_.wait_for_waiting(busy_workers));
    }

    std::atomic<int> runs_{0};
    std::atomic<int> cancels_{0};
    Gate gate_;
};

TEST_F(WorkerPoolTest, RunsEverySubmittedTaskBeforeItIsDestroyed) {
    {
        WorkerPool pool(3, 100);
        for (int i = 0; i < 100; ++i) {
            auto t = task(false);
            ASSERT_TRUE(pool.submit(t));
        }
    }
    EXPECT_EQ(runs_.load(), 100);
    EXPECT_EQ(cancels_.load(), 0);
}

TEST_F(WorkerPoolTest, RefusesTasksBeyondItsQueueAndLeavesThemUntouched) {
    WorkerPool pool(1, 2);
    occupy_a_worker(pool);  // the only worker is busy: what follows waits in the queue
    auto second = task();
    auto third = task();
    auto fourth = task();
    EXPECT_TRUE(pool.submit(second));
    EXPECT_TRUE(pool.submit(third));
    EXPECT_FALSE(pool.submit(fourth));
    ASSERT_TRUE(fourth);  // still the caller's, to answer 503 with
    gate_.open();
    EXPECT_TRUE(pool.wait_idle(10s));
    EXPECT_EQ(runs_.load(), 3);
    // the queue has room again
    EXPECT_TRUE(pool.submit(fourth));
    EXPECT_TRUE(pool.wait_idle(10s));
    EXPECT_EQ(runs_.load(), 4);
}

TEST_F(WorkerPoolTest, CancelCallsQueuedTasksAndLetsRunningOnesFinish) {
    WorkerPool pool(1, 5);
    occupy_a_worker(pool);
    for (int i = 0; i < 3; ++i) {
        auto queued = task();
        ASSERT_TRUE(pool.submit(queued));
    }
    EXPECT_EQ(pool.cancel(), 3U);
    EXPECT_EQ(cancels_.load(), 3);
    EXPECT_FALSE(pool.wait_idle(20ms));  // the running task is still at the gate
    auto late = task(false);
    EXPECT_FALSE(pool.submit(late));  // a cancelled pool takes nothing more
    gate_.open();
    EXPECT_TRUE(pool.wait_idle(10s));
    EXPECT_EQ(runs_.load(), 1);
}

TEST_F(WorkerPoolTest, WorkersRunTasksAtTheSameTime) {
    WorkerPool pool(2, 0);  // no queue: only as many tasks as there are idle workers
    EXPECT_EQ(pool.workers(), 2U);
    occupy_a_worker(pool);
    // the queue has no room, but the task is taken because a worker is idle; both are then at the
    // gate together: two workers busy at once
    occupy_a_worker(pool, 2);
    auto third = task();
    EXPECT_FALSE(pool.submit(third));
    gate_.open();
    EXPECT_TRUE(pool.wait_idle(10s));
    EXPECT_EQ(runs_.load(), 2);
}

TEST(WorkerPool, DefaultsFollowTheCoreCount) {
    EXPECT_GE(simpleauth::server::default_workers(), 2U);
    EXPECT_EQ(simpleauth::server::default_queue(4), 64U);
}

}  // namespace
