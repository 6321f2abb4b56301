#pragma once
// One connection per thread: the server's I/O threads never share a connection, so neither back-end
// needs a lock around its statements (SQLite serializes writers itself, PostgreSQL has MVCC).

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>

#include "database.hpp"

namespace demo::db {

template <class Conn>
class PerThread {
public:
    explicit PerThread(std::function<std::unique_ptr<Conn>()> connect) : connect_(std::move(connect)) {}

    // this thread's connection, opened on first use
    Conn& get() {
        std::lock_guard lock(mutex_);
        auto& slot = conns_[std::this_thread::get_id()];
        if (!slot) {
            slot = connect_();
        }
        return *slot;
    }
    // this thread's connection if it has one
    Conn* find() {
        std::lock_guard lock(mutex_);
        auto it = conns_.find(std::this_thread::get_id());
        return it == conns_.end() ? nullptr : it->second.get();
    }

private:
    std::function<std::unique_ptr<Conn>()> connect_;
    std::mutex mutex_;
    std::map<std::thread::id, std::unique_ptr<Conn>> conns_;
};

// The request transaction of one connection: begun by the first statement, ended by end().
class Transactional {
public:
    Transactional() = default;
    Transactional(const Transactional&) = delete;
    Transactional& operator=(const Transactional&) = delete;
    virtual ~Transactional() = default;

    void script(std::string_view sql) {
        begin();
        run(std::string(sql));
    }
    void end(bool commit) {
        if (!in_transaction_) {
            return;
        }
        in_transaction_ = false;
        if (commit) {
            this->commit();
        } else {
            run("ROLLBACK");
        }
    }

protected:
    void begin() {
        if (!in_transaction_) {
            run(begin_statement());
            in_transaction_ = true;
        }
    }
    virtual const char* begin_statement() const = 0;
    virtual void run(const std::string& sql) = 0;  // one statement or a script, without parameters
    virtual void commit() = 0;                     // throws when the transaction was not committed

private:
    bool in_transaction_ = false;
};

// A back-end over per-thread connections of type Conn (exec, script, end): what both back-ends share.
template <class Conn>
class PerThreadBackend final : public Backend {
public:
    PerThreadBackend(Dialect dialect, std::function<std::unique_ptr<Conn>()> connect)
        : dialect_(dialect), conns_(std::move(connect)) {
        conns_.get();  // fail at start-up, not on the first request, when the database cannot be opened
    }
    Dialect dialect() const noexcept override { return dialect_; }
    Result exec(std::string_view sql, const std::vector<Value>& params) override {
        return conns_.get().exec(sql, params);
    }
    void script(std::string_view sql) override { conns_.get().script(sql); }
    void end_request(bool commit) override {
        if (Conn* conn = conns_.find()) {
            conn->end(commit);
        }
    }

private:
    Dialect dialect_;
    PerThread<Conn> conns_;
};

}  // namespace demo::db
