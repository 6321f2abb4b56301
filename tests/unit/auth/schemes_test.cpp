// Every authentication scheme in process: what authenticates, what is refused, and what the client sees.

#include <gtest/gtest.h>

#include <simpleauth/json.hpp>
#include <simpleauth/simpleauth.hpp>
#include <simpleauth/test_client.hpp>

#include "auth/digest_protocol.hpp"
#include "auth/response_headers.hpp"
#include "tokens/base64.hpp"

namespace sa = simpleauth;
using sa::Param;
using Headers = std::vector<std::pair<std::string, std::string>>;

namespace {

constexpr const char* secret = "a test secret that is long enough for HS256";

std::string basic(std::string_view login, std::string_view password) {
    return "Basic " + sa::detail::base64_encode(std::string(login) + ":" + std::string(password));
}

struct Schemes : ::testing::Test {
    sa::App app{"test"};
    sa::TestClient client{app};
    std::map<std::string, std::string> hashes;

    // config: TOML directives; the users calvin/hobbes-1 and susie/calvin-3
    void setup(const std::string& config) {
        app.config().from_string(config + "\nFSA_TOKEN_SECRET = \"" + secret +
                                 "\"\nFSA_PASSWORD_SCHEME = \"bcrypt\"\n" + "FSA_PASSWORD_OPTS = { rounds = 4 }\n");
        app.get_user_pass([this](std::string_view login) -> std::optional<std::string> {
            auto it = hashes.find(std::string(login));
            return it == hashes.end() ? std::nullopt : std::optional<std::string>(it->second);
        });
        app.get<"/open">(sa::OPEN, [](std::optional<sa::CurrentUser> u) { return u ? u->login() : "-"; });
        app.get<"/me">(sa::AUTH, [](sa::CurrentUser u) { return u.login(); });
        app.post<"/me">(sa::AUTH,
                        [](sa::CurrentUser u, Param<"x", int, 0> x) { return u.login() + std::to_string(*x); });
        app.check();
        hashes["calvin"] = app.hash_password("hobbes-1");
        hashes["susie"] = app.hash_password("calvin-3");
    }
};

}  // namespace

TEST_F(Schemes, ParamFromQueryFormAndJson) {
    setup(R"(FSA_AUTH = ["param", "none"])");
    EXPECT_EQ(client.get("/me?USER=calvin&PASS=hobbes-1").body, "calvin");
    EXPECT_EQ(client.post("/me", "USER=calvin&PASS=hobbes-1&x=2", "application/x-www-form-urlencoded").body, "calvin2");
    EXPECT_EQ(client.post("/me", R"({"USER": "calvin", "PASS": "hobbes-1", "x": 3})", "application/json").body,
              "calvin3");
    EXPECT_EQ(client.get("/me?USER=calvin&PASS=wrong").status, 401);
    auto r = client.get("/me?USER=calvin");
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body, "missing param password parameter: PASS");
    EXPECT_TRUE(all(r, "WWW-Authenticate").empty());  // param has no challenge
}

TEST_F(Schemes, ParamNamesAreConfigurable) {
    setup("FSA_AUTH = [\"param\", \"none\"]\nFSA_PARAM_USER = \"login\"\nFSA_PARAM_PASS = \"pass\"");
    EXPECT_EQ(client.get("/me?login=calvin&pass=hobbes-1").body, "calvin");
    EXPECT_EQ(client.get("/me?USER=calvin&PASS=hobbes-1").status, 401);
}

TEST_F(Schemes, PasswordIsBasicThenParam) {
    setup(R"(FSA_AUTH = "password")");  // token, none, basic, param
    EXPECT_EQ(client.get("/me", {{"Authorization", basic("calvin", "hobbes-1")}}).body, "calvin");
    EXPECT_EQ(client.get("/me?USER=susie&PASS=calvin-3").body, "susie");
    EXPECT_EQ(client.get("/open").body, "-");
    // every scheme failed: the last one's message, and the challenges of those that have one
    auto r = client.get("/me");
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body, "missing param login parameter: USER");
    EXPECT_EQ(all(r, "WWW-Authenticate"),
              (std::vector<std::string>{"Bearer realm=\"test\"", "Basic realm=\"test\", charset=\"UTF-8\""}));
}

TEST_F(Schemes, FakeOnlyFromLoopback) {
    setup("FSA_AUTH = [\"fake\", \"none\"]\nFSA_SECURE = false");  // plain HTTP from a remote client
    EXPECT_EQ(client.get("/me?LOGIN=anybody").body, "anybody");
    EXPECT_EQ(client.get("/me").body, "missing fake login parameter: LOGIN");
    client.remote_addr = "192.0.2.7";
    EXPECT_EQ(client.get("/me?LOGIN=anybody").status, 401);
    client.remote_addr = "::1";
    EXPECT_EQ(client.get("/me?LOGIN=anybody").status, 200);
}

TEST_F(Schemes, HttpdTrustsOnlyItsProxies) {
    setup("FSA_AUTH = [\"httpd\", \"none\"]\nFSA_HTTPD_PROXIES = [\"10.0.0.1\"]\nFSA_SECURE = false");
    client.remote_addr = "10.0.0.1";
    EXPECT_EQ(client.get("/me", {{"X-Remote-User", "calvin"}}).body, "calvin");
    EXPECT_EQ(client.get("/me").status, 401);
    EXPECT_EQ(client.get("/me", {{"X-Remote-User", "a"}, {"X-Remote-User", "b"}}).status, 401);
    client.remote_addr = "10.0.0.2";  // anybody else can send that header
    EXPECT_EQ(client.get("/me", {{"X-Remote-User", "calvin"}}).status, 401);
}

TEST_F(Schemes, FsaTokensWithBearer) {
    setup("FSA_AUTH = [\"token\", \"basic\", \"none\"]\nFSA_REALM = \"My App!\"");
    std::string token = app.create_token("calvin");
    EXPECT_EQ(token.substr(0, 13), "My-App:calvin");
    EXPECT_EQ(client.get("/me", {{"Authorization", "Bearer " + token}}).body, "calvin");
    EXPECT_EQ(client.get("/me", {{"Authorization", "bearer " + token}}).body, "calvin");
    std::string tampered = token;
    tampered.back() = tampered.back() == 'a' ? 'b' : 'a';
    auto r = client.get("/me", {{"Authorization", "Bearer " + tampered}});
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(all(r, "WWW-Authenticate").front(), "Bearer realm=\"My-App\", error=\"invalid_token\"");
    EXPECT_EQ(r.body.find(tampered), std::string::npos);
    EXPECT_EQ(client.get("/me", {{"Authorization", "Bearer " + app.create_token("calvin", {.realm = "other"})}}).status,
              401);
}

TEST_F(Schemes, FsaTokenIssuer) {
    setup("FSA_AUTH = [\"token\", \"none\"]\nFSA_REALM = \"Test\"\nFSA_TOKEN_ISSUER = \"self\"");
    std::string token = app.create_token("foo");
    EXPECT_EQ(token.substr(0, 14), "Test/self:foo:");
    EXPECT_EQ(client.get("/me", {{"Authorization", "Bearer " + token}}).body, "foo");
}

TEST_F(Schemes, TokenInHeaderCarrier) {
    setup("FSA_AUTH = [\"token\", \"none\"]\nFSA_TOKEN_CARRIER = \"header\"");
    std::string token = app.create_token("calvin");
    EXPECT_EQ(client.get("/me", {{"Auth", token}}).body, "calvin");
    auto r = client.get("/me", {{"Authorization", "Bearer " + token}});
    EXPECT_EQ(r.status, 401);
    EXPECT_TRUE(all(r, "WWW-Authenticate").empty());
}

TEST_F(Schemes, TokenInParamCarrier) {
    setup("FSA_AUTH = [\"token\", \"none\"]\nFSA_TOKEN_CARRIER = \"param\"\nFSA_TOKEN_TYPE = \"jwt\"");
    std::string token = app.create_token("calvin");
    EXPECT_EQ(client.get("/me?AUTH=" + token).body, "calvin");
    EXPECT_EQ(client.post("/me", "AUTH=" + token + "&x=4", "application/x-www-form-urlencoded").body, "calvin4");
    EXPECT_EQ(client.get("/me?AUTH=" + token + "&AUTH=" + token).status, 400);
}

TEST_F(Schemes, TokenInCookieCarrierIsSetAndRenewed) {
    setup("FSA_AUTH = [\"token\", \"basic\", \"none\"]\nFSA_TOKEN_CARRIER = \"cookie\"\nFSA_TOKEN_RENEWAL = 0.5");
    auto login = client.get("/me", {{"Authorization", basic("calvin", "hobbes-1")}});
    ASSERT_EQ(login.status, 200);
    auto cookies = all(login, "Set-Cookie");
    ASSERT_EQ(cookies.size(), 1u);
    const std::string& c = cookies.front();
    EXPECT_EQ(c.substr(0, 5), "auth=");
    for (const char* attribute : {"; Path=/", "; Max-Age=3600", "; HttpOnly", "; Secure", "; SameSite=Lax"}) {
        EXPECT_NE(c.find(attribute), std::string::npos) << attribute;
    }
    std::string token = c.substr(5, c.find(';') - 5);
    auto r = client.get("/me", {{"Cookie", "other=1; auth=" + token}});
    EXPECT_EQ(r.body, "calvin");
    EXPECT_TRUE(all(r, "Set-Cookie").empty());                      // fresh: not renewed
    std::string old = app.create_token("calvin", {.delay = 10.0});  // 10 minutes left of 60: renewed
    EXPECT_EQ(all(client.get("/me", {{"Cookie", "auth=" + old}}), "Set-Cookie").size(), 1u);
    EXPECT_TRUE(all(client.get("/me"), "Set-Cookie").empty());  // no user: no cookie
}

TEST_F(Schemes, OauthScopes) {
    sa::App oauth{"test"};
    oauth.config().from_string(std::string(R"(
FSA_AUTH = ["oauth", "none"]
FSA_TOKEN_TYPE = "jwt"
FSA_TOKEN_ISSUER = "god"
FSA_AUTHZ_SCOPES = ["read", "write"]
FSA_TOKEN_SECRET = ")") + secret +
                               "\"");
    oauth.get<"/read">(sa::authz<"read">, sa::authn<"oauth">, [](sa::CurrentUser u) { return u.login(); });
    oauth.get<"/both">(sa::authz<"read", "write">, sa::authn<"oauth">, [] { return "ok"; });
    sa::TestClient c{oauth};
    auto bearer = [&](std::vector<std::string> scopes) {
        return Headers{{"Authorization", "Bearer " + oauth.create_token("rosalyn", {.scope = std::move(scopes)})}};
    };
    EXPECT_EQ(c.get("/read", bearer({"read"})).body, "rosalyn");
    EXPECT_EQ(c.get("/both", bearer({"write", "read"})).status, 200);
    auto r = c.get("/both", bearer({"read"}));
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.body, "missing permission \"write\"");
    EXPECT_EQ(c.get("/read", bearer({"reader"})).status, 403);  // whole words only
    EXPECT_EQ(c.get("/read").status, 401);
}

TEST(SchemesConfig, OauthNeedsJwtAndIssuerAndDeclaredScopes) {
    auto fails = [](const std::string& config, auto declare) {
        sa::App app{"t"};
        app.config().from_string(config);
        declare(app);
        EXPECT_THROW(app.check(), sa::ConfigError) << config;
    };
    auto read_route = [](sa::App& app) { app.get<"/r">(sa::authz<"read">, sa::authn<"oauth">, [] { return ""; }); };
    fails("FSA_AUTH = [\"oauth\", \"none\"]\nFSA_TOKEN_TYPE = \"fsa\"\nFSA_TOKEN_ISSUER = \"i\"", read_route);
    fails("FSA_AUTH = [\"oauth\", \"none\"]\nFSA_TOKEN_TYPE = \"jwt\"", read_route);
    fails(
        "FSA_AUTH = [\"oauth\", \"none\"]\nFSA_TOKEN_TYPE = \"jwt\"\nFSA_TOKEN_ISSUER = \"i\"\n"
        "FSA_AUTHZ_SCOPES = [\"write\"]",
        read_route);
    fails("FSA_AUTH = [\"oauth\", \"basic\", \"none\"]\nFSA_TOKEN_TYPE = \"jwt\"\nFSA_TOKEN_ISSUER = \"i\"",
          [](sa::App& app) {
              app.get_user_pass([](std::string_view) { return std::optional<std::string>(); });
              app.get<"/r">(sa::authz<"read">, sa::authn<"oauth", "basic">, [] { return ""; });
          });
}

TEST_F(Schemes, CustomScheme) {
    app.authentication("api-key", [](sa::Context& ctx) -> std::optional<std::string> {
        const std::string* key = ctx.request().headers.find("X-Api-Key");
        if (key == nullptr) {
            return std::nullopt;
        }
        if (*key != "let-me-in") {
            sa::http::Headers h;
            h.add("Oops", "bad key");
            throw sa::ErrorResponse("bad api key", 401, h);
        }
        return "robot";
    });
    setup(R"(FSA_AUTH = ["api-key", "none"])");
    EXPECT_EQ(client.get("/me", {{"X-Api-Key", "let-me-in"}}).body, "robot");
    auto r = client.get("/me", {{"X-Api-Key", "nope"}});
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body, "bad api key");
    EXPECT_EQ(all(r, "Oops").size(), 1u);
    EXPECT_EQ(client.get("/me").body, "missing authentication");
}

TEST_F(Schemes, AuthDefaultAndPerRouteRealm) {
    app.get<"/mfa">(sa::AUTH, sa::authn<"token">, sa::realm<"mfa">, [](sa::CurrentUser u) { return u.login(); });
    setup("FSA_AUTH = [\"token\", \"basic\", \"none\"]\nFSA_AUTH_DEFAULT = [\"basic\", \"none\"]");
    // routes without authn use FSA_AUTH_DEFAULT: tokens are not tried
    EXPECT_EQ(client.get("/me", {{"Authorization", "Bearer " + app.create_token("calvin")}}).status, 401);
    EXPECT_EQ(client.get("/me", {{"Authorization", basic("calvin", "hobbes-1")}}).body, "calvin");
    // the mfa route only takes tokens of its realm
    std::string stage1 = app.create_token("calvin", {.realm = "mfa", .delay = 1.0});
    EXPECT_EQ(client.get("/mfa", {{"Authorization", "Bearer " + stage1}}).body, "calvin");
    EXPECT_EQ(client.get("/mfa", {{"Authorization", "Bearer " + app.create_token("calvin")}}).status, 401);
    auto r = client.get("/mfa");
    EXPECT_EQ(all(r, "WWW-Authenticate"), (std::vector<std::string>{"Bearer realm=\"mfa\""}));
}

TEST_F(Schemes, AlternatePasswordCheck) {
    app.password_check([](std::string_view login, std::string_view password) {
        return login == "ldap-user" && password == "from-ldap";
    });
    setup(R"(FSA_AUTH = ["basic", "none"])");
    EXPECT_EQ(client.get("/me", {{"Authorization", basic("ldap-user", "from-ldap")}}).body, "ldap-user");
    EXPECT_EQ(client.get("/me", {{"Authorization", basic("ldap-user", "nope")}}).status, 401);
    EXPECT_EQ(client.get("/me", {{"Authorization", basic("calvin", "hobbes-1")}}).body, "calvin");
}

TEST_F(Schemes, PasswordQualityRules) {
    app.password_quality([](std::string_view p) { return p.find("password") == std::string_view::npos; });
    setup("FSA_AUTH = [\"basic\", \"none\"]\nFSA_PASSWORD_LENGTH = 8\nFSA_PASSWORD_RE = [\"[0-9]\"]");
    auto error = [&](std::string_view p) {
        try {
            app.hash_password(p);
            return std::string();
        } catch (const sa::ErrorResponse& e) {
            EXPECT_EQ(e.status(), 400);
            return e.message();
        }
    };
    EXPECT_EQ(error("short1"), "password is too short, must be at least 8");
    EXPECT_EQ(error("no digits here"), "password must match [0-9]");
    EXPECT_EQ(error("password123"), "password quality too low");
    EXPECT_EQ(error("correct horse 7"), "");
    EXPECT_TRUE(app.check_password("correct horse 7", app.hash_password("correct horse 7")));
}

TEST_F(Schemes, UnexpectedParametersDoNotIncludeAuthenticationOnes) {
    setup(R"(FSA_AUTH = ["param", "fake", "none"])");
    EXPECT_EQ(client.get("/me?USER=calvin&PASS=hobbes-1&LOGIN=x").status, 200);
    EXPECT_EQ(client.get("/me?USER=calvin&PASS=hobbes-1&other=1").status, 400);
}

namespace {
// the value of one `name="value"` parameter of a challenge
std::string challenge_param(const std::string& challenge, const std::string& name) {
    auto at = challenge.find(name + "=\"");
    if (at == std::string::npos) {
        return "";
    }
    at += name.size() + 2;
    return challenge.substr(at, challenge.find('"', at) - at);
}
}  // namespace

TEST(DigestScheme, ChallengeResponseAndNoReplay) {
    sa::App app{"digest-test"};
    app.config().from_string(R"(FSA_AUTH = ["digest", "none"])");
    app.get_user_pass([](std::string_view login) -> std::optional<std::string> {
        return login == "Mufasa" ? std::optional<std::string>("Circle of Life") : std::nullopt;
    });
    app.get<"/me">(sa::AUTH, [](sa::CurrentUser u, Param<"x", int, 0>) { return u.login(); });
    sa::TestClient client{app};
    auto first = client.get("/me?x=1");
    ASSERT_EQ(first.status, 401);
    auto challenges = all(first, "WWW-Authenticate");
    ASSERT_EQ(challenges.size(), 2u);
    EXPECT_NE(challenges[0].find("algorithm=SHA-256"), std::string::npos);
    EXPECT_NE(challenges[1].find("algorithm=MD5"), std::string::npos);
    EXPECT_EQ(challenge_param(challenges[0], "realm"), "digest-test");

    auto answer = [&](const std::string& challenge,
                      const std::string& user,
                      const std::string& password,
                      const std::string& nc,
                      sa::detail::DigestAlgorithm algorithm) {
        sa::detail::DigestCredentials c;
        c.username = user;
        c.realm = challenge_param(challenge, "realm");
        c.nonce = challenge_param(challenge, "nonce");
        c.opaque = challenge_param(challenge, "opaque");
        c.uri = "/me?x=1";
        c.qop = "auth";
        c.nc = nc;
        c.cnonce = "0a4f113b";
        c.algorithm = algorithm;
        std::string ha1 = sa::detail::digest_ha1(algorithm, user, c.realm, password);
        std::string response = sa::detail::digest_expected_response(c, ha1, "GET");
        return "Digest username=\"" + user + "\", realm=\"" + c.realm + "\", nonce=\"" + c.nonce + "\", uri=\"" +
               c.uri + "\", algorithm=" + (algorithm == sa::detail::DigestAlgorithm::md5 ? "MD5" : "SHA-256") +
               ", qop=auth, nc=" + nc + ", cnonce=\"" + c.cnonce + "\", response=\"" + response + "\", opaque=\"" +
               c.opaque + "\"";
    };
    using A = sa::detail::DigestAlgorithm;
    std::string ok = answer(challenges[0], "Mufasa", "Circle of Life", "00000001", A::sha256);
    EXPECT_EQ(client.get("/me?x=1", {{"Authorization", ok}}).body, "Mufasa");
    EXPECT_EQ(client.get("/me?x=1", {{"Authorization", ok}}).status, 401);  // replayed
    EXPECT_EQ(client
                  .get("/me?x=1",
                       {{"Authorization", answer(challenges[0], "Mufasa", "Circle of Life", "00000002", A::sha256)}})
                  .status,
              200);
    EXPECT_EQ(
        client
            .get("/me?x=1", {{"Authorization", answer(challenges[1], "Mufasa", "Circle of Life", "00000001", A::md5)}})
            .body,
        "Mufasa");
    auto wrong =
        client.get("/me?x=1", {{"Authorization", answer(challenges[1], "Mufasa", "wrong", "00000002", A::md5)}});
    auto unknown =
        client.get("/me?x=1", {{"Authorization", answer(challenges[1], "Simba", "wrong", "00000003", A::md5)}});
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(wrong.body, unknown.body);
    // another target than the one signed
    EXPECT_EQ(client
                  .get("/me?x=2",
                       {{"Authorization", answer(challenges[0], "Mufasa", "Circle of Life", "00000009", A::sha256)}})
                  .status,
              401);
}
