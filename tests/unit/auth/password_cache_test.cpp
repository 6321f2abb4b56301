// FSA_PASSWORD_CACHE_TTL through the pipeline: how many bcrypt verifications each basic request costs.
// The count is read from the thread's CPU time (the test client runs the pipeline on this thread):
// one verification at bcrypt cost 8 takes milliseconds, a request without one microseconds, and CPU
// time does not grow when a loaded machine preempts the test.

#include <gtest/gtest.h>

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <simpleauth/simpleauth.hpp>
#include <simpleauth/test_client.hpp>
#include <thread>

#include "passwords/passwords.hpp"
#include "tokens/base64.hpp"

namespace sa = simpleauth;

namespace {

double cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

template <class F>
double cpu_of(F&& f) {
    double start = cpu_seconds();
    f();
    return cpu_seconds() - start;
}

std::string basic(std::string_view login, std::string_view password) {
    return "Basic " + sa::detail::base64_encode(std::string(login) + ":" + std::string(password));
}

struct PasswordCache : ::testing::Test {
    sa::App app{"password-cache-test"};
    sa::TestClient client{app};
    std::map<std::string, std::string, std::less<>> users;  // login -> bcrypt hash
    int alternate_calls = 0;
    double one_verification = 0;  // CPU seconds

    // the user calvin/hobbes-1 (bcrypt cost 8); /me needs a user
    void setup(const std::string& config) {
        app.config().from_string(
            "FSA_AUTH = \"basic\"\n"
            "FSA_PASSWORD_SCHEME = \"bcrypt\"\n"
            "FSA_PASSWORD_OPTS = { rounds = 8 }\n"
            "FSA_SECURE = false\n" +
            config);
        app.get_user_pass([this](std::string_view login) -> std::optional<std::string> {
            auto it = users.find(login);
            return it == users.end() ? std::nullopt : std::optional<std::string>(it->second);
        });
        app.get<"/me">(sa::AUTH, [](sa::CurrentUser u) { return u.login(); });
        app.check();
        users["calvin"] = app.hash_password("hobbes-1", false);
        one_verification = 1e9;
        for (int i = 0; i < 3; ++i) {  // the cheapest of three: the cost without noise
            one_verification =
                std::min(one_verification, cpu_of([&] { (void)app.password_context().verify("x", users["calvin"]); }));
        }
        ASSERT_GT(one_verification, 100e-6) << "bcrypt cost 8 should take far more CPU than a request";
    }

    int status = 0;
    // the verifications one request made, rounded: 0 when served from the verdict table
    long verifications(std::string_view login, std::string_view password) {
        double cost = cpu_of([&] { status = client.get("/me", {{"Authorization", basic(login, password)}}).status; });
        return std::lround(cost / one_verification);
    }
};

TEST_F(PasswordCache, SecondRightPasswordIsNotVerifiedAgain) {
    setup("FSA_PASSWORD_CACHE_TTL = 600\n");
    EXPECT_EQ(verifications("calvin", "hobbes-1"), 1);
    EXPECT_EQ(status, 200);
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(verifications("calvin", "hobbes-1"), 0);
        EXPECT_EQ(status, 200);
    }
}

TEST_F(PasswordCache, WrongPasswordAlwaysVerifiedAndRefused) {
    setup("FSA_PASSWORD_CACHE_TTL = 600\nFSA_THROTTLE = false\n");
    EXPECT_EQ(verifications("calvin", "hobbes-1"), 1);
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(verifications("calvin", "hobbes-2"), 1) << "failures are never cached";
        EXPECT_EQ(status, 401);
    }
    EXPECT_EQ(verifications("calvin", "hobbes-1"), 0);
    EXPECT_EQ(status, 200);
    EXPECT_EQ(verifications("nobody", "hobbes-1"), 1) << "an unknown user costs the dummy verification";
    EXPECT_EQ(status, 401);
    EXPECT_EQ(verifications("nobody", "hobbes-1"), 1);
}

TEST_F(PasswordCache, PasswordChangeRefusesTheOldPasswordAtOnce) {
    setup("FSA_PASSWORD_CACHE_TTL = 600\n");
    EXPECT_EQ(verifications("calvin", "hobbes-1"), 1);
    EXPECT_EQ(verifications("calvin", "hobbes-1"), 0);
    users["calvin"] = app.hash_password("hobbes-2", false);
    EXPECT_TRUE(app.password_uncache("calvin"));
    EXPECT_EQ(verifications("calvin", "hobbes-1"), 1);
    EXPECT_EQ(status, 401) << "the old password's verdict is gone with the old hash";
    EXPECT_EQ(verifications("calvin", "hobbes-2"), 1);
    EXPECT_EQ(status, 200);
    EXPECT_EQ(verifications("calvin", "hobbes-2"), 0);
}

TEST_F(PasswordCache, UncacheAndClearDropTheVerdicts) {
    setup("FSA_PASSWORD_CACHE_TTL = 600\n");
    EXPECT_EQ(verifications("calvin", "hobbes-1"), 1);
    app.password_uncache("calvin");
    EXPECT_EQ(verifications("calvin", "hobbes-1"), 1);
    app.clear_caches();
    EXPECT_EQ(verifications("calvin", "hobbes-1"), 1);
    app.auth_uncache("calvin");
    EXPECT_EQ(verifications("calvin", "hobbes-1"), 1);
    EXPECT_EQ(verifications("calvin", "hobbes-1"), 0);
}

TEST_F(PasswordCache, VerdictsExpireAfterTheTtl) {
    setup("FSA_PASSWORD_CACHE_TTL = 1\n");
    EXPECT_EQ(verifications("calvin", "hobbes-1"), 1);
    EXPECT_EQ(verifications("calvin", "hobbes-1"), 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    // the first request after a second of sleep costs 1.2 to 1.9 verifications of CPU here whatever it
    // verifies (a wrong password does the same), the next ones 1.0 to 1.2: a request of another user,
    // which touches no verdict of calvin's, takes that cost first
    (void)verifications("nobody", "hobbes-1");
    EXPECT_EQ(verifications("calvin", "hobbes-1"), 1);
    EXPECT_EQ(status, 200);
}

TEST_F(PasswordCache, OffByDefault) {
    setup("");
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(verifications("calvin", "hobbes-1"), 1) << "upstream: every check verifies";
        EXPECT_EQ(status, 200);
    }
}

TEST_F(PasswordCache, ZeroTtlNeverCaches) {
    setup("FSA_PASSWORD_CACHE_TTL = 0\n");
    EXPECT_EQ(verifications("calvin", "hobbes-1"), 1);
    EXPECT_EQ(verifications("calvin", "hobbes-1"), 1);
}

TEST_F(PasswordCache, TableBoundHolds) {
    setup("FSA_PASSWORD_CACHE_TTL = 600\nFSA_PASSWORD_CACHE_SIZE = 1\n");
    users["susie"] = app.hash_password("derkins", false);
    EXPECT_EQ(verifications("calvin", "hobbes-1"), 1);
    EXPECT_EQ(verifications("calvin", "hobbes-1"), 0);
    for (int i = 0; i < 2; ++i) {
        EXPECT_EQ(verifications("susie", "derkins"), 1) << "one entry: each login's verdict evicts the other's";
        EXPECT_EQ(verifications("calvin", "hobbes-1"), 1);
        EXPECT_EQ(status, 200);
    }
}

TEST_F(PasswordCache, ThrottlingStillAppliesBeforeACachedSuccess) {
    setup("FSA_PASSWORD_CACHE_TTL = 600\nFSA_THROTTLE_OPTS = { account = 2, address = 100, window = 86400 }\n");
    EXPECT_EQ(verifications("calvin", "hobbes-1"), 1);
    EXPECT_EQ(verifications("calvin", "x"), 1);
    EXPECT_EQ(verifications("calvin", "y"), 1);
    verifications("calvin", "hobbes-1");
    EXPECT_EQ(status, 429) << "the throttle answers before any verdict is looked up";
}

TEST_F(PasswordCache, AlternateCheckerIsNotCached) {
    app.password_check([this](std::string_view login, std::string_view password) {
        ++alternate_calls;
        return login == "calvin" && password == "master-key";
    });
    setup("FSA_PASSWORD_CACHE_TTL = 600\n");
    for (int i = 1; i <= 3; ++i) {
        EXPECT_EQ(verifications("calvin", "master-key"), 1) << "the hash is verified (and fails) every time";
        EXPECT_EQ(status, 200);
        EXPECT_EQ(alternate_calls, i);
    }
}

TEST(PasswordCacheConfig, BadValuesRefusedAtStartUp) {
    for (const char* config : {"FSA_PASSWORD_CACHE_TTL = -1",
                               "FSA_PASSWORD_CACHE_TTL = \"600\"",
                               "FSA_PASSWORD_CACHE_TTL = 1.5",
                               "FSA_PASSWORD_CACHE_SIZE = 0",
                               "FSA_PASSWORD_CACHE_SIZE = -5"}) {
        sa::App app{"password-cache-config"};
        app.get_user_pass([](std::string_view) { return std::optional<std::string>(); });
        app.get<"/me">(sa::AUTH, [](sa::CurrentUser u) { return u.login(); });
        try {
            app.config().from_string(std::string("FSA_AUTH = \"basic\"\n") + config + "\n");
            app.check();
            ADD_FAILURE() << config << " accepted";
        } catch (const sa::ConfigError& e) {
            EXPECT_NE(std::string(e.what()).find("FSA_PASSWORD_CACHE_"), std::string::npos) << e.what();
        }
    }
}

}  // namespace
