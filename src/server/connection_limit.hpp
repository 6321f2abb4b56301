#pragma once
// The default number of open connections (REL-04): what the file descriptor limit leaves once the
// process's other descriptors are set aside, so that accept() stops at the engine's limit (new clients
// wait in the listen backlog) instead of failing with EMFILE, and the database, log files and cache
// sockets still get a descriptor when every connection slot is taken.

#include <cstdint>

namespace simpleauth::server {

// descriptors kept out of the connection budget: stdio, the listening socket, a database and its journal,
// log files, redis/memcached sockets, TLS key files at start-up; plus the epoll and wake-up descriptors of
// each I/O thread
inline constexpr std::uint64_t kReservedDescriptors = 64;
inline constexpr std::uint64_t kDescriptorsPerThread = 2;

// for a soft RLIMIT_NOFILE of `soft_limit`: the limit minus the reserve, at least 1 (a process with
// almost no descriptors still serves one client at a time)
unsigned connection_limit_for(std::uint64_t soft_limit, unsigned threads);

// the same for this process's current soft RLIMIT_NOFILE
unsigned default_connection_limit(unsigned threads);

}  // namespace simpleauth::server
