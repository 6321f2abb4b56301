// Token purposes, revocation and cookie sessions in process (SECURITY.md REQ-JWT-14, REQ-JWT-17,
// REQ-SESS-01/04/05): realms keep MFA tokens off normal routes, the token_revoked hook sees claims (so
// every encoding of revoked claims is refused), renewed cookies are never stored by caches and never
// outlive FSA_TOKEN_MAX_LIFETIME.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <simpleauth/simpleauth.hpp>
#include <simpleauth/test_client.hpp>

#include "auth/response_headers.hpp"
#include "auth/tokens.hpp"
#include "core/app_state.hpp"
#include "tokens/base64.hpp"
#include "tokens/jwt.hpp"
#include "tokens/jwt_test_support.hpp"

namespace sa = simpleauth;
using Headers = std::vector<std::pair<std::string, std::string>>;

namespace {

constexpr const char* secret = "a test secret that is long enough for HS256";

nlohmann::json claims_of(const std::string& token) {
    auto first = token.find('.');
    auto payload = sa::detail::base64url_decode(token.substr(first + 1, token.rfind('.') - first - 1));
    return nlohmann::json::parse(*payload);
}

// the token of a Set-Cookie "auth=<token>; Path=/; ..." line
std::string cookie_token(const std::string& set_cookie) {
    auto eq = set_cookie.find('=');
    return set_cookie.substr(eq + 1, set_cookie.find(';') - eq - 1);
}

struct TokenSessions : ::testing::Test {
    sa::App app{"test"};
    sa::TestClient client{app};
    std::map<std::string, long long, std::less<>> not_before;  // per-user revocation instant

    void setup(const std::string& config) {
        app.config().from_string(config + "\nFSA_TOKEN_SECRET = \"" + secret + "\"\n");
        app.get<"/me">(sa::AUTH, [](sa::CurrentUser u) { return u.login(); });
        app.post<"/me">(sa::AUTH, [](sa::CurrentUser u) { return u.login(); });
        app.get<"/cached">(sa::AUTH, [](sa::CurrentUser u) {
            sa::http::Response r = sa::http::Response::text(200, u.login());
            r.headers.add("Cache-Control", "private, max-age=60");
            return r;
        });
        app.get<"/mfa">(
            sa::AUTH, sa::authn<"token">, sa::realm<"mfa-stage1">, [](sa::CurrentUser u) { return u.login(); });
        app.check();
    }
    // a token as make_token writes it, issued `age` seconds ago, valid `left` more seconds
    std::string token_issued(std::string_view user,
                             std::int64_t age,
                             std::int64_t left,
                             std::optional<std::int64_t> auth_time = std::nullopt) {
        const auto& s = app.state().settings;
        std::int64_t now = sa::detail::now_seconds();
        return sa::detail::make_token_until(
            s, user, s.token_realm, now + left, s.token_issuer, {}, now - age, auth_time);
    }
    void revoke_before_by_iat() {
        app.token_revoked([this](const sa::TokenClaims& c) {
            auto it = not_before.find(c.user);
            return it != not_before.end() && c.issued_at.value_or(0) < it->second;
        });
    }
    sa::http::Response get(const std::string& path, const std::string& token) {
        return client.get(path, {{"Authorization", "Bearer " + token}});
    }
};

}  // namespace

// REQ-JWT-14: a token made for the MFA stage-1 realm is no access token, and an access token does not
// pass the stage-1 route: 401 with error="invalid_token" both ways, fsa and JWT alike.
TEST_F(TokenSessions, RealmsSeparateTokenPurposes) {
    for (const char* type : {"fsa", "jwt"}) {
        SCOPED_TRACE(type);
        sa::App other{"test"};
        sa::TestClient c{other};
        other.config().from_string(std::string("FSA_AUTH = \"token\"\nFSA_TOKEN_TYPE = \"") + type +
                                   "\"\nFSA_TOKEN_SECRET = \"" + secret + "\"\n");
        other.get<"/me">(sa::AUTH, [](sa::CurrentUser u) { return u.login(); });
        other.get<"/mfa">(sa::AUTH, sa::realm<"mfa-stage1">, [](sa::CurrentUser u) { return u.login(); });
        other.check();
        std::string stage1 = other.create_token("calvin", {.realm = "mfa-stage1"});
        std::string access = other.create_token("calvin");
        auto r = c.get("/me", {{"Authorization", "Bearer " + stage1}});
        EXPECT_EQ(r.status, 401);
        EXPECT_EQ(all(r, "WWW-Authenticate"),
                  (std::vector<std::string>{"Bearer realm=\"test\", error=\"invalid_token\""}));
        r = c.get("/mfa", {{"Authorization", "Bearer " + access}});
        EXPECT_EQ(r.status, 401);
        EXPECT_EQ(all(r, "WWW-Authenticate"),
                  (std::vector<std::string>{"Bearer realm=\"mfa-stage1\", error=\"invalid_token\""}));
        EXPECT_EQ(c.get("/mfa", {{"Authorization", "Bearer " + stage1}}).body, "calvin");
        EXPECT_EQ(c.get("/me", {{"Authorization", "Bearer " + access}}).body, "calvin");
    }
}

TEST_F(TokenSessions, CreatedJwtsCarryIatAfterUpstreamClaims) {
    setup("FSA_AUTH = \"token\"\nFSA_TOKEN_TYPE = \"jwt\"");
    auto before = sa::detail::now_seconds();
    auto claims = claims_of(app.create_token("calvin"));
    std::vector<std::string> names;
    for (const auto& [name, value] : claims.items()) {
        names.push_back(name);
    }
    EXPECT_EQ(names, (std::vector<std::string>{"aud", "exp", "iat", "sub"}));  // nlohmann sorts
    EXPECT_GE(claims["iat"].get<long long>(), before);
    EXPECT_EQ(claims["exp"].get<long long>() - claims["iat"].get<long long>(), 3600);
}

// REQ-JWT-17: revoking a user's tokens issued before T refuses the old token, cached or not, and any
// other encoding of its claims; a token issued after T works.
TEST_F(TokenSessions, RevokedJwtIsRefusedWhateverItsEncoding) {
    revoke_before_by_iat();
    setup("FSA_AUTH = \"token\"\nFSA_TOKEN_TYPE = \"jwt\"");
    std::string old = token_issued("calvin", 100, 3600);
    EXPECT_EQ(get("/me", old).body, "calvin");  // now in the token cache
    not_before["calvin"] = sa::detail::now_seconds() - 50;
    auto r = get("/me", old);
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body, "revoked token");
    EXPECT_EQ(all(r, "WWW-Authenticate"), (std::vector<std::string>{"Bearer realm=\"test\", error=\"invalid_token\""}));
    // the same claims, other JSON (order, spaces) and header: another string, the same token
    auto claims = claims_of(old);
    std::string payload = "{ \"sub\": \"calvin\", \"aud\": \"test\", \"iat\": " + claims["iat"].dump() +
                          ", \"exp\": " + claims["exp"].dump() + " }";
    std::string twin = sa::detail::jws_sign_hmac("HS256", secret, R"({"typ":"JWT", "alg":"HS256"})", payload);
    ASSERT_NE(twin, old);
    EXPECT_EQ(get("/me", twin).body, "revoked token");
    EXPECT_FALSE(app.check_token(old));  // App::check_token asks the hook too
    std::string fresh = app.create_token("calvin");
    EXPECT_EQ(get("/me", fresh).body, "calvin");
    EXPECT_TRUE(app.check_token(fresh));
    EXPECT_EQ(get("/me", token_issued("susie", 100, 3600)).body, "susie");  // other users untouched
}

// what a denylist keys on: (iss, jti), the user, the issue time, the realm checked
TEST_F(TokenSessions, HookSeesTheClaims) {
    std::vector<std::string> seen;
    app.token_revoked([&seen](const sa::TokenClaims& c) {
        seen.push_back(std::string(c.user) + " " + std::string(c.realm) + " " + std::string(c.issuer.value_or("-")) +
                       " " + std::to_string(c.issued_at.value_or(-1)) + " " + std::string(c.id.value_or("-")));
        return c.id == "jti-1";
    });
    setup("FSA_AUTH = \"token\"\nFSA_TOKEN_TYPE = \"jwt\"\nFSA_TOKEN_ISSUER = \"idp\"");
    std::string payload = R"({"exp": 4102444800, "sub": "calvin", "aud": "test", "iss": "idp", "iat": 1700000000, )";
    std::string header = R"({"alg":"HS256","typ":"JWT"})";
    EXPECT_EQ(get("/me", sa::detail::jws_sign_hmac("HS256", secret, header, payload + R"("jti": "jti-1"})")).status,
              401);
    EXPECT_EQ(get("/me", sa::detail::jws_sign_hmac("HS256", secret, header, payload + R"("jti": "jti-2"})")).body,
              "calvin");
    EXPECT_EQ(seen, (std::vector<std::string>{"calvin test idp 1700000000 jti-1", "calvin test idp 1700000000 jti-2"}));
}

TEST_F(TokenSessions, RevokedEcdsaTokenIsRefusedInEveryRandomSignature) {
    revoke_before_by_iat();
    app.config().from_string("FSA_AUTH = \"token\"\nFSA_TOKEN_TYPE = \"jwt\"\nFSA_TOKEN_ALGO = \"ES256\"\n");
    app.config().set("FSA_TOKEN_SIGN", jwt_test::key_pem("p256_private.pem"));
    app.config().set("FSA_TOKEN_SECRET", jwt_test::key_pem("p256_public.pem"));
    app.get<"/me">(sa::AUTH, [](sa::CurrentUser u) { return u.login(); });
    app.check();
    std::string a = token_issued("calvin", 100, 3600);
    std::string b = token_issued("calvin", 100, 3600);
    ASSERT_NE(a, b);  // ECDSA signatures are randomized: two strings for the same claims
    EXPECT_EQ(get("/me", a).body, "calvin");
    not_before["calvin"] = sa::detail::now_seconds() - 50;
    EXPECT_EQ(get("/me", a).status, 401);
    EXPECT_EQ(get("/me", b).status, 401);
    EXPECT_EQ(get("/me", app.create_token("calvin")).body, "calvin");
}

// fsa tokens carry no iat: the hook decides on the user and the expiry (issued before T with the
// configured delay <=> expiry before T + delay)
TEST_F(TokenSessions, RevokedFsaTokenByExpiry) {
    app.token_revoked([this](const sa::TokenClaims& c) {
        auto it = not_before.find(c.user);
        EXPECT_FALSE(c.issued_at);
        EXPECT_EQ(c.realm, "test");
        return it != not_before.end() && c.expiry - 3600 < it->second;
    });
    setup("FSA_AUTH = \"token\"\nFSA_TOKEN_TYPE = \"fsa\"");
    std::string old = token_issued("calvin", 100, 3500);
    EXPECT_EQ(get("/me", old).body, "calvin");
    not_before["calvin"] = sa::detail::now_seconds() - 50;
    EXPECT_EQ(get("/me", old).status, 401);
    EXPECT_EQ(get("/me", app.create_token("calvin")).body, "calvin");
}

// revocation needs no uncache call, and leaves the token cache as it was
TEST_F(TokenSessions, RevocationNeedsNoUncache) {
    revoke_before_by_iat();
    setup("FSA_AUTH = \"token\"\nFSA_TOKEN_TYPE = \"jwt\"");
    std::string t = token_issued("calvin", 100, 3600);
    EXPECT_EQ(get("/me", t).body, "calvin");
    not_before["calvin"] = sa::detail::now_seconds() - 50;
    EXPECT_EQ(get("/me", t).status, 401);
    EXPECT_TRUE(app.token_uncache(t));  // the signature check is still cached
    EXPECT_EQ(get("/me", t).status, 401);
}

TEST_F(TokenSessions, ThrowingHookRefusesTheToken) {
    app.token_revoked([](const sa::TokenClaims&) -> bool { throw std::runtime_error("store down"); });
    setup("FSA_AUTH = \"token\"\nFSA_TOKEN_TYPE = \"jwt\"");
    auto r = get("/me", app.create_token("calvin"));
    EXPECT_NE(r.status, 200);  // a refusal (401) or a broken hook (500), never a pass
    EXPECT_NE(r.body, "calvin");
}

// REQ-BEARER-05: a token in the URL makes the answer uncacheable, unless the handler decided
TEST_F(TokenSessions, ParamCarrierAnswersAreNotStored) {
    setup("FSA_AUTH = \"token\"\nFSA_TOKEN_TYPE = \"fsa\"\nFSA_TOKEN_CARRIER = \"param\"");
    std::string t = app.create_token("calvin");
    auto r = client.get("/me?AUTH=" + t);
    EXPECT_EQ(r.body, "calvin");
    EXPECT_EQ(all(r, "Cache-Control"), (std::vector<std::string>{"no-store"}));
    EXPECT_EQ(all(client.get("/cached?AUTH=" + t), "Cache-Control"), (std::vector<std::string>{"private, max-age=60"}));
}

TEST_F(TokenSessions, BearerAnswersKeepTheirCaching) {
    setup("FSA_AUTH = \"token\"\nFSA_TOKEN_TYPE = \"fsa\"");
    EXPECT_TRUE(all(get("/me", app.create_token("calvin")), "Cache-Control").empty());
}

// REQ-SESS-04 and REQ-SESS-05: a renewed cookie comes with no-store, carries the login instant
// (auth_time), and renewals stop at auth_time + FSA_TOKEN_MAX_LIFETIME.
TEST_F(TokenSessions, CookieRenewalIsBoundedByTheMaximumLifetime) {
    setup(
        "FSA_AUTH = \"token\"\nFSA_TOKEN_TYPE = \"jwt\"\nFSA_TOKEN_CARRIER = \"cookie\"\n"
        "FSA_TOKEN_DELAY = 1.0\nFSA_TOKEN_RENEWAL = 1.0\nFSA_TOKEN_MAX_LIFETIME = 10.0");
    std::int64_t now = sa::detail::now_seconds();
    auto cookie = [](const std::string& t) { return Headers{{"Cookie", "auth=" + t}}; };
    // a session that started 5 minutes ago: renewed for a full delay, its start carried through
    auto r = client.get("/me", cookie(token_issued("calvin", 30, 30, now - 300)));
    ASSERT_EQ(all(r, "Set-Cookie").size(), 1U);
    EXPECT_EQ(all(r, "Cache-Control"), (std::vector<std::string>{"no-store"}));
    auto claims = claims_of(cookie_token(all(r, "Set-Cookie")[0]));
    EXPECT_EQ(claims["auth_time"].get<long long>(), now - 300);
    EXPECT_GE(claims["exp"].get<long long>(), now + 60);
    // 9 min 50 s ago: renewed only up to the 10 minutes
    r = client.get("/me", cookie(token_issued("calvin", 30, 5, now - 590)));
    ASSERT_EQ(all(r, "Set-Cookie").size(), 1U);
    claims = claims_of(cookie_token(all(r, "Set-Cookie")[0]));
    EXPECT_EQ(claims["exp"].get<long long>(), now - 590 + 600);
    EXPECT_NE(all(r, "Set-Cookie")[0].find("Max-Age="), std::string::npos);
    // the cookie already ends with the session: not renewed, and the answer is the handler's
    r = client.get("/me", cookie(token_issued("calvin", 30, 10, now - 590)));
    EXPECT_EQ(r.body, "calvin");
    EXPECT_TRUE(all(r, "Set-Cookie").empty());
    EXPECT_TRUE(all(r, "Cache-Control").empty());
    // without auth_time the session started at iat
    std::string no_auth_time = token_issued("calvin", 595, 3);
    r = client.get("/me", cookie(no_auth_time));
    ASSERT_EQ(all(r, "Set-Cookie").size(), 1U);
    EXPECT_EQ(claims_of(cookie_token(all(r, "Set-Cookie")[0]))["auth_time"], claims_of(no_auth_time)["iat"]);
}

TEST_F(TokenSessions, MaximumLifetimeNeedsJwt) {
    app.config().from_string("FSA_AUTH = \"token\"\nFSA_TOKEN_TYPE = \"fsa\"\nFSA_TOKEN_MAX_LIFETIME = 10.0");
    app.get<"/me">(sa::AUTH, [](sa::CurrentUser u) { return u.login(); });
    EXPECT_THROW(app.check(), sa::ConfigError);
}

// REQ-SESS-03: a cookie token does not authenticate another site's unsafe request
TEST_F(TokenSessions, CookieTokenRefusedOnCrossSiteUnsafeRequests) {
    setup("FSA_AUTH = \"token\"\nFSA_TOKEN_TYPE = \"fsa\"\nFSA_TOKEN_CARRIER = \"cookie\"");
    std::string c = "auth=" + app.create_token("calvin");
    auto post = [&](Headers h) {
        h.emplace_back("Cookie", c);
        h.emplace_back("Host", "app.example:8080");
        return client.request("POST", "/me", std::move(h));
    };
    EXPECT_EQ(post({{"Origin", "https://evil.example"}}).status, 403);
    EXPECT_EQ(post({{"Origin", "null"}}).status, 403);
    EXPECT_EQ(post({{"Origin", "https://app.example:8080"}, {"Origin", "https://evil.example"}}).status, 403);
    EXPECT_EQ(post({{"Sec-Fetch-Site", "cross-site"}}).status, 403);
    EXPECT_EQ(post({{"Sec-Fetch-Site", "same-site"}}).status, 403);
    EXPECT_EQ(post({{"Origin", "https://app.example:8080"}}).body, "calvin");
    EXPECT_EQ(post({{"Origin", "http://APP.example:8080"}}).body, "calvin");
    EXPECT_EQ(post({{"Sec-Fetch-Site", "same-origin"}}).body, "calvin");
    EXPECT_EQ(post({}).body, "calvin");
    EXPECT_EQ(client.get("/me", {{"Cookie", c}, {"Origin", "https://evil.example"}}).body, "calvin");
    auto r = post({{"Origin", "https://evil.example"}});
    EXPECT_EQ(r.body, "cross-site request refused");
    EXPECT_TRUE(all(r, "Set-Cookie").empty());
}

TEST_F(TokenSessions, CorsOriginsListedByNameAreTrusted) {
    setup(
        "FSA_AUTH = \"token\"\nFSA_TOKEN_TYPE = \"fsa\"\nFSA_TOKEN_CARRIER = \"cookie\"\nFSA_CORS = true\n"
        "FSA_CORS_OPTS = { origins = \"https://front.example, re:https://[a-z]+\\\\.partner\\\\.example\" }");
    Headers h{{"Cookie", "auth=" + app.create_token("calvin")}, {"Host", "api.example"}};
    auto from = [&](std::string origin) {
        Headers with = h;
        with.emplace_back("Origin", std::move(origin));
        return client.request("POST", "/me", with).status;
    };
    EXPECT_EQ(from("https://front.example"), 200);
    EXPECT_EQ(from("https://a.partner.example"), 200);
    EXPECT_EQ(from("https://a.partner.example.evil.test"), 403);
    EXPECT_EQ(from("https://evil.example"), 403);
}
