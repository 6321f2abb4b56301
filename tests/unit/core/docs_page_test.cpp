// FSA_DOCS_PATH, FSA_DOCS_ASSETS, FSA_DOCS_CDN: the Swagger UI page, its allow-listed assets, the
// fallback page without them, and the configurations refused at start-up.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <simpleauth/simpleauth.hpp>
#include <simpleauth/test_client.hpp>
#include <string>
#include <utility>

namespace sa = simpleauth;
using sa::Param;
namespace fs = std::filesystem;

namespace {

// a stand-in for an installed swagger-ui-dist: the two files the page loads, and one it does not
struct AssetsDir {
    fs::path dir =
        fs::temp_directory_path() / ("sa-docs-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    AssetsDir() {
        fs::create_directories(dir);
        std::ofstream(dir / "swagger-ui.css") << "body { margin: 0 }";
        std::ofstream(dir / "swagger-ui-bundle.js") << "var SwaggerUIBundle = function () {};";
        std::ofstream(dir / "index.html") << "not on the allow-list";
    }
    ~AssetsDir() { fs::remove_all(dir); }
};

struct DocsPage : ::testing::Test {
    sa::App app{"shop"};

    void declare(const std::string& config) {
        app.config().from_string("FSA_AUTH = \"none\"\nFSA_PASSWORD_OPTS = { rounds = 4 }\n" + config);
        app.get<"/hello">(sa::OPEN, [] { return "hello"; });
    }
};

TEST_F(DocsPage, OffInProdByDefault) {
    declare("");
    sa::TestClient client{app};
    EXPECT_EQ(client.get("/docs").status, 404);
    EXPECT_EQ(app.audit_table().find("/docs"), std::string::npos);
}

TEST_F(DocsPage, WithoutAssetsTheDevPageSaysHowAndListsTheRoutes) {
    declare("FSA_MODE = \"dev\"\n");
    sa::TestClient client{app};
    auto r = client.get("/docs");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(*r.headers.find("Content-Type"), "text/html; charset=utf-8");
    EXPECT_NE(r.body.find("swagger-ui-dist"), std::string::npos);
    EXPECT_NE(r.body.find("FSA_DOCS_ASSETS"), std::string::npos);
    EXPECT_NE(r.body.find("<a href=\"/openapi.json\">"), std::string::npos);
    EXPECT_NE(r.body.find("GET     /hello"), std::string::npos);  // the audit table
    EXPECT_EQ(r.body.find("swagger-ui-bundle.js"), std::string::npos);
    EXPECT_EQ(client.get("/docs/swagger-ui-bundle.js").status, 404);
}

TEST_F(DocsPage, LocalAssetsServedFromAnAllowList) {
    AssetsDir assets;
    declare("FSA_MODE = \"dev\"\nFSA_DOCS_PATH = \"/api/docs/\"\nFSA_DOCS_ASSETS = \"" + assets.dir.string() + "\"\n");
    sa::TestClient client{app};
    auto page = client.get("/api/docs/");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("<link rel=\"stylesheet\" href=\"/api/docs/swagger-ui.css\">"), std::string::npos);
    EXPECT_NE(page.body.find("<script src=\"/api/docs/swagger-ui-bundle.js\"></script>"), std::string::npos);
    EXPECT_NE(page.body.find("SwaggerUIBundle({url: \"/openapi.json\""), std::string::npos);
    auto css = client.get("/api/docs/swagger-ui.css");
    EXPECT_EQ(css.status, 200);
    EXPECT_EQ(css.body, "body { margin: 0 }");
    EXPECT_EQ(*css.headers.find("Content-Type"), "text/css; charset=utf-8");
    EXPECT_EQ(*client.get("/api/docs/swagger-ui-bundle.js").headers.find("Content-Type"),
              "text/javascript; charset=utf-8");
    for (const char* path : {"/api/docs/index.html",
                             "/api/docs/../docs/swagger-ui.css",
                             "/api/docs//swagger-ui.css",
                             "/api/docs/swagger-ui.css/",
                             "/docs"}) {
        EXPECT_EQ(client.get(path).status, 404) << path;
    }
    EXPECT_EQ(client.request("POST", "/api/docs/swagger-ui.css").status, 404);  // GET only
    std::string table = app.audit_table();
    for (const char* path :
         {"/openapi.json ", "/api/docs/ ", "/api/docs/swagger-ui.css ", "/api/docs/swagger-ui-bundle.js "}) {
        EXPECT_NE(table.find(path), std::string::npos) << path;
    }
    EXPECT_EQ(app.openapi().find("/api/docs"), std::string::npos);  // the page documents the API, not itself
}

TEST_F(DocsPage, CdnAssetsInProdWhenConfigured) {
    declare(
        "FSA_OPENAPI_PATH = \"/spec\"\nFSA_DOCS_PATH = \"/docs\"\nFSA_DOCS_CDN = "
        "\"https://cdn.test/swagger-ui-dist@5\"\n");
    sa::TestClient client{app};
    auto page = client.get("/docs");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("href=\"https://cdn.test/swagger-ui-dist@5/swagger-ui.css\""), std::string::npos);
    EXPECT_NE(page.body.find("src=\"https://cdn.test/swagger-ui-dist@5/swagger-ui-bundle.js\""), std::string::npos);
    EXPECT_NE(page.body.find("{url: \"/spec\""), std::string::npos);
    EXPECT_EQ(client.get("/docs/swagger-ui.css").status, 404);  // nothing served locally
}

TEST_F(DocsPage, ConfiguredPathsCannotLeaveTheScript) {
    declare(
        "FSA_MODE = \"dev\"\nFSA_OPENAPI_PATH = \"/x</script><script>alert(1)//\"\n"
        "FSA_DOCS_CDN = \"https://cdn.test/ui\"\n");
    auto page = sa::TestClient{app}.get("/docs");
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(page.body.find("</script><script>alert"), std::string::npos);
    EXPECT_NE(page.body.find("\\u003c/script\\u003e"), std::string::npos);
}

TEST_F(DocsPage, ARouteItWouldHideStopsTheStartUp) {
    declare("FSA_MODE = \"dev\"\n");
    app.get<"/<page>">(sa::OPEN, [](Param<"page", std::string> page) { return *page; });
    try {
        app.check();
        ADD_FAILURE() << "a route under the page was accepted";
    } catch (const sa::ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("GET /docs is also a route"), std::string::npos) << e.what();
    }
}

// a configuration, and what the start-up error must say about it
struct DocsConfig : ::testing::TestWithParam<std::pair<std::string, std::string>> {};

TEST_P(DocsConfig, RefusedAtStartUp) {
    sa::App app{"bad"};
    app.config().from_string("FSA_AUTH = \"none\"\nFSA_MODE = \"dev\"\n" + GetParam().first);
    app.get<"/hello">(sa::OPEN, [] { return "hello"; });
    try {
        app.check();
        ADD_FAILURE() << "accepted: " << GetParam().first;
    } catch (const sa::ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find(GetParam().second), std::string::npos) << e.what();
    }
}

INSTANTIATE_TEST_SUITE_P(
    DocsPage,
    DocsConfig,
    ::testing::Values(std::pair{"FSA_DOCS_PATH = \"docs\"\n", "start with '/'"},
                      std::pair{"FSA_OPENAPI_PATH = \"\"\nFSA_DOCS_PATH = \"/docs\"\n", "needs the OpenAPI document"},
                      std::pair{"FSA_OPENAPI_PATH = \"/docs\"\n", "needs the OpenAPI document at another path"},
                      std::pair{"FSA_DOCS_ASSETS = \"/nonexistent\"\n", "/nonexistent/swagger-ui.css is missing"},
                      std::pair{"FSA_DOCS_ASSETS = \"/tmp\"\nFSA_DOCS_CDN = \"https://cdn.test\"\n", "exclusive"},
                      std::pair{"FSA_DOCS_CDN = \"http://cdn.test/ui\"\n", "https://"},
                      std::pair{"FSA_DOCS_CDN = \"https://cdn.test/\\\"onload=alert(1)\"\n", "without quotes"}));

}  // namespace
