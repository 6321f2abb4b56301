// The table of FSA_PASSWORD_CACHE_TTL on its own: digests, expiry on an injected clock, the bound,
// forget and clear.

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "auth/password_verdicts.hpp"

namespace {

using simpleauth::detail::PasswordVerdicts;
using namespace std::chrono_literals;

struct VerdictTable : ::testing::Test {
    PasswordVerdicts::TimePoint now{};  // the tests move it by hand
    PasswordVerdicts::Clock clock() {
        return [this] { return now; };
    }
};

TEST_F(VerdictTable, DigestDependsOnEveryPartAndTheirBoundaries) {
    PasswordVerdicts v(60s, 16, clock());
    auto d = v.digest("calvin", "hobbes", "$2b$hash");
    EXPECT_EQ(d, v.digest("calvin", "hobbes", "$2b$hash"));
    EXPECT_NE(d, v.digest("calvin", "hobbes", "$2b$other"));  // a new hash: the old verdict is unreachable
    EXPECT_NE(d, v.digest("calvin", "hobbez", "$2b$hash"));
    EXPECT_NE(d, v.digest("susie", "hobbes", "$2b$hash"));
    EXPECT_NE(v.digest("ab", "c", "h"), v.digest("a", "bc", "h")) << "length-prefixed parts";
    PasswordVerdicts other(60s, 16, clock());
    EXPECT_NE(d, other.digest("calvin", "hobbes", "$2b$hash")) << "a random key per table";
}

TEST_F(VerdictTable, HoldsUntilTheTtlThenForgets) {
    PasswordVerdicts v(60s, 16, clock());
    auto d = v.digest("calvin", "hobbes", "h");
    EXPECT_FALSE(v.holds(d));
    v.remember(d, "calvin");
    EXPECT_TRUE(v.holds(d));
    now += 59s;
    EXPECT_TRUE(v.holds(d));
    now += 1s;
    EXPECT_FALSE(v.holds(d)) << "expired at the ttl";
    EXPECT_EQ(v.size(), 0u) << "an expired entry found is dropped";
}

TEST_F(VerdictTable, BoundHoldsWhateverIsInserted) {
    for (std::size_t capacity : {1u, 2u, 4u, 7u, 100u}) {
        PasswordVerdicts v(60s, capacity, clock());
        for (int i = 0; i < 1000; ++i) {
            auto d = v.digest("u" + std::to_string(i), "p", "h");
            v.remember(d, "u" + std::to_string(i));
            ASSERT_LE(v.size(), capacity);
            EXPECT_TRUE(v.holds(d)) << "the newest verdict is always kept";
        }
    }
}

TEST_F(VerdictTable, FullTableDropsExpiredEntriesFirst) {
    PasswordVerdicts v(60s, 4, clock());
    for (int i = 0; i < 3; ++i) {
        v.remember(v.digest("old" + std::to_string(i), "p", "h"), "old");
    }
    now += 30s;
    auto live = v.digest("live", "p", "h");
    v.remember(live, "live");
    now += 31s;  // the three old ones expired, "live" has 29 s left
    auto fresh = v.digest("fresh", "p", "h");
    v.remember(fresh, "fresh");
    EXPECT_TRUE(v.holds(live)) << "room made from the expired entries, not by clearing";
    EXPECT_TRUE(v.holds(fresh));
    EXPECT_EQ(v.size(), 2u);
}

TEST_F(VerdictTable, ForgetDropsOneLoginAndClearDropsAll) {
    PasswordVerdicts v(60s, 16, clock());
    auto c1 = v.digest("calvin", "a", "h");
    auto c2 = v.digest("calvin", "b", "h");
    auto s = v.digest("susie", "a", "h");
    v.remember(c1, "calvin");
    v.remember(c2, "calvin");
    v.remember(s, "susie");
    EXPECT_TRUE(v.forget("calvin"));
    EXPECT_FALSE(v.forget("calvin"));
    EXPECT_FALSE(v.holds(c1));
    EXPECT_FALSE(v.holds(c2));
    EXPECT_TRUE(v.holds(s));
    v.clear();
    EXPECT_FALSE(v.holds(s));
    EXPECT_EQ(v.size(), 0u);
}

}  // namespace
