#pragma once
// The application of the throughput benchmark, shared by bench_server (measured with wrk) and the
// in-process pipeline micro-benchmarks: the routes the performance targets name, each answering the same
// bytes ("hello", text/plain), so that the ratio of a secured route to the open route is the price of its
// security and nothing else. The hooks are in memory: what is measured is the framework, not a database.
//
//   GET /open                     OPEN
//   GET /jwt/<a>?b=..&c=..        token (bearer), group "users", object permission "item" on a, three
//                                 typed parameters (int path, int and double query)
//   GET /fsa/<a>?b=..&c=..        the same route, for a server started with the fsa token type
//   GET /basic                    HTTP basic (bcrypt cost 4, upstream's default), group "users"; with
//                                 password_cache_ttl > 0 (FSA_PASSWORD_CACHE_TTL, off by default as
//                                 upstream) a success is remembered and bcrypt runs once per TTL
//
// The user is "bench" (password "bench-password"), member of "users", reader of items 0 to 999.

#include <simpleauth/simpleauth.hpp>

#include <string>

namespace bench {

namespace sa = simpleauth;

inline constexpr const char* secret = "benchmark secret, not for production use, 0123456789";
inline constexpr const char* password = "bench-password";

inline std::string hello() {
    return "hello";
}

// the token routes: a group, an object permission and three typed parameters, converted and checked by
// the framework before the handler runs
template <sa::detail::FixedString Path>
void secured_route(sa::App& app) {
    app.get<Path>(sa::authz<"users"> & sa::object<"item", "a", "read">,
                  sa::authn<"token">,
                  [](sa::Param<"a", int>, sa::Param<"b", int>, sa::Param<"c", double>) { return hello(); });
}

// token_type: "jwt" (HS256) or "fsa" (blake2s), FSA_TOKEN_TYPE being one per application;
// password_cache_ttl: FSA_PASSWORD_CACHE_TTL in seconds, 0 (the default) for none
inline void setup(sa::App& app, const std::string& token_type, long long password_cache_ttl = 0) {
    app.config().from_string(
        "FSA_MODE = \"prod\"\n"
        "FSA_AUTH = [\"token\", \"basic\", \"none\"]\n"
        "FSA_REALM = \"bench\"\n"
        "FSA_ERROR_RESPONSE = \"plain\"\n"
        "FSA_PASSWORD_SCHEME = \"bcrypt\"\n"
        "FSA_PASSWORD_OPTS = { rounds = 4 }\n");
    app.config().set("FSA_TOKEN_TYPE", token_type);
    app.config().set("FSA_TOKEN_SECRET", std::string(secret));
    if (password_cache_ttl != 0) {
        app.config().set("FSA_PASSWORD_CACHE_TTL", password_cache_ttl);
    }
    // hashed once here, with the configured scheme and cost; the hook only returns it
    app.get_user_pass(
        [hash = app.hash_password(password, false)](std::string_view login) -> std::optional<std::string> {
            if (login == "bench") {
                return hash;
            }
            return std::nullopt;
        });
    app.group_check("users", [](std::string_view login) { return login == "bench"; });
    app.object_perms("item", [](std::string_view login, int id, std::string_view mode) -> std::optional<bool> {
        if (id < 0 || id >= 1000) {
            return std::nullopt;
        }
        return login == "bench" && mode == "read";
    });

    app.get<"/open">(sa::OPEN, [] { return hello(); });
    secured_route<"/jwt/<a>">(app);
    secured_route<"/fsa/<a>">(app);
    app.get<"/basic">(sa::authz<"users">, sa::authn<"basic">, [] { return hello(); });
    app.check();
}

}  // namespace bench
