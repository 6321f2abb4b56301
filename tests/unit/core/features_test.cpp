// Caching, hooks, errors, redirects, CORS and route groups, in process.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <simpleauth/json.hpp>
#include <simpleauth/simpleauth.hpp>
#include <simpleauth/test_client.hpp>
#include <thread>

#include "tokens/base64.hpp"

namespace sa = simpleauth;
using sa::Param;

namespace {

std::string basic(std::string_view login, std::string_view password) {
    return "Basic " + sa::detail::base64_encode(std::string(login) + ":" + std::string(password));
}

std::string header(const sa::http::Response& r, std::string_view name) {
    const std::string* v = r.headers.find(name);
    return v ? *v : std::string();
}

// users whose hooks count their calls, and whose data the tests change behind the cache's back
struct Features : ::testing::Test {
    sa::App app{"features"};
    sa::TestClient client{app};
    std::map<std::string, std::string> hashes;
    std::map<std::string, bool> admins;
    std::map<int, std::string> owners;
    std::atomic<int> user_pass_calls{0}, group_calls{0}, perm_calls{0};

    void setup(const std::string& config) {
        app.config().from_string(
            "FSA_AUTH = [\"token\", \"basic\", \"none\"]\nFSA_TOKEN_TYPE = \"jwt\"\n"
            "FSA_TOKEN_SECRET = \"a secret that is long enough for HS256 tokens\"\n"
            "FSA_PASSWORD_OPTS = { rounds = 4 }\n" +
            config);
        hashes["calvin"] = app.hash_password("hobbes-1");
        admins["calvin"] = true;
        owners[1] = "calvin";
        app.get_user_pass([this](std::string_view login) -> std::optional<std::string> {
            ++user_pass_calls;
            auto it = hashes.find(std::string(login));
            return it == hashes.end() ? std::nullopt : std::optional<std::string>(it->second);
        });
        app.group_check("admin", [this](std::string_view login) {
            ++group_calls;
            return admins[std::string(login)];
        });
        app.object_perms("thing", [this](std::string_view login, int id, std::string_view) -> std::optional<bool> {
            ++perm_calls;
            auto it = owners.find(id);
            return it == owners.end() ? std::nullopt : std::optional<bool>(it->second == login);
        });
        app.get<"/me">(sa::AUTH, [](sa::CurrentUser u) { return u.login(); });
        app.post<"/me">(sa::AUTH, [](sa::CurrentUser u) { return u.login(); });
        app.get<"/admin">(sa::authz<"admin">, [] { return "admin"; });
        app.get<"/thing/<id>">(sa::object<"thing", "id">, [](Param<"id", int> id) { return std::to_string(*id); });
        app.get<"/open">(sa::OPEN, [] { return "open"; });
        app.get<"/boom">(sa::OPEN, []() -> std::string { throw std::runtime_error("SECRET-123"); });
        app.get<"/teapot">(sa::OPEN, []() -> std::string {
            sa::http::Headers h;
            h.add("X-Why", "short and stout");
            throw sa::ErrorResponse("I'm a teapot", 418, h);
        });
    }
    sa::http::Response as_calvin(const std::string& path) {
        return client.get(path, {{"Authorization", basic("calvin", "hobbes-1")}});
    }
};

}  // namespace

TEST_F(Features, PasswordLookupsAreCachedUntilUncached) {
    setup("");
    EXPECT_EQ(as_calvin("/me").status, 200);
    EXPECT_EQ(as_calvin("/me").status, 200);
    EXPECT_EQ(user_pass_calls, 1);
    hashes["calvin"] = app.hash_password("new password");
    EXPECT_EQ(as_calvin("/me").status, 200);  // the cached hash still answers
    EXPECT_TRUE(app.password_uncache("calvin"));
    EXPECT_EQ(as_calvin("/me").status, 401);
    EXPECT_EQ(client.get("/me", {{"Authorization", basic("calvin", "new password")}}).status, 200);
    EXPECT_FALSE(app.password_uncache("nobody"));
}

TEST_F(Features, NoSuchUserIsCachedToo) {
    setup("");
    EXPECT_EQ(client.get("/me", {{"Authorization", basic("susie", "calvin-3")}}).status, 401);
    hashes["susie"] = app.hash_password("calvin-3");
    EXPECT_EQ(client.get("/me", {{"Authorization", basic("susie", "calvin-3")}}).status, 401);
    app.password_uncache("susie");
    EXPECT_EQ(client.get("/me", {{"Authorization", basic("susie", "calvin-3")}}).status, 200);
}

TEST_F(Features, GroupsAndObjectPermissionsAreCached) {
    setup("");
    std::string token = app.create_token("calvin");
    auto bearer = std::vector<std::pair<std::string, std::string>>{{"Authorization", "Bearer " + token}};
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(client.get("/admin", bearer).status, 200);
        EXPECT_EQ(client.get("/thing/1", bearer).status, 200);
        EXPECT_EQ(client.get("/thing/7", bearer).status, 404);
    }
    EXPECT_EQ(group_calls, 1);
    EXPECT_EQ(perm_calls, 2);
    admins["calvin"] = false;
    owners[1] = "hobbes";
    EXPECT_TRUE(app.group_uncache("calvin", "admin"));
    EXPECT_TRUE(app.object_perms_uncache("thing", "calvin", {"1"}, ""));
    EXPECT_EQ(client.get("/admin", bearer).status, 403);
    EXPECT_EQ(client.get("/thing/1", bearer).status, 403);
}

TEST_F(Features, TokensAreCachedButExpiryIsCheckedAgain) {
    setup("");
    std::string token = app.create_token("calvin");
    auto bearer = std::vector<std::pair<std::string, std::string>>{{"Authorization", "Bearer " + token}};
    EXPECT_EQ(client.get("/me", bearer).status, 200);
    EXPECT_TRUE(app.token_uncache(token));
    EXPECT_FALSE(app.token_uncache(token));
    EXPECT_EQ(client.get("/me", bearer).status, 200);
    EXPECT_TRUE(app.user_token_uncache("calvin"));
    std::string short_lived = app.create_token("calvin", {.delay = 1.0 / 60.0});  // one second
    auto b2 = std::vector<std::pair<std::string, std::string>>{{"Authorization", "Bearer " + short_lived}};
    EXPECT_EQ(client.get("/me", b2).status, 200);  // now cached
    std::this_thread::sleep_for(std::chrono::milliseconds(2100));
    EXPECT_EQ(client.get("/me", b2).status, 401);
}

TEST_F(Features, NoCacheCallsTheHooksEveryTime) {
    setup("FSA_CACHE = \"none\"");
    as_calvin("/me");
    as_calvin("/me");
    EXPECT_EQ(user_pass_calls, 2);
    EXPECT_FALSE(app.password_uncache("calvin"));
}

TEST_F(Features, AuthUncacheAndClear) {
    setup("FSA_CACHE = \"lru\"\nFSA_CACHE_SIZE = 10");
    as_calvin("/admin");
    EXPECT_TRUE(app.auth_uncache("calvin"));
    as_calvin("/admin");
    EXPECT_EQ(user_pass_calls, 2);
    EXPECT_EQ(group_calls, 2);
    app.clear_caches();
    as_calvin("/admin");
    EXPECT_EQ(user_pass_calls, 3);
}

TEST(FeaturesConfig, BadCacheIsAStartupError) {
    sa::App app{"t"};
    app.config().from_string("FSA_AUTH = [\"none\"]\nFSA_CACHE = \"bogus\"");
    EXPECT_THROW(app.check(), sa::ConfigError);
}

TEST_F(Features, HooksRunInOrder) {
    std::vector<std::string> trace;
    app.before_request([&](sa::http::Request& r) -> std::optional<sa::http::Response> {
        trace.push_back("before_request");
        if (r.headers.contains("X-Short-Circuit")) {
            return sa::http::Response::text(418, "short");
        }
        return std::nullopt;
    });
    app.before_exec([&](sa::Context& ctx) -> std::optional<sa::http::Response> {
        trace.push_back("before_exec " + std::string(ctx.user(false).value_or("-")));
        return std::nullopt;
    });
    app.after_request([&](const sa::http::Request&, sa::http::Response& r) {
        trace.push_back("after_request");
        r.headers.add("X-After", "1");
    });
    setup("");
    auto r = as_calvin("/me");
    EXPECT_EQ(r.body, "calvin");
    EXPECT_EQ(header(r, "X-After"), "1");
    EXPECT_EQ(trace, (std::vector<std::string>{"before_request", "before_exec calvin", "after_request"}));
    auto s = client.get("/me", {{"X-Short-Circuit", "1"}});
    EXPECT_EQ(s.status, 418);
    EXPECT_EQ(header(s, "X-After"), "1");
    EXPECT_EQ(header(client.get("/nowhere"), "X-After"), "1");  // errors too
}

TEST_F(Features, BeforeExecMayAnswer) {
    app.before_exec([](sa::Context& ctx) -> std::optional<sa::http::Response> {
        if (ctx.route().path == "/open") {
            return sa::http::Response::text(403, "not today");
        }
        return std::nullopt;
    });
    setup("");
    EXPECT_EQ(client.get("/open").body, "not today");
    EXPECT_EQ(client.get("/thing/x").status, 404);
}

TEST_F(Features, AddedHeaders) {
    app.add_header("X-Static", "yes");
    app.add_header("X-Status", [](const sa::http::Response& r) -> std::optional<std::string> {
        return r.status >= 400 ? std::optional<std::string>("error") : std::nullopt;
    });
    setup("FSA_ADD_HEADERS = { X-Frame-Options = \"deny\" }");
    auto ok = client.get("/open");
    EXPECT_EQ(header(ok, "X-Static"), "yes");
    EXPECT_EQ(header(ok, "X-Frame-Options"), "deny");
    EXPECT_FALSE(ok.headers.contains("X-Status"));
    EXPECT_EQ(header(client.get("/nowhere"), "X-Status"), "error");
}

TEST_F(Features, ErrorsAreRenderedAsConfigured) {
    setup("FSA_ERROR_RESPONSE = \"json\"\nFSA_SERVER_ERROR = 599\nFSA_NOT_FOUND_ERROR = 410");
    auto boom = client.get("/boom");
    EXPECT_EQ(boom.status, 599);
    EXPECT_EQ(boom.body, "\"internal error\"");
    EXPECT_EQ(boom.body.find("SECRET"), std::string::npos);
    auto teapot = client.get("/teapot");
    EXPECT_EQ(teapot.status, 418);
    EXPECT_EQ(teapot.body, "\"I'm a teapot\"");
    EXPECT_EQ(header(teapot, "X-Why"), "short and stout");
    EXPECT_EQ(as_calvin("/thing/9").status, 410);
    auto r405 = client.request("DELETE", "/open");
    EXPECT_EQ(r405.status, 405);
    EXPECT_EQ(header(r405, "Allow"), "GET, HEAD, OPTIONS");
}

TEST_F(Features, CustomRendererAndFrameworkErrors) {
    app.error_response(
        [](const std::string& message, int status, const sa::http::Headers& headers, const std::string&) {
            sa::http::Response r = sa::http::Response::text(status, "<" + message + ">", "text/x-custom");
            for (const auto& f : headers) {
                r.headers.add(f.name, f.value);
            }
            return r;
        });
    setup("FSA_HANDLE_ALL_ERRORS = false");
    EXPECT_EQ(client.get("/teapot").body, "<I'm a teapot>");
    auto nf = client.get("/nowhere");
    EXPECT_EQ(nf.status, 404);
    EXPECT_EQ(nf.body, "not found");  // not the application's renderer
}

TEST_F(Features, KeepUserErrors) {
    setup("FSA_KEEP_USER_ERRORS = true");
    auto r = client.get("/boom");
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(r.body.substr(0, 36), "The server encountered an internal e");
}

TEST_F(Features, Redirect401) {
    setup("FSA_401_REDIRECT = \"https://login.example/login\"\nFSA_URL_NAME = \"back\"");
    auto r = client.get("/me?a=1", {{"Host", "api.example"}});
    EXPECT_EQ(r.status, 307);
    EXPECT_EQ(header(r, "Location"), "https://login.example/login?back=http%3A%2F%2Fapi.example%2Fme%3Fa%3D1");
    EXPECT_FALSE(r.headers.contains("WWW-Authenticate"));
    EXPECT_EQ(header(client.request("POST", "/me"), "Location"), "https://login.example/login");
}

TEST_F(Features, DevModeHeaders) {
    setup("FSA_MODE = \"dev\"");
    auto r = as_calvin("/me");
    EXPECT_EQ(header(r, "FSA-User"), "calvin (basic)");
    EXPECT_EQ(header(r, "FSA-Request"), "GET /me");
    EXPECT_FALSE(header(r, "FSA-Delay").empty());
    double delay = std::stod(header(r, "FSA-Delay"));  // the request's own duration, not the clock's epoch
    EXPECT_GE(delay, 0.0);
    EXPECT_LT(delay, 60.0);
    EXPECT_EQ(header(client.get("/open"), "FSA-User"), "None (None)");
}

TEST_F(Features, SecureRefusesPlainHttpFromRemoteClients) {
    setup("");
    client.remote_addr = "192.0.2.9";
    auto r = client.get("/open");
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(r.body, "insecure HTTP request denied");
}

TEST_F(Features, CorsPreflightWithoutAuthentication) {
    setup("FSA_CORS = true\nFSA_CORS_OPTS = { origins = \"https://app.example\" }");
    auto pre =
        client.request("OPTIONS", "/me", {{"Origin", "https://app.example"}, {"Access-Control-Request-Method", "GET"}});
    EXPECT_EQ(pre.status, 204);
    EXPECT_EQ(header(pre, "Access-Control-Allow-Origin"), "https://app.example");
    auto actual = client.get("/open", {{"Origin", "https://app.example"}});
    EXPECT_EQ(header(actual, "Access-Control-Allow-Origin"), "https://app.example");
    EXPECT_FALSE(
        client.get("/open", {{"Origin", "https://evil.example"}}).headers.contains("Access-Control-Allow-Origin"));
}

TEST(RouteGroups, PrefixHooksAndDefaults) {
    sa::App app{"groups"};
    app.config().from_string(
        "FSA_AUTH = [\"token\", \"basic\", \"none\"]\nFSA_TOKEN_TYPE = \"jwt\"\n"
        "FSA_TOKEN_SECRET = \"a secret that is long enough for HS256 tokens\"\nFSA_PASSWORD_OPTS = { rounds = 4 }");
    std::string hash = app.hash_password("pw");
    app.get_user_pass([&](std::string_view) { return std::optional<std::string>(hash); });
    auto b1 = app.group("/b1", {.authn = {"basic"}, .realm = "b1-realm"});
    b1.before_request([](sa::Context&) -> std::optional<sa::http::Response> { return std::nullopt; });
    b1.after_request([](const sa::http::Request&, sa::http::Response& r) { r.headers.add("X-Group", "b1"); });
    b1.get<"/me">(sa::AUTH, [](sa::CurrentUser u) { return u.login(); });
    app.get<"/me">(sa::AUTH, [](sa::CurrentUser u) { return u.login(); });
    EXPECT_THROW(app.group("/x/<y>"), sa::ConfigError);
    sa::TestClient client{app};
    std::string token = app.create_token("bob");
    auto r = client.get("/b1/me", {{"Authorization", basic("bob", "pw")}});
    EXPECT_EQ(r.body, "bob");
    EXPECT_EQ(header(r, "X-Group"), "b1");
    auto refused = client.get("/b1/me", {{"Authorization", "Bearer " + token}});  // basic only here
    EXPECT_EQ(refused.status, 401);
    EXPECT_EQ(header(refused, "WWW-Authenticate"), "Basic realm=\"b1-realm\", charset=\"UTF-8\"");
    auto plain = client.get("/me", {{"Authorization", "Bearer " + token}});
    EXPECT_EQ(plain.body, "bob");
    EXPECT_FALSE(plain.headers.contains("X-Group"));
}

namespace {
struct UserAgent {
    std::string value;
};
}  // namespace

template <>
struct simpleauth::special<UserAgent> {
    static UserAgent extract(sa::Context& ctx) {
        const std::string* ua = ctx.request().headers.find("User-Agent");
        if (ua == nullptr) {
            throw sa::ErrorResponse("a User-Agent is required", 400);
        }
        return {*ua};
    }
};

TEST(SpecialParameters, InjectedFromTheRequest) {
    sa::App app{"special"};
    app.config().from_string("FSA_AUTH = [\"none\"]\nFSA_DEFAULT_CONTENT_TYPE = \"text/html\"");
    app.get<"/ua">(sa::OPEN, [](UserAgent ua) { return ua.value; });
    sa::TestClient client{app};
    auto r = client.get("/ua", {{"User-Agent", "curl/8"}});
    EXPECT_EQ(r.body, "curl/8");
    EXPECT_EQ(header(r, "Content-Type"), "text/html");  // FSA_DEFAULT_CONTENT_TYPE for string results
    EXPECT_EQ(client.get("/ua").status, 400);
}

TEST(PathCheck, RefusesBadPathsAtStartup) {
    sa::App app{"paths"};
    app.config().from_string("FSA_AUTH = [\"none\"]");
    app.path_check([](std::string_view, std::string_view path) -> std::optional<std::string> {
        if (path.find('_') != std::string_view::npos) {
            return "use dashes, not underscores";
        }
        return std::nullopt;
    });
    app.get<"/good-path">(sa::OPEN, [] { return ""; });
    app.get<"/bad_path">(sa::OPEN, [] { return ""; });
    try {
        app.check();
        FAIL();
    } catch (const sa::ConfigError& e) {
        EXPECT_EQ(std::string(e.what()), "bad path on GET /bad_path: use dashes, not underscores");
    }
}
