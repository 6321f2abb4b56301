// FSA_THROTTLE through the pipeline: basic and param logins throttled per account and per client address,
// a right password refused while throttled, tokens untouched, bad options refused at start-up.

#include <gtest/gtest.h>

#include <simpleauth/simpleauth.hpp>
#include <simpleauth/test_client.hpp>

#include "tokens/base64.hpp"

namespace sa = simpleauth;

namespace {

std::string basic(std::string_view login, std::string_view password) {
    return "Basic " + sa::detail::base64_encode(std::string(login) + ":" + std::string(password));
}

struct Throttled : ::testing::Test {
    sa::App app{"throttle-test"};
    sa::TestClient client{app};

    // the user calvin/hobbes-1; routes /me (AUTH) and /open (OPEN)
    void setup(const std::string& config) {
        app.config().from_string(
            "FSA_AUTH = [\"token\", \"password\", \"none\"]\n"
            "FSA_PASSWORD_SCHEME = \"plaintext\"\n"
            "FSA_SECURE = false\n" +  // plain HTTP from the test's 10.x and 192.0.2.x clients
            config);
        app.get_user_pass([](std::string_view login) -> std::optional<std::string> {
            return login == "calvin" ? std::optional<std::string>("hobbes-1") : std::nullopt;
        });
        app.get<"/me">(sa::AUTH, [](sa::CurrentUser u) { return u.login(); });
        app.get<"/open">(sa::OPEN, [] { return std::string("open"); });
        app.check();
    }

    int me(std::string_view login, std::string_view password) {
        return client.get("/me", {{"Authorization", basic(login, password)}}).status;
    }
};

TEST_F(Throttled, AccountLimitThenRightPasswordRefusedFromAnyAddress) {
    setup("FSA_THROTTLE_OPTS = { account = 3, address = 100, window = 86400 }");
    EXPECT_EQ(me("calvin", "hobbes-1"), 200);
    for (int i = 0; i < 3; ++i) {
        client.remote_addr = "10.0.0." + std::to_string(i);
        EXPECT_EQ(me("calvin", "wrong"), 401);
    }
    client.remote_addr = "10.0.0.99";
    auto r = client.get("/me", {{"Authorization", basic("calvin", "hobbes-1")}});
    EXPECT_EQ(r.status, 429) << "a right password while throttled: no oracle";
    const std::string* retry = r.headers.find("Retry-After");
    ASSERT_NE(retry, nullptr);
    EXPECT_GE(std::stoi(*retry), 1);
    EXPECT_LE(std::stoi(*retry), 86400);
    EXPECT_FALSE(r.headers.contains("WWW-Authenticate"));
    // param goes through the same check
    EXPECT_EQ(client.get("/me?USER=calvin&PASS=hobbes-1").status, 429);
    // a token of calvin's still works: tokens are not password guesses
    std::string token = app.create_token("calvin");
    EXPECT_EQ(client.get("/me", {{"Authorization", "Bearer " + token}}).status, 200);
    EXPECT_EQ(client.get("/open").status, 200);
}

TEST_F(Throttled, AddressLimitAcrossAccountsUnknownOnesIncluded) {
    setup("FSA_THROTTLE_OPTS = { account = 100, address = 4, window = 86400 }");
    client.remote_addr = "192.0.2.7";
    EXPECT_EQ(me("nobody", "x"), 401);
    EXPECT_EQ(me("calvin", "x"), 401);
    EXPECT_EQ(client.get("/me?USER=susie&PASS=x").status, 401);
    EXPECT_EQ(me("hobbes", "x"), 401);
    EXPECT_EQ(me("calvin", "hobbes-1"), 429);
    client.remote_addr = "192.0.2.8";
    EXPECT_EQ(me("calvin", "hobbes-1"), 200) << "another address is not throttled";
}

TEST_F(Throttled, UnknownAccountsCountLikeKnownOnes) {
    setup("FSA_THROTTLE_OPTS = { account = 2, address = 100, window = 86400 }");
    for (const char* login : {"calvin", "nobody"}) {
        EXPECT_EQ(me(login, "x"), 401);
        EXPECT_EQ(me(login, "x"), 401);
        EXPECT_EQ(me(login, "x"), 429) << login;
    }
}

TEST_F(Throttled, OnByDefaultAndOffOnRequest) {
    setup("");
    for (int i = 0; i < 10; ++i) {
        EXPECT_EQ(me("calvin", "wrong"), 401);
    }
    EXPECT_EQ(me("calvin", "hobbes-1"), 429) << "default: 10 failures per account";
}

TEST_F(Throttled, Off) {
    setup("FSA_THROTTLE = false");
    for (int i = 0; i < 60; ++i) {
        EXPECT_EQ(me("calvin", "wrong"), 401);
    }
    EXPECT_EQ(me("calvin", "hobbes-1"), 200);
}

TEST(ThrottleConfig, BadOptionsStopTheStartUp) {
    for (const char* config : {"FSA_THROTTLE_OPTS = { acount = 3 }",
                               "FSA_THROTTLE_OPTS = { account = -3 }",
                               "FSA_THROTTLE_OPTS = { window = 0 }",
                               "FSA_THROTTLE_OPTS = { account = 0, address = 0 }",
                               "FSA_THROTTLE = \"yes\""}) {
        sa::App app{"throttle-config"};
        app.get<"/me">(sa::AUTH, [](sa::CurrentUser u) { return u.login(); });
        EXPECT_THROW(
            {
                app.config().from_string(std::string("FSA_AUTH = [\"basic\"]\n") + config);
                app.check();
            },
            sa::ConfigError)
            << config;
    }
}

}  // namespace
