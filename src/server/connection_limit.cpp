#include "server/connection_limit.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <limits>

namespace simpleauth::server {

unsigned connection_limit_for(std::uint64_t soft_limit, unsigned threads) {
    std::uint64_t reserved = kReservedDescriptors + kDescriptorsPerThread * std::max(threads, 1u);
    std::uint64_t budget = soft_limit > reserved ? soft_limit - reserved : 1;
    return static_cast<unsigned>(std::min<std::uint64_t>(budget, std::numeric_limits<unsigned>::max()));
}

unsigned default_connection_limit(unsigned threads) {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) {
        return connection_limit_for(std::numeric_limits<unsigned>::max(), threads);
    }
    return connection_limit_for(limit.rlim_cur, threads);
}

}  // namespace simpleauth::server
