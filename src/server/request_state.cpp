#include "server/request_state.hpp"

#include <memory>
#include <new>
#include <vector>

namespace simpleauth::server {

namespace {

// Every member of http::Request must be emptied by recycle(): a field it forgot would carry one
// client's value (an address, a header) into another client's request. This fails to compile when
// a member is added, until recycle() clears it too and the size below is updated.
static_assert(sizeof(http::Request) == 6 * sizeof(std::string) + sizeof(http::Headers) + sizeof(std::size_t),
              "http::Request changed: clear the new member in RequestState::recycle()");

constexpr std::size_t kept_per_thread = 64;          // enough for the requests a thread has in flight
constexpr std::size_t largest_kept_body = 64 << 10;  // an upload's buffer is not kept for every request

thread_local std::vector<std::unique_ptr<RequestState>> recycled;

}  // namespace

void RequestState::recycle() {
    raw_uri.clear();
    raw_uri_in_buffer = nullptr;
    request.method.clear();
    request.path.clear();
    request.query.clear();
    request.version.clear();
    request.headers.clear();
    if (request.body.capacity() > largest_kept_body) {
        std::string().swap(request.body);
    } else {
        request.body.clear();
    }
    request.remote_addr.clear();
    request.secure = false;
    head_seen = false;
    dispatched = false;
    response.reset();
}

RequestState* RequestState::acquire() noexcept {
    if (!recycled.empty()) {
        RequestState* state = recycled.back().release();
        recycled.pop_back();
        return state;
    }
    return new (std::nothrow) RequestState;
}

void RequestState::release(RequestState* state) noexcept {
    if (recycled.size() >= kept_per_thread) {
        delete state;
        return;
    }
    state->recycle();
    try {
        recycled.emplace_back(state);
    } catch (...) {
        delete state;  // the vector could not grow: the state is simply not kept
    }
}

}  // namespace simpleauth::server
