#pragma once
// Upstream's test/Auth.py, shared by the conformance apps T and F: three users, their clear passwords,
// bcrypt hashes computed once at start-up, and integer groups held in a mutable mapping. Each binary is
// its own process, so T's /register, /user changes are not seen by F (upstream runs them in one process).

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include <simpleauth/simpleauth.hpp>

namespace conformance {

inline constexpr int ADMIN = 0;
inline constexpr int WRITE = 1;
inline constexpr int READ = 2;

struct Users {
    std::mutex mutex;                                        // the server runs handlers on several threads
    std::map<std::string, std::string, std::less<>> clear;   // login -> clear password
    std::map<std::string, std::string, std::less<>> hashes;  // login -> hash
    std::map<int, std::set<std::string, std::less<>>> groups;
};

Users& users();

// Fills the tables (hashing with the app's password scheme) and registers get_user_pass and
// user_in_group. Call after the configuration is loaded. calls, when given, counts the hook calls.
void init_users(simpleauth::App& app, std::atomic<long>* calls = nullptr);

// A text reply as upstream's Flask renders a returned string: text/html whatever the status.
simpleauth::Reply text(std::string body, int status = 200);

}  // namespace conformance
