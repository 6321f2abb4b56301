#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "core/cors.hpp"

namespace {

using simpleauth::detail::cors_decorate;
using simpleauth::detail::cors_preflight;
using simpleauth::detail::CorsPolicy;
using simpleauth::detail::is_preflight;
using simpleauth::detail::parse_cors_options;
using simpleauth::detail::validate_cors_policy;
namespace http = simpleauth::http;

using Options = std::map<std::string, std::string, std::less<>>;

constexpr std::string_view kAllow = "GET, HEAD, OPTIONS";

http::Request request(std::string method, std::initializer_list<http::Field> fields) {
    http::Request r;
    r.method = std::move(method);
    r.path = "/r";
    r.version = "HTTP/1.1";
    for (const auto& f : fields) {
        r.headers.add(f.name, f.value);
    }
    return r;
}

http::Request preflight(std::string origin, std::string method, std::string headers = {}) {
    auto r = request("OPTIONS", {{"Origin", std::move(origin)}, {"Access-Control-Request-Method", std::move(method)}});
    if (!headers.empty()) {
        r.headers.add("Access-Control-Request-Headers", std::move(headers));
    }
    return r;
}

std::string header(const http::Response& r, std::string_view name) {
    const auto* v = r.headers.find(name);
    return v != nullptr ? *v : "<absent>";
}

bool has_any_allow_header(const http::Response& r) {
    for (const auto& f : r.headers) {
        if (f.name.starts_with("Access-Control-Allow-") || f.name.starts_with("Access-Control-Max-Age")) {
            return true;
        }
    }
    return false;
}

http::Response decorated(const CorsPolicy& p, const http::Request& req) {
    auto r = http::Response::text(200, "ok");
    cors_decorate(p, req, r);
    return r;
}

// expects parse_cors_options to throw, naming `name` in the message
void expect_refused(const Options& options, std::string_view name) {
    try {
        parse_cors_options(options);
        ADD_FAILURE() << "accepted, expected a refusal naming " << name;
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find(name), std::string::npos) << e.what();
    }
}

// --- parse_cors_options --------------------------------------------------------------------------

TEST(CorsOptions, DefaultsAreFlaskCorsDefaults) {
    auto p = parse_cors_options({});
    EXPECT_EQ(p.origins, std::vector<std::string>{"*"});
    EXPECT_TRUE(p.methods.empty());
    EXPECT_EQ(p.allow_headers, std::vector<std::string>{"*"});
    EXPECT_TRUE(p.expose_headers.empty());
    EXPECT_FALSE(p.supports_credentials);
    EXPECT_FALSE(p.max_age);
    EXPECT_TRUE(p.vary_header);
    EXPECT_FALSE(p.reflect_origin);
}

TEST(CorsOptions, EveryOptionAsCommaList) {
    auto p = parse_cors_options({{"origins", "https://a.example, http://b.example:8080"},
                                 {"methods", "get, POST,delete"},
                                 {"allow_headers", "Content-Type, X-Token"},
                                 {"expose_headers", "X-Total"},
                                 {"supports_credentials", "true"},
                                 {"max_age", "600"},
                                 {"vary_header", "False"}});
    EXPECT_EQ(p.origins, (std::vector<std::string>{"https://a.example", "http://b.example:8080"}));
    EXPECT_EQ(p.methods, (std::vector<std::string>{"GET", "POST", "DELETE"}));  // upper-cased
    EXPECT_EQ(p.allow_headers, (std::vector<std::string>{"Content-Type", "X-Token"}));
    EXPECT_EQ(p.expose_headers, std::vector<std::string>{"X-Total"});
    EXPECT_TRUE(p.supports_credentials);
    EXPECT_EQ(p.max_age, 600);
    EXPECT_FALSE(p.vary_header);
}

TEST(CorsOptions, JsonLikeListsKeepCommasAndBackslashes) {
    auto p = parse_cors_options(
        {{"origins", R"( ["https://a.example", "re:https://(x|y)\.example{1,2}", 'https://q\'s.example'] )"},
         {"expose_headers", "[]"}});
    EXPECT_EQ(
        p.origins,
        (std::vector<std::string>{"https://a.example", R"(re:https://(x|y)\.example{1,2})", "https://q's.example"}));
    EXPECT_TRUE(p.expose_headers.empty());
}

TEST(CorsOptions, BadValuesNameTheOption) {
    expect_refused({{"origin", "*"}}, "origin");  // Flask-CORS spells it "origins"
    expect_refused({{"send_wildcard", "true"}}, "send_wildcard");
    expect_refused({{"supports_credentials", "yes"}}, "supports_credentials");
    expect_refused({{"vary_header", ""}}, "vary_header");
    expect_refused({{"reflect_origin", "1"}}, "reflect_origin");
    expect_refused({{"max_age", "-1"}}, "max_age");
    expect_refused({{"max_age", "10m"}}, "max_age");
    expect_refused({{"max_age", "99999999999999999999999"}}, "max_age");
    expect_refused({{"methods", "GET, PO ST"}}, "methods");
    expect_refused({{"methods", "*"}}, "methods");
    expect_refused({{"allow_headers", "X-A, , X-B"}}, "allow_headers");
    expect_refused({{"expose_headers", "X:Y"}}, "expose_headers");
    expect_refused({{"origins", R"(["https://a.example")"}}, "origins");
    expect_refused({{"origins", R"(["https://a.example" "x"])"}}, "origins");
    expect_refused({{"origins", R"(["https://a.example])"}}, "origins");
    expect_refused({{"origins", "https://a.example/"}}, "origins");  // would never match
    expect_refused({{"origins", "a.example"}}, "origins");
    expect_refused({{"origins", "re:https://(a.example"}}, "origins");
    expect_refused({{"origins", "[]"}}, "origins");
}

TEST(CorsOptions, CredentialsWithAnyOriginNeedReflectOrigin) {
    expect_refused({{"supports_credentials", "true"}}, "supports_credentials");
    expect_refused({{"origins", "https://a.example, *"}, {"supports_credentials", "true"}}, "supports_credentials");
    auto p = parse_cors_options({{"supports_credentials", "true"}, {"reflect_origin", "true"}});
    EXPECT_TRUE(p.reflect_origin);
    CorsPolicy by_hand;
    by_hand.supports_credentials = true;
    EXPECT_THROW(validate_cors_policy(by_hand), std::invalid_argument);
}

// --- is_preflight --------------------------------------------------------------------------------

TEST(CorsPreflight, Detection) {
    EXPECT_TRUE(is_preflight(preflight("https://a.example", "PUT")));
    EXPECT_TRUE(is_preflight(request("OPTIONS", {{"origin", "x"}, {"access-control-request-method", "PUT"}})));
    EXPECT_FALSE(is_preflight(request("OPTIONS", {{"Origin", "https://a.example"}})));
    EXPECT_FALSE(is_preflight(request("OPTIONS", {{"Access-Control-Request-Method", "PUT"}})));
    EXPECT_FALSE(
        is_preflight(request("GET", {{"Origin", "https://a.example"}, {"Access-Control-Request-Method", "PUT"}})));
}

// --- cors_preflight ------------------------------------------------------------------------------

TEST(CorsPreflight, WildcardPolicyAllowsTheRouteMethods) {
    auto r = cors_preflight(CorsPolicy{}, preflight("https://a.example", "GET", "x-custom, content-type"), kAllow);
    EXPECT_EQ(r.status, 204);
    EXPECT_TRUE(r.body.empty());
    EXPECT_EQ(header(r, "Access-Control-Allow-Origin"), "*");
    EXPECT_EQ(header(r, "Access-Control-Allow-Methods"), "GET, HEAD, OPTIONS");
    EXPECT_EQ(header(r, "Access-Control-Allow-Headers"), "x-custom, content-type");
    EXPECT_EQ(header(r, "Access-Control-Allow-Credentials"), "<absent>");
    EXPECT_EQ(header(r, "Access-Control-Max-Age"), "<absent>");
    EXPECT_EQ(header(r, "Vary"), "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
}

TEST(CorsPreflight, MethodNotAllowedGetsA204WithoutAllowHeaders) {
    auto r = cors_preflight(CorsPolicy{}, preflight("https://a.example", "DELETE"), kAllow);
    EXPECT_EQ(r.status, 204);
    EXPECT_FALSE(has_any_allow_header(r));
    // methods are case-sensitive
    r = cors_preflight(CorsPolicy{}, preflight("https://a.example", "get"), kAllow);
    EXPECT_FALSE(has_any_allow_header(r));
}

TEST(CorsPreflight, ConfiguredMethodsReplaceTheRouteMethods) {
    auto p = parse_cors_options({{"methods", "GET, PUT"}, {"max_age", "0"}});
    auto r = cors_preflight(p, preflight("https://a.example", "PUT"), kAllow);
    EXPECT_EQ(header(r, "Access-Control-Allow-Methods"), "GET, PUT");
    EXPECT_EQ(header(r, "Access-Control-Max-Age"), "0");
    EXPECT_FALSE(has_any_allow_header(cors_preflight(p, preflight("https://a.example", "HEAD"), kAllow)));
}

TEST(CorsPreflight, ExactOriginsMatchCaseInsensitivelyAndEchoTheOrigin) {
    auto p = parse_cors_options({{"origins", "https://a.example, http://b.example:8080"}, {"max_age", "3600"}});
    auto r = cors_preflight(p, preflight("https://a.example", "GET"), kAllow);
    EXPECT_EQ(header(r, "Access-Control-Allow-Origin"), "https://a.example");
    EXPECT_EQ(header(r, "Access-Control-Max-Age"), "3600");
    EXPECT_EQ(header(r, "Access-Control-Allow-Headers"), "<absent>");  // none asked for
    r = cors_preflight(p, preflight("HTTPS://A.EXAMPLE", "GET"), kAllow);
    EXPECT_EQ(header(r, "Access-Control-Allow-Origin"), "HTTPS://A.EXAMPLE");
    EXPECT_NE(
        header(cors_preflight(p, preflight("http://b.example:8080", "GET"), kAllow), "Access-Control-Allow-Origin"),
        "<absent>");
    for (const char* other : {"https://evil.example",
                              "http://a.example",
                              "https://a.example:444",
                              "https://a.example.evil.example",
                              "http://b.example",
                              "null"}) {
        r = cors_preflight(p, preflight(other, "GET"), kAllow);
        EXPECT_EQ(r.status, 204) << other;
        EXPECT_FALSE(has_any_allow_header(r)) << other;
        EXPECT_NE(header(r, "Vary"), "<absent>") << other;  // the refusal looks like any answer
    }
}

TEST(CorsPreflight, RegexOriginsMustMatchWholly) {
    auto p = parse_cors_options({{"origins", R"(["re:https://[a-z]+\.example\.com", "https://c.example"])"}});
    EXPECT_EQ(
        header(cors_preflight(p, preflight("https://app.example.com", "GET"), kAllow), "Access-Control-Allow-Origin"),
        "https://app.example.com");
    EXPECT_EQ(
        header(cors_preflight(p, preflight("https://App.Example.COM", "GET"), kAllow), "Access-Control-Allow-Origin"),
        "https://App.Example.COM");
    for (const char* other : {"https://app.example.com.evil.test",
                              "https://evil.test/https://app.example.com",
                              "http://app.example.com",
                              "https://a.b.example.com",
                              "https://appXexample.com.x"}) {
        EXPECT_FALSE(has_any_allow_header(cors_preflight(p, preflight(other, "GET"), kAllow))) << other;
    }
}

TEST(CorsPreflight, RequestedHeadersMustAllBeAllowedCaseInsensitively) {
    auto p = parse_cors_options({{"allow_headers", "Content-Type, X-Token"}});
    auto r = cors_preflight(p, preflight("https://a.example", "GET", "x-token,CONTENT-TYPE"), kAllow);
    EXPECT_EQ(header(r, "Access-Control-Allow-Headers"), "x-token, CONTENT-TYPE");
    r = cors_preflight(p, preflight("https://a.example", "GET", "x-token, x-other"), kAllow);
    EXPECT_EQ(r.status, 204);
    EXPECT_FALSE(has_any_allow_header(r));
    // several fields are one list
    auto req = preflight("https://a.example", "GET", "x-token");
    req.headers.add("access-control-request-headers", "x-evil");
    EXPECT_FALSE(has_any_allow_header(cors_preflight(p, req, kAllow)));
    // not a field name at all
    EXPECT_FALSE(
        has_any_allow_header(cors_preflight(CorsPolicy{}, preflight("https://a.example", "GET", "a b"), kAllow)));
}

TEST(CorsPreflight, Credentials) {
    auto p = parse_cors_options({{"origins", "https://a.example"}, {"supports_credentials", "true"}});
    auto r = cors_preflight(p, preflight("https://a.example", "GET", "authorization"), kAllow);
    EXPECT_EQ(header(r, "Access-Control-Allow-Origin"), "https://a.example");  // never "*"
    EXPECT_EQ(header(r, "Access-Control-Allow-Credentials"), "true");
    EXPECT_EQ(header(r, "Access-Control-Allow-Headers"), "authorization");  // not a literal "*"
}

TEST(CorsPreflight, ReflectOriginNeverReflectsNull) {
    auto p = parse_cors_options({{"supports_credentials", "true"}, {"reflect_origin", "true"}});
    auto r = cors_preflight(p, preflight("https://any.example", "GET"), kAllow);
    EXPECT_EQ(header(r, "Access-Control-Allow-Origin"), "https://any.example");
    EXPECT_EQ(header(r, "Access-Control-Allow-Credentials"), "true");
    EXPECT_FALSE(has_any_allow_header(cors_preflight(p, preflight("null", "GET"), kAllow)));
}

TEST(CorsPreflight, ImplausibleOriginsAreNeverReflected) {
    CorsPolicy p = parse_cors_options({{"supports_credentials", "true"}, {"reflect_origin", "true"}});
    for (std::string other : {std::string("https://a.example/path"),
                              std::string("https://a b"),
                              std::string("https://"),
                              std::string("a.example"),
                              std::string(""),
                              "https://" + std::string(5000, 'a')}) {
        EXPECT_FALSE(has_any_allow_header(cors_preflight(p, preflight(other, "GET"), kAllow))) << other;
    }
    // a regex that would accept anything still gets only plausible origins, and long ones are not run
    p = parse_cors_options({{"origins", "re:.*"}});
    EXPECT_FALSE(has_any_allow_header(cors_preflight(p, preflight("https://a.example/x", "GET"), kAllow)));
    EXPECT_FALSE(
        has_any_allow_header(cors_preflight(p, preflight("https://" + std::string(100000, 'a'), "GET"), kAllow)));
}

TEST(CorsPreflight, TwoOriginFieldsMatchNothing) {
    auto req = preflight("https://a.example", "GET");
    req.headers.add("Origin", "https://b.example");
    EXPECT_FALSE(has_any_allow_header(cors_preflight(CorsPolicy{}, req, kAllow)));
}

TEST(CorsPreflight, VaryHeaderOff) {
    auto p = parse_cors_options({{"vary_header", "false"}});
    EXPECT_EQ(header(cors_preflight(p, preflight("https://a.example", "GET"), kAllow), "Vary"), "<absent>");
}

// --- cors_decorate -------------------------------------------------------------------------------

TEST(CorsDecorate, WildcardPolicyAnswersStar) {
    auto r = decorated(CorsPolicy{}, request("GET", {{"origin", "https://a.example"}}));
    EXPECT_EQ(header(r, "Access-Control-Allow-Origin"), "*");
    EXPECT_EQ(header(r, "Access-Control-Allow-Credentials"), "<absent>");
    EXPECT_EQ(header(r, "Access-Control-Expose-Headers"), "<absent>");
    EXPECT_EQ(header(r, "Vary"), "Origin");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "ok");
}

TEST(CorsDecorate, NoOriginNoCorsHeadersButVary) {
    auto r = decorated(CorsPolicy{}, request("GET", {}));
    EXPECT_EQ(header(r, "Access-Control-Allow-Origin"), "<absent>");
    EXPECT_EQ(header(r, "Vary"), "Origin");
}

TEST(CorsDecorate, MatchingOriginWithCredentialsAndExposedHeaders) {
    auto p = parse_cors_options({{"origins", "re:https://.*\\.a\\.example"},
                                 {"supports_credentials", "true"},
                                 {"expose_headers", "X-Total, X-Page"}});
    auto r = decorated(p, request("POST", {{"ORIGIN", "https://www.a.example"}}));
    EXPECT_EQ(header(r, "Access-Control-Allow-Origin"), "https://www.a.example");
    EXPECT_EQ(header(r, "Access-Control-Allow-Credentials"), "true");
    EXPECT_EQ(header(r, "Access-Control-Expose-Headers"), "X-Total, X-Page");
    EXPECT_EQ(header(r, "Vary"), "Origin");
}

TEST(CorsDecorate, NonMatchingOriginGetsOnlyVary) {
    auto p = parse_cors_options({{"origins", "https://a.example"}, {"supports_credentials", "true"}});
    auto r = decorated(p, request("GET", {{"Origin", "https://evil.example"}}));
    EXPECT_EQ(header(r, "Access-Control-Allow-Origin"), "<absent>");
    EXPECT_EQ(header(r, "Access-Control-Allow-Credentials"), "<absent>");
    EXPECT_EQ(header(r, "Vary"), "Origin");
}

TEST(CorsDecorate, VaryIsMergedNotDuplicated) {
    auto req = request("GET", {{"Origin", "https://a.example"}});
    auto r = http::Response::text(200, "ok");
    r.headers.add("Vary", "Accept-Encoding");
    r.headers.add("vary", "Accept");
    cors_decorate(CorsPolicy{}, req, r);
    EXPECT_EQ(r.headers.count("Vary"), 1U);
    EXPECT_EQ(header(r, "Vary"), "Accept-Encoding, Accept, Origin");
    cors_decorate(CorsPolicy{}, req, r);  // twice: still one Origin
    EXPECT_EQ(header(r, "Vary"), "Accept-Encoding, Accept, Origin");

    auto already = http::Response::text(200, "ok");
    already.headers.add("Vary", "origin");
    cors_decorate(CorsPolicy{}, req, already);
    EXPECT_EQ(header(already, "Vary"), "origin");

    auto star = http::Response::text(200, "ok");
    star.headers.add("Vary", "*");
    cors_decorate(CorsPolicy{}, req, star);
    EXPECT_EQ(header(star, "Vary"), "*");
}

TEST(CorsDecorate, VaryHeaderOff) {
    auto p = parse_cors_options({{"origins", "https://a.example"}, {"vary_header", "false"}});
    auto r = decorated(p, request("GET", {{"Origin", "https://a.example"}}));
    EXPECT_EQ(header(r, "Access-Control-Allow-Origin"), "https://a.example");
    EXPECT_EQ(header(r, "Vary"), "<absent>");
}

TEST(CorsDecorate, ReplacesRatherThanDuplicates) {
    auto p = parse_cors_options({{"origins", "https://a.example"}});
    auto r = http::Response::text(200, "ok");
    r.headers.add("Access-Control-Allow-Origin", "*");
    cors_decorate(p, request("GET", {{"Origin", "https://a.example"}}), r);
    EXPECT_EQ(r.headers.count("Access-Control-Allow-Origin"), 1U);
    EXPECT_EQ(header(r, "Access-Control-Allow-Origin"), "https://a.example");
}

TEST(CorsDecorate, UnvalidatedBadRegexMatchesNothing) {
    CorsPolicy p;
    p.origins = {"re:(", "https://b.example"};
    EXPECT_THROW(validate_cors_policy(p), std::invalid_argument);
    EXPECT_EQ(header(decorated(p, request("GET", {{"Origin", "https://a.example"}})), "Access-Control-Allow-Origin"),
              "<absent>");
    EXPECT_EQ(header(decorated(p, request("GET", {{"Origin", "https://b.example"}})), "Access-Control-Allow-Origin"),
              "https://b.example");
}

}  // namespace
