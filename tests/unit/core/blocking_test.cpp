// Which requests the server hands to its worker pool (Pipeline::blocks) and the 503 it answers when
// the pool is full (Pipeline::busy).

#include <gtest/gtest.h>

#include <simpleauth/simpleauth.hpp>

#include "core/app_state.hpp"
#include "core/pipeline.hpp"
#include "core/route_memo.hpp"
#include "tokens/base64.hpp"

namespace sa = simpleauth;

namespace {

struct BlockingTest : ::testing::Test {
    sa::App app{"test"};

    BlockingTest() {
        app.config().from_string(R"(
FSA_AUTH = ["token", "basic", "digest", "param", "none"]
FSA_TOKEN_SECRET = "a test secret that is long enough for HS256"
FSA_ERROR_RESPONSE = "json:error"
FSA_ADD_HEADERS = { X-App = "test" }
FSA_PASSWORD_OPTS = { rounds = 4 }
)");
        app.get_user_pass([](std::string_view) { return std::optional<std::string>(); });
        app.get<"/open">(sa::OPEN, [] { return "open"; });
        app.get<"/who">(sa::OPEN, [](std::optional<sa::CurrentUser> u) { return u ? u->login() : std::string(); });
        app.get<"/me">(sa::AUTH, [](sa::CurrentUser u) { return u.login(); });
        app.get<"/token">(sa::AUTH, sa::authn<"token">, [](sa::CurrentUser u) { return u.login(); });
        app.get<"/param">(sa::AUTH, sa::authn<"param">, [](sa::CurrentUser u) { return u.login(); });
        app.post<"/db">(sa::OPEN, sa::blocking, [] { return "written"; });
        app.get<"/closed">(sa::CLOSE, [] { return "never"; });
        app.check();
    }

    bool blocks(std::string method, std::string path, std::string authorization = "", std::string query = "") {
        sa::http::Request r;
        r.method = std::move(method);
        r.path = std::move(path);
        r.query = std::move(query);
        if (!authorization.empty()) {
            r.headers.add("Authorization", authorization);
        }
        return sa::detail::Pipeline::blocks(app.state(), r);
    }
};

TEST_F(BlockingTest, PasswordCredentialsGoToThePool) {
    EXPECT_TRUE(blocks("GET", "/me", "Basic Y2FsdmluOmhvYmJlcw=="));
    EXPECT_TRUE(blocks("GET", "/me", "basic Y2FsdmluOmhvYmJlcw=="));  // scheme names are case-insensitive
    EXPECT_TRUE(blocks("GET", "/me", "Digest username=\"calvin\""));
    EXPECT_TRUE(blocks("GET", "/param", "", "USER=calvin&PASS=hobbes"));
    // an optional current user on an OPEN route authenticates too
    EXPECT_TRUE(blocks("GET", "/who", "Basic Y2FsdmluOmhvYmJlcw=="));
}

TEST_F(BlockingTest, TokenOpenAndUnroutedRequestsStayOnTheIoThread) {
    EXPECT_FALSE(blocks("GET", "/me", "Bearer some.jwt.token"));
    EXPECT_FALSE(blocks("GET", "/me"));
    EXPECT_FALSE(blocks("GET", "/me", "Basicx"));
    EXPECT_FALSE(blocks("GET", "/open", "Basic Y2FsdmluOmhvYmJlcw=="));   // an OPEN handler never asks
    EXPECT_FALSE(blocks("GET", "/token", "Basic Y2FsdmluOmhvYmJlcw=="));  // basic is not this route's scheme
    EXPECT_FALSE(blocks("GET", "/param"));
    EXPECT_FALSE(blocks("GET", "/closed", "Basic Y2FsdmluOmhvYmJlcw=="));
    EXPECT_FALSE(blocks("GET", "/nowhere", "Basic Y2FsdmluOmhvYmJlcw=="));
    EXPECT_FALSE(blocks("DELETE", "/me", "Basic Y2FsdmluOmhvYmJlcw=="));  // 405
}

TEST_F(BlockingTest, RoutesDeclaredBlockingGoToThePool) {
    EXPECT_TRUE(blocks("POST", "/db"));
    EXPECT_FALSE(blocks("GET", "/db"));  // another method: 405, answered at once
}

TEST_F(BlockingTest, BusyIsA503WithRetryAfterRenderedLikeOtherErrors) {
    sa::http::Request r;
    r.method = "GET";
    r.path = "/me";
    auto response = sa::detail::Pipeline::busy(app, app.state(), r);
    EXPECT_EQ(response.status, 503);
    ASSERT_NE(response.headers.find("Retry-After"), nullptr);
    EXPECT_EQ(*response.headers.find("Retry-After"), "1");
    EXPECT_EQ(response.body, R"({"error":"server busy, retry later"})");
    ASSERT_NE(response.headers.find("X-App"), nullptr);  // FSA_ADD_HEADERS, as on any response
}

}  // namespace

// Pipeline::blocks hands its route match to Pipeline::run on the same thread (core/route_memo.hpp):
// a request is routed once, and only a match for the same router, method and path is ever reused.
TEST_F(BlockingTest, TheMatchOfBlocksIsTakenOnceForTheSameRequest) {
    sa::http::Request r;
    r.method = "GET";
    r.path = "/me";
    EXPECT_FALSE(sa::detail::Pipeline::blocks(app.state(), r));
    auto match = sa::detail::RouteMemo::take(app.state().router, r);
    ASSERT_TRUE(match.has_value());
    EXPECT_EQ(match->status, sa::detail::RouteMatch::Status::found);
    EXPECT_FALSE(sa::detail::RouteMemo::take(app.state().router, r).has_value());  // taken once

    EXPECT_FALSE(sa::detail::Pipeline::blocks(app.state(), r));
    sa::http::Request other = r;
    other.path = "/open";
    EXPECT_FALSE(sa::detail::RouteMemo::take(app.state().router, other).has_value());
    EXPECT_FALSE(sa::detail::RouteMemo::take(app.state().router, r).has_value());  // a miss empties it too

    sa::App second{"second"};
    EXPECT_FALSE(sa::detail::Pipeline::blocks(app.state(), r));
    EXPECT_FALSE(sa::detail::RouteMemo::take(second.state().router, r).has_value());  // another app's router
}

// A before-request hook may rewrite the path after the server asked blocks(): the request is answered
// by the route of the path it has when it is routed, not by the remembered one.
TEST(RouteMemo, ABeforeRequestHookThatRewritesThePathIsRoutedAgain) {
    sa::App app{"rewrite"};
    app.config().from_string("FSA_AUTH = [\"none\"]\n");
    app.before_request([](sa::http::Request& r) -> std::optional<sa::http::Response> {
        if (r.path == "/old") {
            r.path = "/new";
        }
        return std::nullopt;
    });
    app.get<"/old">(sa::OPEN, [] { return "old"; });
    app.get<"/new">(sa::OPEN, [] { return "new"; });
    app.check();
    sa::http::Request r;
    r.method = "GET";
    r.path = "/old";
    r.version = "HTTP/1.1";
    r.remote_addr = "127.0.0.1";
    EXPECT_FALSE(sa::detail::Pipeline::blocks(app.state(), r));
    EXPECT_EQ(app.handle(r).body, "new");
    r.path = "/new";
    EXPECT_FALSE(sa::detail::Pipeline::blocks(app.state(), r));
    EXPECT_EQ(app.handle(r).body, "new");
}

namespace {

// FSA_PASSWORD_CACHE_TTL: basic credentials whose success is remembered stay on the I/O thread
struct RememberedBasic : ::testing::Test {
    sa::App app{"remembered"};
    std::string hash;

    void setup(const std::string& cache) {
        app.config().from_string("FSA_AUTH = [\"basic\"]\nFSA_PASSWORD_OPTS = { rounds = 4 }\n" + cache);
        hash = app.hash_password("hobbes-password-1", false);
        app.get_user_pass([this](std::string_view login) {
            return login == "calvin" ? std::optional<std::string>(hash) : std::nullopt;
        });
        app.get<"/me">(sa::AUTH, [](sa::CurrentUser u) { return u.login(); });
        app.check();
    }
    sa::http::Request request(const std::string& password) {
        sa::http::Request r;
        r.method = "GET";
        r.path = "/me";
        r.version = "HTTP/1.1";
        r.remote_addr = "127.0.0.1";
        r.headers.add("Authorization", "Basic " + sa::detail::base64_encode("calvin:" + password));
        return r;
    }
    bool blocks(const std::string& password) { return sa::detail::Pipeline::blocks(app.state(), request(password)); }
    int answer(const std::string& password) {
        auto r = request(password);
        return app.handle(r).status;
    }
};

}  // namespace

TEST_F(RememberedBasic, ARememberedSuccessIsCheckedOnTheIoThread) {
    setup("FSA_PASSWORD_CACHE_TTL = 600\n");
    EXPECT_TRUE(blocks("hobbes-password-1"));  // never checked yet: a hash to verify
    EXPECT_EQ(answer("hobbes-password-1"), 200);
    EXPECT_FALSE(blocks("hobbes-password-1"));  // remembered: an HMAC and a lookup
    EXPECT_TRUE(blocks("hobbes-password-2"));   // another password is verified, on the pool
    EXPECT_EQ(answer("hobbes-password-2"), 401);
    EXPECT_TRUE(blocks("hobbes-password-2"));  // failures are never remembered
    EXPECT_TRUE(app.password_uncache("calvin"));
    EXPECT_TRUE(blocks("hobbes-password-1"));  // forgotten
}

TEST_F(RememberedBasic, OnlyAnInProcessCacheIsConsulted) {
    setup("FSA_PASSWORD_CACHE_TTL = 600\nFSA_CACHE = \"none\"\n");  // the stored hash is nowhere in memory: the hook
                                                                    // must be asked
    EXPECT_EQ(answer("hobbes-password-1"), 200);
    EXPECT_TRUE(blocks("hobbes-password-1"));
}

TEST_F(RememberedBasic, OffByDefault) {
    setup("");
    EXPECT_EQ(answer("hobbes-password-1"), 200);
    EXPECT_TRUE(blocks("hobbes-password-1"));
}
