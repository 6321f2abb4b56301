#include <gtest/gtest.h>

#include "core/router.hpp"
#include "simpleauth/errors.hpp"

namespace simpleauth::detail {
std::vector<PathSegment> parse_path(std::string_view path);
}

namespace sa = simpleauth;
using sa::detail::RouteMatch;

namespace {

sa::RouteSpec route(std::string method, std::string path, sa::PathSegment::Kind kind = sa::PathSegment::Kind::string) {
    sa::RouteSpec r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.segments = sa::detail::parse_path(r.path);
    for (auto& s : r.segments) {
        if (s.kind == sa::PathSegment::Kind::string) {
            s.kind = kind;
        }
    }
    return r;
}

struct RouterTest : ::testing::Test {
    sa::detail::Router router;
    void SetUp() override {
        router.add(route("GET", "/hello"), 0);
        router.add(route("GET", "/store/<sid>/product", sa::PathSegment::Kind::integer), 1);
        router.add(route("POST", "/store/<sid>/product", sa::PathSegment::Kind::integer), 2);
        router.add(route("GET", "/user/<name>"), 3);
        router.add(route("GET", "/user/me"), 4);
        router.add(route("GET", "/files/<path:rest>"), 5);
        router.add(route("GET", "/"), 6);
    }
};

}  // namespace

TEST_F(RouterTest, FindsRoutesAndValues) {
    auto m = router.match("GET", "/store/12/product");
    ASSERT_EQ(m.status, RouteMatch::Status::found);
    EXPECT_EQ(m.index, 1u);
    ASSERT_EQ(m.values.size(), 1u);
    EXPECT_EQ(m.values[0].first, "sid");
    EXPECT_EQ(m.values[0].second.text, "12");
    EXPECT_EQ(router.match("POST", "/store/1/product").index, 2u);
    EXPECT_EQ(router.match("GET", "/").index, 6u);
}

TEST_F(RouterTest, StaticSegmentsWin) {
    EXPECT_EQ(router.match("GET", "/user/me").index, 4u);
    EXPECT_EQ(router.match("GET", "/user/calvin").index, 3u);
}

TEST_F(RouterTest, IntegerPlaceholderNeedsDigits) {
    EXPECT_EQ(router.match("GET", "/store/x/product").status, RouteMatch::Status::not_found);
    EXPECT_EQ(router.match("GET", "/store/-1/product").status, RouteMatch::Status::not_found);
}

TEST_F(RouterTest, MethodNotAllowedListsMethods) {
    auto m = router.match("DELETE", "/store/1/product");
    EXPECT_EQ(m.status, RouteMatch::Status::method_not_allowed);
    EXPECT_EQ(m.allow, "GET, HEAD, OPTIONS, POST");
    EXPECT_EQ(router.match("HEAD", "/hello").status, RouteMatch::Status::found);
}

TEST_F(RouterTest, UnknownPaths) {
    EXPECT_EQ(router.match("GET", "/nope").status, RouteMatch::Status::not_found);
    EXPECT_EQ(router.match("GET", "/hello/").status, RouteMatch::Status::not_found);
    EXPECT_EQ(router.match("GET", "//hello").status, RouteMatch::Status::not_found);
    EXPECT_EQ(router.match("GET", "/HELLO").status, RouteMatch::Status::not_found);
    EXPECT_EQ(router.match("GET", "/hello;x").status, RouteMatch::Status::not_found);
}

TEST_F(RouterTest, EncodedSlashStaysInItsSegment) {
    auto m = router.match("GET", "/user/a%2Fb");
    ASSERT_EQ(m.status, RouteMatch::Status::found);
    EXPECT_EQ(m.values[0].second.text, "a/b");
    EXPECT_EQ(router.match("GET", "/store%2F1%2Fproduct").status, RouteMatch::Status::not_found);
}

TEST_F(RouterTest, DotSegmentsNeverResolve) {
    EXPECT_EQ(router.match("GET", "/store/../hello").status, RouteMatch::Status::not_found);
    EXPECT_EQ(router.match("GET", "/./hello").status, RouteMatch::Status::not_found);
    EXPECT_EQ(router.match("GET", "/%2e%2e/hello").status, RouteMatch::Status::not_found);
}

TEST_F(RouterTest, MalformedPaths) {
    EXPECT_EQ(router.match("GET", "/user/%zz").status, RouteMatch::Status::bad_path);
    EXPECT_EQ(router.match("GET", "/user/%00").status, RouteMatch::Status::bad_path);
    EXPECT_EQ(router.match("GET", "hello").status, RouteMatch::Status::bad_path);
    EXPECT_EQ(router.match("GET", "").status, RouteMatch::Status::bad_path);
}

TEST_F(RouterTest, PathConverterTakesTheRest) {
    auto m = router.match("GET", "/files/a/b/c.txt");
    ASSERT_EQ(m.status, RouteMatch::Status::found);
    EXPECT_EQ(m.values[0].second.text, "a/b/c.txt");
    EXPECT_EQ(router.match("GET", "/files/").status, RouteMatch::Status::not_found);
}

TEST(ParsePath, RefusesBadConverters) {
    EXPECT_THROW(sa::detail::parse_path("/x/<any:y>"), sa::ConfigError);
    EXPECT_THROW(sa::detail::parse_path("/x/a<y>"), sa::ConfigError);
    EXPECT_THROW(sa::detail::parse_path("x"), sa::ConfigError);
}
