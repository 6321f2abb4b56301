// FSA_THROTTLE in process: the counting rules of core/throttle with an injected clock, and its options.
#include <gtest/gtest.h>

#include <simpleauth/errors.hpp>

#include "cache/cache_store.hpp"
#include "core/throttle.hpp"

namespace simpleauth::detail {
namespace {

std::unique_ptr<CacheStore> memory() {
    CacheConfig config;
    config.kind = "ttl";
    return make_cache_store(config);
}

// The status and Retry-After of what check() throws; 0 when it lets the attempt through.
std::pair<int, std::string> outcome(Throttle& throttle, std::string_view login, std::string_view address) {
    try {
        throttle.check(login, address);
        return {0, ""};
    } catch (const ErrorResponse& e) {
        const std::string* retry = e.headers().find("Retry-After");
        return {e.status(), retry != nullptr ? *retry : "none"};
    }
}

struct ThrottleTest : ::testing::Test {
    std::int64_t now = 1'000'000'000;  // a window boundary for windows of 10 s and 100 s
    Throttle throttle{ThrottleLimits{3, 5, 100}, memory(), nullptr, [this] { return now; }};
};

TEST_F(ThrottleTest, AccountLimitFromAnyAddressWithRetryAfterToTheWindowsEnd) {
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(outcome(throttle, "calvin", "10.0.0." + std::to_string(i)).first, 0);
        throttle.failed("calvin", "10.0.0." + std::to_string(i));
    }
    now += 40;
    EXPECT_EQ(outcome(throttle, "calvin", "10.0.0.9"), std::make_pair(429, std::string("60")));
    EXPECT_EQ(outcome(throttle, "hobbes", "10.0.0.9").first, 0) << "other accounts from that address are not";
    now += 59;
    EXPECT_EQ(outcome(throttle, "calvin", "10.0.0.9"), std::make_pair(429, std::string("1")));
    now += 1;  // the next window
    EXPECT_EQ(outcome(throttle, "calvin", "10.0.0.9").first, 0);
}

TEST_F(ThrottleTest, AddressLimitAcrossAccountsUnknownOnesIncluded) {
    for (int i = 0; i < 5; ++i) {
        throttle.failed("nobody-" + std::to_string(i), "10.0.0.1");
    }
    EXPECT_EQ(outcome(throttle, "calvin", "10.0.0.1").first, 429);
    EXPECT_EQ(outcome(throttle, "calvin", "10.0.0.2").first, 0) << "other addresses are not";
    EXPECT_EQ(outcome(throttle, "nobody-0", "10.0.0.2").first, 0) << "1 failure of 3 for that name";
}

TEST_F(ThrottleTest, OnlyFailuresCount) {
    for (int i = 0; i < 50; ++i) {
        EXPECT_EQ(outcome(throttle, "calvin", "10.0.0.1").first, 0);  // checks of right passwords
    }
    throttle.failed("calvin", "10.0.0.1");
    throttle.failed("calvin", "10.0.0.1");
    EXPECT_EQ(outcome(throttle, "calvin", "10.0.0.1").first, 0);
    throttle.failed("calvin", "10.0.0.1");
    EXPECT_EQ(outcome(throttle, "calvin", "10.0.0.1").first, 429);
}

TEST_F(ThrottleTest, LoginsAndAddressesDoNotShareCounters) {
    for (int i = 0; i < 3; ++i) {
        throttle.failed("10.0.0.1", "10.0.0.2");  // a login that reads like an address
    }
    EXPECT_EQ(outcome(throttle, "calvin", "10.0.0.1").first, 0);
    EXPECT_EQ(outcome(throttle, "10.0.0.1", "10.0.0.3").first, 429);
}

TEST(Throttle, ZeroDisablesOneKey) {
    std::int64_t now = 500;
    Throttle throttle{ThrottleLimits{0, 2, 10}, memory(), nullptr, [&] { return now; }};
    for (int i = 0; i < 100; ++i) {
        throttle.failed("calvin", "10.0.0." + std::to_string(i));
    }
    EXPECT_EQ(outcome(throttle, "calvin", "10.0.0.200").first, 0);
    throttle.failed("x", "10.0.0.200");
    throttle.failed("y", "10.0.0.200");
    EXPECT_EQ(outcome(throttle, "calvin", "10.0.0.200").first, 429);
}

std::unique_ptr<CacheStore> none() {
    CacheConfig config;
    config.kind = "none";  // stands for an unreachable shared store: increment() answers nullopt
    return make_cache_store(config);
}

// No store able to count must not let anybody try a password: 503, never "no failures".
TEST(Throttle, NoStoreAbleToCountFailsClosed) {
    Throttle throttle{ThrottleLimits{}, none()};
    EXPECT_EQ(outcome(throttle, "calvin", "10.0.0.1"), std::make_pair(503, std::string("1")));
    EXPECT_NO_THROW(throttle.failed("calvin", "10.0.0.1"));
}

// A shared store down: the process's own counts still throttle, and right passwords still get through.
TEST(Throttle, TheFallbackCountsWhileTheSharedStoreIsDown) {
    Throttle throttle{ThrottleLimits{2, 50, 60}, none(), memory()};
    EXPECT_EQ(outcome(throttle, "calvin", "10.0.0.1").first, 0);
    throttle.failed("calvin", "10.0.0.1");
    throttle.failed("calvin", "10.0.0.1");
    EXPECT_EQ(outcome(throttle, "calvin", "10.0.0.1").first, 429);
}

TEST(Throttle, OptionsDefaultsAndRefusals) {
    ThrottleLimits defaults = parse_throttle_options({});
    EXPECT_EQ(defaults.account, 10);
    EXPECT_EQ(defaults.address, 50);
    EXPECT_EQ(defaults.window, 300);
    ThrottleLimits set = parse_throttle_options({{"account", "3"}, {"address", "0"}, {"window", "2"}});
    EXPECT_EQ(set.account, 3);
    EXPECT_EQ(set.address, 0);
    EXPECT_EQ(set.window, 2);
    for (const ConfigTable& bad : {ConfigTable{{"acount", "3"}},
                                   ConfigTable{{"account", "-1"}},
                                   ConfigTable{{"account", "ten"}},
                                   ConfigTable{{"account", "2.5"}},
                                   ConfigTable{{"window", "0"}},
                                   ConfigTable{{"window", "86401"}},
                                   ConfigTable{{"account", "0"}, {"address", "0"}}}) {
        try {
            parse_throttle_options(bad);
            ADD_FAILURE() << "accepted " << bad.begin()->first << " = " << bad.begin()->second;
        } catch (const ConfigError& e) {
            EXPECT_NE(std::string(e.what()).find("FSA_THROTTLE"), std::string::npos) << e.what();
        }
    }
}

}  // namespace
}  // namespace simpleauth::detail
