// RequestState recycling: a state handed back is reused by the thread's next request, emptied of
// everything the previous request put in it (a client's values must never reach another's request).

#include <gtest/gtest.h>

#include <thread>

#include "server/request_state.hpp"

using simpleauth::server::RequestState;

namespace {

void fill(RequestState& s, std::size_t body_size) {
    s.raw_uri = "/secret?token=abc";
    s.raw_uri_in_buffer = s.raw_uri.c_str();
    s.request.method = "POST";
    s.request.path = "/secret";
    s.request.query = "token=abc";
    s.request.version = "HTTP/1.1";
    s.request.headers.add("Authorization", "Bearer abc");
    s.request.body.assign(body_size, 'x');
    s.request.remote_addr = "10.0.0.7";
    s.request.secure = true;
    s.head_seen = true;
    s.dispatched = true;
    s.response = simpleauth::http::Response::text(200, "for the previous client");
}

void expect_empty(const RequestState& s) {
    EXPECT_TRUE(s.raw_uri.empty());
    EXPECT_EQ(s.raw_uri_in_buffer, nullptr);
    EXPECT_TRUE(s.request.method.empty());
    EXPECT_TRUE(s.request.path.empty());
    EXPECT_TRUE(s.request.query.empty());
    EXPECT_TRUE(s.request.version.empty());
    EXPECT_TRUE(s.request.headers.empty());
    EXPECT_TRUE(s.request.body.empty());
    EXPECT_TRUE(s.request.remote_addr.empty());
    EXPECT_FALSE(s.request.secure);
    EXPECT_FALSE(s.head_seen);
    EXPECT_FALSE(s.dispatched);
    EXPECT_FALSE(s.response.has_value());
}

}  // namespace

TEST(RequestState, ARecycledStateIsEmptyAndReused) {
    RequestState* first = RequestState::acquire();
    ASSERT_NE(first, nullptr);
    fill(*first, 100);
    RequestState::release(first);
    RequestState* second = RequestState::acquire();
    EXPECT_EQ(second, first);  // the same object, its buffers kept
    expect_empty(*second);
    EXPECT_GE(second->request.body.capacity(), 100u);
    RequestState::release(second);
}

TEST(RequestState, ALargeBodyBufferIsNotKept) {
    RequestState* state = RequestState::acquire();
    fill(*state, 1 << 20);
    RequestState::release(state);
    RequestState* again = RequestState::acquire();
    expect_empty(*again);
    EXPECT_LT(again->request.body.capacity(), std::size_t{1} << 20);
    RequestState::release(again);
}

TEST(RequestState, EachThreadKeepsABoundedNumber) {
    std::thread([] {
        std::vector<RequestState*> states;
        for (int i = 0; i < 200; ++i) {
            states.push_back(RequestState::acquire());
        }
        for (RequestState* s : states) {
            RequestState::release(s);  // the ones past the bound are freed (ASan would see a leak otherwise)
        }
        RequestState* reused = RequestState::acquire();
        expect_empty(*reused);
        RequestState::release(reused);
    }).join();
}
