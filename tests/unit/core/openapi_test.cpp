// App::openapi(): every route, parameter and security requirement of a sample app is in the document,
// and the pipeline serves it at FSA_OPENAPI_PATH.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <simpleauth/params/cookie.hpp>
#include <simpleauth/params/file.hpp>
#include <simpleauth/params/header.hpp>
#include <simpleauth/params/vector.hpp>
#include <simpleauth/simpleauth.hpp>
#include <simpleauth/test_client.hpp>
#include <string>
#include <vector>

namespace sa = simpleauth;
using sa::Param;
using Json = nlohmann::json;

namespace {

struct OpenApi : ::testing::Test {
    sa::App app{"sample"};

    void declare(const std::string& config) {
        app.config().from_string(config);
        app.get_user_pass([](std::string_view) -> std::optional<std::string> { return std::nullopt; });
        app.group_check("admin", [](std::string_view) { return true; });
        app.object_perms("store", [](std::string_view, int, std::string_view) -> std::optional<bool> { return true; });
        app.get<"/hello">(sa::OPEN, [] { return "hello"; });
        app.get<"/me">(sa::AUTH, sa::authn<"basic">, [](sa::CurrentUser u) { return u.login(); });
        app.get<"/store">(
            sa::authz<"admin">,
            [](Param<"pattern", std::string, "%"> p, Param<"limit", std::optional<long long>>) { return *p; });
        app.get<"/store/<sid>">(sa::object<"store", "sid", "read">,
                                [](Param<"sid", int> sid) { return std::to_string(*sid); });
        app.post<"/store/<sid>/product">(
            sa::object<"store", "sid", "manager">,
            [](Param<"sid", int>, Param<"product", std::string>, Param<"quantity", int>, Param<"price", double, 1.5>) {
                return "";
            });
        app.delete_<"/store/<sid>">(sa::CLOSE, [](Param<"sid", int>, Param<"force", bool, false>) { return ""; });
    }

    Json doc() { return Json::parse(app.openapi()); }
};

constexpr const char* jwt_config =
    "FSA_AUTH = [\"token\", \"basic\", \"none\"]\nFSA_TOKEN_TYPE = \"jwt\"\n"
    "FSA_TOKEN_SECRET = \"a secret that is long enough for HS256 tokens\"\nFSA_PASSWORD_OPTS = { rounds = 4 }\n";

TEST_F(OpenApi, EveryRouteAndParameter) {
    declare(jwt_config);
    Json d = doc();
    EXPECT_EQ(d["openapi"], "3.1.0");
    EXPECT_EQ(d["info"]["title"], "sample");
    const Json& paths = d["paths"];
    ASSERT_EQ(paths.size(), 5u);
    for (const char* p : {"/hello", "/me", "/store", "/store/{sid}", "/store/{sid}/product"}) {
        EXPECT_TRUE(paths.contains(p)) << p;
    }
    EXPECT_TRUE(paths["/store/{sid}"].contains("get"));
    EXPECT_TRUE(paths["/store/{sid}"].contains("delete"));
    EXPECT_TRUE(paths["/store/{sid}/product"].contains("post"));
    EXPECT_EQ(paths["/store/{sid}/product"]["post"]["operationId"], "post_store_sid_product");

    // GET: query parameters with types, defaults and required flags
    const Json& store = paths["/store"]["get"]["parameters"];
    ASSERT_EQ(store.size(), 2u);
    EXPECT_EQ(store[0]["name"], "pattern");
    EXPECT_EQ(store[0]["in"], "query");
    EXPECT_EQ(store[0]["required"], false);
    EXPECT_EQ(store[0]["schema"]["type"], "string");
    EXPECT_EQ(store[0]["schema"]["default"], "%");
    EXPECT_EQ(store[1]["name"], "limit");
    EXPECT_EQ(store[1]["required"], false);
    EXPECT_EQ(store[1]["schema"]["type"], "integer");
    EXPECT_EQ(store[1]["schema"]["format"], "int64");

    // path parameter: required, typed
    const Json& sid = paths["/store/{sid}"]["get"]["parameters"][0];
    EXPECT_EQ(sid["name"], "sid");
    EXPECT_EQ(sid["in"], "path");
    EXPECT_EQ(sid["required"], true);
    EXPECT_EQ(sid["schema"]["type"], "integer");
    EXPECT_EQ(sid["schema"]["format"], "int32");

    // DELETE: query, boolean with a typed default
    const Json& force = paths["/store/{sid}"]["delete"]["parameters"][1];
    EXPECT_EQ(force["name"], "force");
    EXPECT_EQ(force["in"], "query");
    EXPECT_EQ(force["schema"]["type"], "boolean");
    EXPECT_EQ(force["schema"]["default"], false);

    // POST: the body, as a form and as JSON
    const Json& post = paths["/store/{sid}/product"]["post"];
    EXPECT_EQ(post["parameters"].size(), 1u);  // sid only
    for (const char* type : {"application/x-www-form-urlencoded", "application/json"}) {
        const Json& schema = post["requestBody"]["content"][type]["schema"];
        EXPECT_EQ(schema["type"], "object");
        EXPECT_EQ(schema["properties"]["product"]["type"], "string");
        EXPECT_EQ(schema["properties"]["quantity"]["type"], "integer");
        EXPECT_EQ(schema["properties"]["price"]["type"], "number");
        EXPECT_EQ(schema["properties"]["price"]["format"], "double");
        EXPECT_EQ(schema["properties"]["price"]["default"], 1.5);
        EXPECT_EQ(schema["required"], Json::array({"product", "quantity"}));
    }
    EXPECT_EQ(post["requestBody"]["required"], true);
}

TEST_F(OpenApi, SecurityFromTheConfiguration) {
    declare(jwt_config);
    Json d = doc();
    const Json& schemes = d["components"]["securitySchemes"];
    EXPECT_EQ(schemes["token"], Json({{"type", "http"}, {"scheme", "bearer"}, {"bearerFormat", "JWT"}}));
    EXPECT_EQ(schemes["basic"], Json({{"type", "http"}, {"scheme", "basic"}}));
    EXPECT_FALSE(schemes.contains("none"));

    const Json& paths = d["paths"];
    EXPECT_EQ(paths["/hello"]["get"]["security"], Json::array());  // OPEN
    EXPECT_EQ(paths["/me"]["get"]["security"], Json::parse(R"([{"basic": []}])"));
    // the configured order: token, then basic
    EXPECT_EQ(paths["/store"]["get"]["security"], Json::parse(R"([{"token": []}, {"basic": []}])"));
    EXPECT_EQ(paths["/store/{sid}/product"]["post"]["security"], Json::parse(R"([{"token": []}, {"basic": []}])"));

    // responses as applicable
    auto codes = [&](const char* path, const char* method) {
        std::vector<std::string> out;
        for (const auto& [code, _] : paths[path][method]["responses"].items()) {
            out.push_back(code);
        }
        return out;
    };
    using V = std::vector<std::string>;
    EXPECT_EQ(codes("/hello", "get"), V({"2XX"}));
    EXPECT_EQ(codes("/me", "get"), V({"2XX", "401"}));
    EXPECT_EQ(codes("/store", "get"), V({"2XX", "400", "401", "403"}));
    EXPECT_EQ(codes("/store/{sid}/product", "post"), V({"2XX", "400", "401", "403", "404"}));
    EXPECT_EQ(codes("/store/{sid}", "delete"), V({"2XX", "400", "403", "404"}));
}

TEST_F(OpenApi, CarriersDigestAndParam) {
    declare(
        "FSA_AUTH = [\"token\", \"digest\", \"param\", \"basic\", \"none\"]\nFSA_TOKEN_TYPE = \"fsa\"\n"
        "FSA_TOKEN_CARRIER = \"header\"\nFSA_TOKEN_SECRET = \"an fsa secret\"\nFSA_PASSWORD_OPTS = { rounds = 4 }\n");
    Json d = doc();
    const Json& schemes = d["components"]["securitySchemes"];
    EXPECT_EQ(schemes["token"]["type"], "apiKey");
    EXPECT_EQ(schemes["token"]["in"], "header");
    EXPECT_EQ(schemes["token"]["name"], "Auth");
    EXPECT_EQ(schemes["digest"], Json({{"type", "http"}, {"scheme", "digest"}}));
    EXPECT_EQ(schemes["param-user"]["name"], "USER");
    EXPECT_EQ(schemes["param-pass"]["name"], "PASS");
    // param needs both parameters: one requirement object with both names
    EXPECT_EQ(d["paths"]["/store"]["get"]["security"],
              Json::parse(R"([{"token": []}, {"digest": []}, {"param-user": [], "param-pass": []}, {"basic": []}])"));
}

TEST_F(OpenApi, CookieAndParamCarriersFsaBearer) {
    for (const char* carrier : {"cookie", "param", "bearer"}) {
        sa::App other{"carrier"};
        other.config().from_string(std::string("FSA_AUTH = [\"token\", \"none\"]\nFSA_TOKEN_CARRIER = \"") + carrier +
                                   "\"\nFSA_TOKEN_SECRET = \"an fsa secret\"\nFSA_PASSWORD_OPTS = { rounds = 4 }\n");
        other.get<"/me">(sa::AUTH, [](sa::CurrentUser u) { return u.login(); });
        Json token = Json::parse(other.openapi())["components"]["securitySchemes"]["token"];
        if (std::string(carrier) == "bearer") {
            EXPECT_EQ(token["type"], "http");
            EXPECT_EQ(token["scheme"], "bearer");
            EXPECT_FALSE(token.contains("bearerFormat"));  // an fsa token is not a JWT
        } else {
            EXPECT_EQ(token["type"], "apiKey");
            EXPECT_EQ(token["in"], std::string(carrier) == "cookie" ? "cookie" : "query");
            EXPECT_EQ(token["name"], std::string(carrier) == "cookie" ? "auth" : "AUTH");
        }
    }
}

TEST(OpenApiOAuth, ScopesOfOAuthRoutes) {
    sa::App app{"oauth"};
    app.config().from_string(
        "FSA_AUTH = [\"oauth\", \"none\"]\nFSA_TOKEN_TYPE = \"jwt\"\nFSA_TOKEN_ISSUER = \"https://issuer.example\"\n"
        "FSA_TOKEN_SECRET = \"a secret that is long enough for HS256 tokens\"\n"
        "FSA_AUTHZ_SCOPES = [\"read\", \"write\"]\nFSA_PASSWORD_OPTS = { rounds = 4 }\n");
    app.get<"/data">(sa::authz<"read">, sa::authn<"oauth">, [] { return ""; });
    app.put<"/data">(sa::authz<"write">, sa::authn<"oauth">, [](Param<"value", std::string>) { return ""; });
    Json d = Json::parse(app.openapi());
    const Json& oauth = d["components"]["securitySchemes"]["oauth"];
    EXPECT_EQ(oauth["type"], "oauth2");
    const Json& flow = oauth["flows"]["clientCredentials"];
    EXPECT_EQ(flow["tokenUrl"], "https://issuer.example");
    EXPECT_TRUE(flow["scopes"].contains("read"));
    EXPECT_TRUE(flow["scopes"].contains("write"));
    EXPECT_EQ(d["paths"]["/data"]["get"]["security"], Json::parse(R"([{"oauth": ["read"]}])"));
    EXPECT_EQ(d["paths"]["/data"]["put"]["security"], Json::parse(R"([{"oauth": ["write"]}])"));
    EXPECT_EQ(d["paths"]["/data"]["get"]["description"], "Authorization: scope read.");
}

TEST_F(OpenApi, ServedAtTheConfiguredPath) {
    declare(std::string(jwt_config) + "FSA_OPENAPI_PATH = \"/api/doc.json\"\n");
    sa::TestClient client{app};
    auto r = client.get("/api/doc.json");  // no credentials: OPEN
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(*r.headers.find("Content-Type"), "application/json");
    EXPECT_EQ(Json::parse(r.body)["paths"].size(), 5u);
    EXPECT_EQ(client.get("/openapi.json").status, 404);
}

TEST_F(OpenApi, OffInProdByDefaultOnInDev) {
    declare(jwt_config);
    sa::TestClient client{app};
    EXPECT_EQ(client.get("/openapi.json").status, 404);

    sa::App dev{"dev"};
    dev.config().from_string("FSA_MODE = \"dev\"\nFSA_AUTH = \"none\"\nFSA_PASSWORD_OPTS = { rounds = 4 }\n");
    dev.get<"/hello">(sa::OPEN, [] { return "hello"; });
    sa::TestClient dev_client{dev};
    auto r = dev_client.get("/openapi.json");
    EXPECT_EQ(r.status, 200);
    EXPECT_TRUE(Json::parse(r.body)["paths"].contains("/hello"));
}

TEST(OpenApiSources, HeadersCookiesFilesAndVectors) {
    sa::App app{"sources"};
    app.config().from_string("FSA_AUTH = \"none\"\nFSA_PASSWORD_OPTS = { rounds = 4 }\n");
    app.get<"/h">(sa::OPEN,
                  [](sa::Header<"X-Trace", std::optional<std::string>>,
                     sa::Cookie<"lang", std::string, "en">,
                     Param<"ids", std::vector<int>>) { return ""; });
    app.post<"/upload">(sa::OPEN, [](sa::File<"upload">, Param<"note", std::string, "">) { return ""; });
    Json d = Json::parse(app.openapi());
    const Json& params = d["paths"]["/h"]["get"]["parameters"];
    ASSERT_EQ(params.size(), 3u);
    EXPECT_EQ(params[0]["in"], "header");
    EXPECT_EQ(params[0]["name"], "X-Trace");
    EXPECT_EQ(params[0]["required"], false);
    EXPECT_EQ(params[1]["in"], "cookie");
    EXPECT_EQ(params[1]["schema"]["default"], "en");
    EXPECT_EQ(params[2]["schema"],
              Json::parse(R"({"type": "array", "items": {"type": "integer", "format": "int32"}})"));
    const Json& content = d["paths"]["/upload"]["post"]["requestBody"]["content"];
    ASSERT_EQ(content.size(), 1u);
    const Json& upload = content["multipart/form-data"]["schema"]["properties"]["upload"];
    EXPECT_EQ(upload["contentMediaType"], "application/octet-stream");
}

TEST(OpenApiConfig, PathMustBeAbsolute) {
    sa::App app{"bad"};
    app.config().from_string("FSA_AUTH = \"none\"\nFSA_OPENAPI_PATH = \"openapi.json\"\n");
    EXPECT_THROW(app.check(), sa::ConfigError);
}

}  // namespace
