// The pipeline in process: statuses, their order, and what each layer reports.

#include <gtest/gtest.h>

#include <simpleauth/json.hpp>
#include <simpleauth/simpleauth.hpp>
#include <simpleauth/test_client.hpp>

#include "auth/response_headers.hpp"
#include "tokens/base64.hpp"

namespace sa = simpleauth;
using sa::Param;

namespace {

constexpr const char* secret = "a test secret that is long enough for HS256";

std::string basic(std::string_view login, std::string_view password) {
    return "Basic " + sa::detail::base64_encode(std::string(login) + ":" + std::string(password));
}

std::string header(const sa::http::Response& r, std::string_view name) {
    const std::string* v = r.headers.find(name);
    return v ? *v : std::string();
}

// A small app in the shape of acme, with users calvin (employee, manager of store 1) and susie.
struct AppTest : ::testing::Test {
    sa::App app{"test"};
    sa::TestClient client{app};
    std::map<std::string, std::string> hashes;

    void configure(std::string extra = "") {
        app.config().from_string(std::string(R"(
FSA_AUTH = ["token", "basic", "none"]
FSA_TOKEN_TYPE = "jwt"
FSA_REALM = "acme"
FSA_PASSWORD_OPTS = { rounds = 4 }
FSA_TOKEN_SECRET = ")") + secret +
                                 "\"\n" + extra);
        hashes["calvin"] = app.hash_password("hobbes-1");
        hashes["susie"] = app.hash_password("calvin-3");
        app.get_user_pass([this](std::string_view login) -> std::optional<std::string> {
            auto it = hashes.find(std::string(login));
            return it == hashes.end() ? std::nullopt : std::optional<std::string>(it->second);
        });
        app.group_check("employee", [](std::string_view login) { return login == "calvin"; });
        app.object_perms("store", [](std::string_view login, int sid, std::string_view mode) -> std::optional<bool> {
            if (sid > 2) {
                return std::nullopt;
            }
            return login == "calvin" && sid == 1 && (mode == "manager" || mode == "employee");
        });
    }

    void declare() {
        app.get<"/hello">(sa::OPEN, [] { return "hello"; });
        app.get<"/closed">(sa::CLOSE, [] { return "never"; });
        app.get<"/who">(sa::OPEN, [](std::optional<sa::CurrentUser> u) { return u ? u->login() : std::string("?"); });
        app.get<"/me">(sa::AUTH, [](sa::CurrentUser u) { return u.login(); });
        app.get<"/login">(
            sa::AUTH, sa::authn<"basic">, [this](sa::CurrentUser u) { return sa::json(app.create_token(u.login())); });
        app.get<"/store">(sa::authz<"employee">, [](Param<"pattern", std::string, "%"> p) { return *p; });
        app.post<"/store/<sid>/product">(
            sa::object<"store", "sid", "manager">,
            [](Param<"sid", int> sid, Param<"product", std::string> product, Param<"quantity", int> quantity) {
                return sa::Reply(std::to_string(*sid) + ":" + *product + ":" + std::to_string(*quantity), 201);
            });
        app.get<"/types">(sa::OPEN,
                          [](Param<"i", std::optional<int>> i,
                             Param<"b", bool, false> b,
                             Param<"d", double, 1.5> d,
                             Param<"n", long, 7> n) {
                              return (i->has_value() ? std::to_string(**i) : std::string("none")) + " " +
                                     (*b ? "T" : "F") + " " + std::to_string(*d) + " " + std::to_string(*n);
                          });
    }

    std::string token_for(std::string_view user) { return app.create_token(user); }
};

}  // namespace

TEST_F(AppTest, OpenRouteNeedsNoCredentials) {
    configure();
    declare();
    auto r = client.get("/hello");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "hello");
}

TEST_F(AppTest, UnknownPathAndMethod) {
    configure();
    declare();
    EXPECT_EQ(client.get("/nope").status, 404);
    auto r = client.request("DELETE", "/hello");
    EXPECT_EQ(r.status, 405);
    EXPECT_EQ(header(r, "Allow"), "GET, HEAD, OPTIONS");
}

TEST_F(AppTest, ClosedRoute) {
    configure();
    declare();
    auto r = client.get("/closed", {{"Authorization", basic("calvin", "hobbes-1")}});
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.body, "currently closed route");
}

TEST_F(AppTest, MissingCredentialsGet401WithChallenges) {
    configure();
    declare();
    auto r = client.get("/me");
    EXPECT_EQ(r.status, 401);
    std::vector<std::string> challenges = all(r, "WWW-Authenticate");
    ASSERT_EQ(challenges.size(), 2u);
    EXPECT_EQ(challenges[0], "Bearer realm=\"acme\"");
    EXPECT_EQ(challenges[1], "Basic realm=\"acme\", charset=\"UTF-8\"");
}

// token (bearer carrier) and oauth challenge alike: one Bearer line, not two
TEST_F(AppTest, ChallengesSharedBySchemesAreSentOnce) {
    configure("FSA_TOKEN_ISSUER = \"acme\"\n");
    app.config().set("FSA_AUTH", std::vector<std::string>{"token", "basic", "oauth", "none"});
    declare();
    auto r = client.get("/me");
    EXPECT_EQ(r.status, 401);
    std::vector<std::string> challenges = all(r, "WWW-Authenticate");
    EXPECT_EQ(challenges,
              (std::vector<std::string>{"Bearer realm=\"acme\"", "Basic realm=\"acme\", charset=\"UTF-8\""}));
}

TEST_F(AppTest, BasicAuthentication) {
    configure();
    declare();
    EXPECT_EQ(client.get("/me", {{"Authorization", basic("calvin", "hobbes-1")}}).body, "calvin");
    EXPECT_EQ(client.get("/me", {{"Authorization", "bAsIc " + basic("calvin", "hobbes-1").substr(6)}}).status, 200);
    auto wrong = client.get("/me", {{"Authorization", basic("calvin", "wrong")}});
    auto unknown = client.get("/me", {{"Authorization", basic("nobody", "wrong")}});
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(unknown.status, 401);
    EXPECT_EQ(wrong.body, unknown.body);  // no user enumeration
    EXPECT_EQ(client.get("/me", {{"Authorization", "Basic !!!"}}).status, 401);
    EXPECT_EQ(client.get("/me", {{"Authorization", "Basic " + sa::detail::base64_encode("nocolon")}}).status, 401);
    EXPECT_EQ(client.get("/me", {{"Authorization", basic("calvin", "hobbes-1")}, {"Authorization", "x"}}).status, 400);
}

TEST_F(AppTest, TokensFromLoginAreAccepted) {
    configure();
    declare();
    auto login = client.get("/login", {{"Authorization", basic("calvin", "hobbes-1")}});
    ASSERT_EQ(login.status, 200);
    std::string token = sa::Json::parse(login.body).get<std::string>();
    auto r = client.get("/me", {{"Authorization", "Bearer " + token}});
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "calvin");
    // /login only accepts basic
    EXPECT_EQ(client.get("/login", {{"Authorization", "Bearer " + token}}).status, 401);
}

TEST_F(AppTest, BadTokensAreRefusedWithInvalidTokenChallenge) {
    configure();
    declare();
    std::string token = token_for("calvin");
    std::string tampered = token.substr(0, token.size() - 2) + (token.back() == 'A' ? "BB" : "AA");
    auto r = client.get("/me", {{"Authorization", "Bearer " + tampered}});
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(header(r, "WWW-Authenticate"), "Bearer realm=\"acme\", error=\"invalid_token\"");
    EXPECT_EQ(r.body.find(tampered), std::string::npos);  // never echoed

    sa::App other{"other"};
    other.config().from_string(R"(
FSA_AUTH = ["token", "none"]
FSA_TOKEN_TYPE = "jwt"
FSA_REALM = "acme"
FSA_TOKEN_SECRET = "another secret, long enough for HS256 signing")");
    other.check();
    EXPECT_EQ(client.get("/me", {{"Authorization", "Bearer " + other.create_token("calvin")}}).status, 401);
    // another realm (audience)
    EXPECT_EQ(client.get("/me", {{"Authorization", "Bearer " + app.create_token("calvin", sa::TokenOptions{.realm = "mfa", .delay = {}, .issuer = {}})}}).status,
              401);
    EXPECT_EQ(client.get("/me", {{"Authorization", "Bearer a\"b"}}).status, 401);
}

TEST_F(AppTest, OptionalUserOnOpenRoute) {
    configure();
    declare();
    EXPECT_EQ(client.get("/who").body, "?");
    EXPECT_EQ(client.get("/who", {{"Authorization", basic("calvin", "hobbes-1")}}).body, "calvin");
}

TEST_F(AppTest, GroupAuthorization) {
    configure();
    declare();
    EXPECT_EQ(client.get("/store", {{"Authorization", basic("calvin", "hobbes-1")}}).body, "%");
    auto r = client.get("/store", {{"Authorization", basic("susie", "calvin-3")}});
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.body, "not in group \"employee\"");
    EXPECT_EQ(client.get("/store?pattern=M%25", {{"Authorization", basic("calvin", "hobbes-1")}}).body, "M%");
}

TEST_F(AppTest, ObjectPermissions) {
    configure();
    declare();
    auto auth = std::vector<std::pair<std::string, std::string>>{{"Authorization", basic("calvin", "hobbes-1")}};
    auto ok = client.post("/store/1/product", "product=pear&quantity=3", "application/x-www-form-urlencoded", auth);
    EXPECT_EQ(ok.status, 201);
    EXPECT_EQ(ok.body, "1:pear:3");
    EXPECT_EQ(
        client.post("/store/2/product", "product=pear&quantity=3", "application/x-www-form-urlencoded", auth).status,
        403);
    EXPECT_EQ(
        client.post("/store/9/product", "product=pear&quantity=3", "application/x-www-form-urlencoded", auth).status,
        404);
    EXPECT_EQ(
        client.post("/store/x/product", "product=pear&quantity=3", "application/x-www-form-urlencoded", auth).status,
        404);
    auto json = client.post("/store/1/product", R"({"product": "kiwi", "quantity": 2})", "application/json", auth);
    EXPECT_EQ(json.status, 201);
    EXPECT_EQ(json.body, "1:kiwi:2");
}

TEST_F(AppTest, StatusOrder) {
    configure();
    declare();
    // unauthenticated with bad parameters: 401 before 400
    EXPECT_EQ(client.post("/store/1/product", "quantity=x", "application/x-www-form-urlencoded").status, 401);
    // bad parameters on a forbidden store: 400 before the object permission (upstream's order)
    auto auth = std::vector<std::pair<std::string, std::string>>{{"Authorization", basic("calvin", "hobbes-1")}};
    EXPECT_EQ(client.post("/store/2/product", "quantity=x", "application/x-www-form-urlencoded", auth).status, 400);
}

TEST_F(AppTest, EveryParameterProblemInOne400) {
    configure();
    declare();
    auto auth = std::vector<std::pair<std::string, std::string>>{{"Authorization", basic("calvin", "hobbes-1")}};
    auto r =
        client.post("/store/1/product?sid=2", "quantity=ten&bad=1&bad=2", "application/x-www-form-urlencoded", auth);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body,
              "parameter \"product\" is missing\n"
              "parameter \"quantity\" cast error on ten: invalid literal for int()\n"
              "parameter \"sid\" both from path and request\n"
              "unexpected parameter \"bad\"");
}

TEST_F(AppTest, MalformedBodiesAre400) {
    configure();
    declare();
    auto auth = std::vector<std::pair<std::string, std::string>>{{"Authorization", basic("calvin", "hobbes-1")}};
    for (const std::string& body : std::vector<std::string>{"{", "[1, 2]", "{\"product\": \"\xff\"}", std::string(100, '[') + std::string(100, ']')}) {
        auto r = client.post("/store/1/product", body, "application/json", auth);
        EXPECT_EQ(r.status, 400) << body;
    }
    EXPECT_EQ(
        client.post("/store/1/product", "product=%zz&quantity=1", "application/x-www-form-urlencoded", auth).status,
        400);
}

TEST_F(AppTest, TypesDefaultsAndOptionals) {
    configure();
    declare();
    EXPECT_EQ(client.get("/types").body, "none F 1.500000 7");
    EXPECT_EQ(client.get("/types?i=0x10&b=yes&d=2.25&n=-3").body, "16 T 2.250000 -3");
    EXPECT_EQ(client.get("/types?i=1&i=2").status, 400);
    EXPECT_EQ(client.get("/types?d=nan").status, 400);
    EXPECT_EQ(client.get("/types?n=99999999999999999999").status, 400);
}

TEST_F(AppTest, ErrorsRenderedAsJson) {
    configure("FSA_ERROR_RESPONSE = \"json:error\"");
    declare();
    auto r = client.get("/me");
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(header(r, "Content-Type"), "application/json");
    EXPECT_EQ(r.body, R"({"error":"missing authorization header"})");
}

TEST(AppCheck, OpenRouteWithoutNoneIsAStartupError) {
    sa::App app{"t"};
    app.config().from_string(R"(FSA_AUTH = ["token"]
FSA_TOKEN_TYPE = "jwt")");
    app.get<"/x">(sa::OPEN, [] { return ""; });
    EXPECT_THROW(app.check(), sa::ConfigError);
}

TEST(AppCheck, UncheckableGroupsAndDomainsAreStartupErrors) {
    sa::App app{"t"};
    app.config().from_string(R"(FSA_AUTH = ["token", "none"]
FSA_TOKEN_TYPE = "jwt")");
    app.get<"/x">(sa::authz<"admin">, [] { return ""; });
    app.get<"/y/<id>">(sa::object<"thing", "id">, [](Param<"id", int>) { return ""; });
    try {
        app.check();
        FAIL() << "check() accepted an uncheckable group";
    } catch (const sa::ConfigError& e) {
        std::string m = e.what();
        EXPECT_NE(m.find("cannot check group admin"), std::string::npos) << m;
        EXPECT_NE(m.find("missing object permission checker for domain thing"), std::string::npos) << m;
    }
}

TEST(AppCheck, ObjectPermissionTypesMustMatch) {
    sa::App app{"t"};
    app.config().from_string(R"(FSA_AUTH = ["token", "none"]
FSA_TOKEN_TYPE = "jwt")");
    app.object_perms("thing",
                     [](std::string_view, std::string_view, std::string_view) -> std::optional<bool> { return true; });
    app.get<"/y/<id>">(sa::object<"thing", "id">, [](Param<"id", int>) { return ""; });
    EXPECT_THROW(app.check(), sa::ConfigError);
}

TEST(AppCheck, AuthnMustBeEnabled) {
    sa::App app{"t"};
    app.config().from_string(R"(FSA_AUTH = ["token", "none"]
FSA_TOKEN_TYPE = "jwt")");
    app.get<"/x">(sa::AUTH, sa::authn<"basic">, [] { return ""; });
    EXPECT_THROW(app.check(), sa::ConfigError);
}

TEST(AppCheck, DuplicateRouteIsAnError) {
    sa::App app{"t"};
    app.get<"/x">(sa::OPEN, [] { return ""; });
    EXPECT_THROW(app.get<"/x">(sa::OPEN, [] { return ""; }), sa::ConfigError);
}
