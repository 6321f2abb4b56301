// REL-04: the default connection limit leaves the process descriptors of its own below RLIMIT_NOFILE.

#include <gtest/gtest.h>
#include <sys/resource.h>

#include "server/connection_limit.hpp"

using simpleauth::server::connection_limit_for;
using simpleauth::server::default_connection_limit;

TEST(ConnectionLimit, TheFileDescriptorLimitLessAReserve) {
    EXPECT_EQ(connection_limit_for(256, 1), 256u - 64 - 2);
    EXPECT_EQ(connection_limit_for(1024, 4), 1024u - 64 - 8);
    EXPECT_EQ(connection_limit_for(256, 0), connection_limit_for(256, 1));  // 0 threads: the engine runs one
}

TEST(ConnectionLimit, AlmostNoDescriptorsStillServesOneClient) {
    EXPECT_EQ(connection_limit_for(10, 1), 1u);
    EXPECT_EQ(connection_limit_for(0, 1), 1u);
}

TEST(ConnectionLimit, HugeLimitsDoNotWrap) {
    EXPECT_EQ(connection_limit_for(std::uint64_t{1} << 40, 1), 0xFFFFFFFFu);
}

TEST(ConnectionLimit, FollowsThisProcessLimit) {
    rlimit limit{};
    ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &limit), 0);
    if (limit.rlim_cur != RLIM_INFINITY) {
        EXPECT_EQ(default_connection_limit(2), connection_limit_for(limit.rlim_cur, 2));
        EXPECT_LT(default_connection_limit(2), limit.rlim_cur);
    }
}
