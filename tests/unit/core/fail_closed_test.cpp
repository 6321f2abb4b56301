// REQ-AUTHZ-03, fail closed: a hook that throws (a group or permission check, a password lookup, a custom
// authentication scheme, a before-request or before-exec hook) is a 500 (FSA_SERVER_ERROR), never a pass:
// the handler is not called and the body says nothing of the exception.

#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <simpleauth/simpleauth.hpp>
#include <simpleauth/test_client.hpp>
#include <stdexcept>
#include <string>

#include "tokens/base64.hpp"

namespace sa = simpleauth;
using sa::Param;

namespace {

constexpr const char* kLeak = "SECRET-HOOK-DETAIL";

[[noreturn]] void fail() {
    throw std::runtime_error(kLeak);
}

// one route per kind of authorization, each counting its calls; `throwing` says which hook throws
struct FailClosed : ::testing::Test {
    sa::App app{"fail-closed"};
    sa::TestClient client{app};
    std::atomic<int> handler_calls{0};
    std::string throwing;

    void setup(const std::string& extra = "") {
        app.config().from_string(
            "FSA_AUTH = [\"key\", \"basic\", \"none\"]\nFSA_PASSWORD_SCHEME = \"plaintext\"\n"
            "FSA_THROTTLE = false\n" +
            extra);
        app.authentication("key", [this](sa::Context& ctx) -> std::optional<std::string> {
            if (throwing == "scheme") {
                fail();
            }
            const std::string* key = ctx.request().headers.find("X-Key");
            return key ? std::optional<std::string>("calvin") : std::nullopt;
        });
        app.get_user_pass([this](std::string_view) -> std::optional<std::string> {
            if (throwing == "get_user_pass") {
                fail();
            }
            return "hobbes-1";
        });
        app.group_check("admin", [this](std::string_view) {
            if (throwing == "group_check") {
                fail();
            }
            return true;
        });
        app.user_in_group([this](std::string_view, std::string_view) {
            if (throwing == "user_in_group") {
                fail();
            }
            return true;
        });
        app.object_perms("thing", [this](std::string_view, int, std::string_view) -> std::optional<bool> {
            if (throwing == "object_perms") {
                fail();
            }
            return true;
        });
        app.before_request([this](sa::http::Request&) -> std::optional<sa::http::Response> {
            if (throwing == "before_request") {
                fail();
            }
            if (throwing == "before_request_non_standard") {
                throw 42;
            }
            return std::nullopt;
        });
        app.before_exec([this](sa::Context&) -> std::optional<sa::http::Response> {
            if (throwing == "before_exec") {
                fail();
            }
            return std::nullopt;
        });
        auto handler = [this] {
            ++handler_calls;
            return std::string("ran");
        };
        app.get<"/auth">(sa::AUTH, handler);
        app.get<"/admin">(sa::authz<"admin">, handler);
        app.get<"/staff">(sa::authz<"staff">, handler);  // no group_check: user_in_group decides
        app.get<"/thing/<id>">(sa::object<"thing", "id">, [this](Param<"id", int>) {
            ++handler_calls;
            return std::string("ran");
        });
    }

    sa::http::Response as_calvin(const std::string& path) {
        return client.get(path, {{"Authorization", "Basic " + sa::detail::base64_encode("calvin:hobbes-1")}});
    }

    // the hook throws on path: status, handler never called, nothing of the exception in the answer
    void expect_fail_closed(const std::string& hook, const std::string& path, int status = 500) {
        SCOPED_TRACE(hook + " on " + path);
        throwing = "";
        ASSERT_EQ(as_calvin(path).status, 200);  // the route works when nothing throws
        app.clear_caches();                      // and the hook is asked again
        handler_calls = 0;
        throwing = hook;
        sa::http::Response r = as_calvin(path);
        EXPECT_EQ(r.status, status);
        EXPECT_EQ(handler_calls, 0);
        EXPECT_EQ(r.body.find(kLeak), std::string::npos) << r.body;
        for (const auto& field : r.headers) {
            EXPECT_EQ(field.value.find(kLeak), std::string::npos) << field.name;
        }
    }
};

}  // namespace

TEST_F(FailClosed, ThrowingGroupCheck) {
    setup();
    expect_fail_closed("group_check", "/admin");
}

TEST_F(FailClosed, ThrowingUserInGroup) {
    setup();
    expect_fail_closed("user_in_group", "/staff");
}

TEST_F(FailClosed, ThrowingObjectPerms) {
    setup();
    expect_fail_closed("object_perms", "/thing/1");
}

TEST_F(FailClosed, ThrowingGetUserPass) {
    setup();
    expect_fail_closed("get_user_pass", "/auth");
}

// upstream logs the failure and tries the next scheme; here that next scheme could be "none" or a weaker one
TEST_F(FailClosed, ThrowingCustomSchemeIsNoPassToTheNextScheme) {
    setup();
    expect_fail_closed("scheme", "/auth");
}

TEST_F(FailClosed, ThrowingBeforeRequestAndBeforeExecHooks) {
    setup();
    expect_fail_closed("before_request", "/auth");
    expect_fail_closed("before_request_non_standard", "/auth");
    expect_fail_closed("before_exec", "/auth");
}

TEST_F(FailClosed, StatusIsFsaServerError) {
    setup("FSA_SERVER_ERROR = 503\n");
    for (const char* hook : {"group_check", "scheme", "before_exec"}) {
        expect_fail_closed(hook, hook == std::string("group_check") ? "/admin" : "/auth", 503);
    }
    expect_fail_closed("object_perms", "/thing/1", 503);
    expect_fail_closed("get_user_pass", "/auth", 503);
}
