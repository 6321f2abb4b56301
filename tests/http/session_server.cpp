// A server for the black-box tests of token purposes and sessions (test_sessions.py): one
// configuration file ($SESSION_CONFIG); users calvin/hobbes-1 and susie/calvin-3 (basic); an MFA-like pair of
// realms; a per-user "not before" revocation through the token_revoked hook.

#include <simpleauth/json.hpp>
#include <simpleauth/server.hpp>
#include <simpleauth/simpleauth.hpp>

#include <iostream>
#include <map>

namespace sa = simpleauth;
using sa::Param;

namespace {

// a token route's answer: a credential, never stored by a cache (SECURITY.md REQ-SESS-04)
sa::http::Response token_answer(const std::string& token) {
    sa::http::Response r = sa::http::Response::text(200, sa::Json(token).dump(), "application/json");
    r.headers.add("Cache-Control", "no-store");
    return r;
}

}  // namespace

int main(int argc, char** argv) try {
    auto options = sa::server_options_from_args(argc, argv, {});
    sa::App app{"session-test"};
    app.config().from_envvar("SESSION_CONFIG");  // a TOML file of FSA_* directives

    static std::map<std::string, std::string, std::less<>> stored;
    static std::map<std::string, long long, std::less<>> not_before;  // tokens issued earlier are revoked
    app.get_user_pass([](std::string_view login) -> std::optional<std::string> {
        auto it = stored.find(login);
        return it == stored.end() ? std::nullopt : std::optional<std::string>(it->second);
    });
    app.token_revoked([](const sa::TokenClaims& claims) {
        auto it = not_before.find(claims.user);
        return it != not_before.end() && claims.issued_at.value_or(0) < it->second;
    });

    app.get<"/me">(sa::AUTH, [](sa::CurrentUser u) { return u.login(); });
    app.post<"/me">(sa::AUTH, [](sa::CurrentUser u) { return u.login(); });
    app.delete_<"/me">(sa::AUTH, [](sa::CurrentUser u) { return u.login(); });
    app.get<"/login">(
        sa::AUTH, sa::authn<"basic">, [&app](sa::CurrentUser u) { return token_answer(app.create_token(u.login())); });
    // MFA: stage 1 (a password) gives a token of the realm "mfa-stage1", which only stage 2 takes
    app.get<"/stage1">(sa::AUTH, sa::authn<"basic">, [&app](sa::CurrentUser u) {
        return token_answer(app.create_token(u.login(), {.realm = "mfa-stage1"}));
    });
    app.get<"/stage2">(sa::AUTH, sa::authn<"token">, sa::realm<"mfa-stage1">, [&app](sa::CurrentUser u) {
        return token_answer(app.create_token(u.login()));
    });
    // test control, open on purpose: revoke a user's tokens issued before an instant (epoch seconds)
    app.post<"/revoke">(sa::OPEN, [](Param<"user", std::string> user, Param<"before", long long> before) {
        not_before[*user] = *before;
        return "revoked";
    });
    app.check();
    stored["calvin"] = app.hash_password("hobbes-1", false);
    stored["susie"] = app.hash_password("calvin-3", false);
    return sa::serve(app, options);
} catch (const sa::ConfigError& e) {
    std::cerr << "session_server: refusing to start: " << e.what() << '\n';
    return 2;
} catch (const std::exception& e) {
    std::cerr << "session_server: " << e.what() << '\n';
    return 1;
}
