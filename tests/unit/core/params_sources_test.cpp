// Where parameters come from: headers, cookies, multipart bodies and files, repeated values, Kwargs.

#include <gtest/gtest.h>

#include <simpleauth/simpleauth.hpp>
#include <simpleauth/test_client.hpp>

namespace sa = simpleauth;
using sa::Param;

namespace {

struct Sources : ::testing::Test {
    sa::App app{"sources"};
    sa::TestClient client{app};

    void SetUp() override { app.config().from_string("FSA_AUTH = [\"none\"]"); }
};

std::string multipart(const std::vector<std::tuple<std::string, std::string, std::string>>& parts) {
    std::string body;
    for (const auto& [name, filename, content] : parts) {
        body += "--XyZ\r\nContent-Disposition: form-data; name=\"" + name + "\"";
        if (!filename.empty()) {
            body += "; filename=\"" + filename + "\"\r\nContent-Type: text/plain";
        }
        body += "\r\n\r\n" + content + "\r\n";
    }
    return body + "--XyZ--\r\n";
}
constexpr const char* form_data = "multipart/form-data; boundary=XyZ";

}  // namespace

TEST_F(Sources, HeadersAreCaseInsensitiveTypedAndMandatoryUnlessSaidOtherwise) {
    app.get<"/h">(sa::OPEN,
                  [](sa::Header<"User-Agent"> ua,
                     sa::Header<"X-Count", int, 3> count,
                     sa::Header<"X-Trace", std::optional<std::string>> trace) {
                      return *ua + " " + std::to_string(*count) + " " + trace->value_or("-");
                  });
    EXPECT_EQ(client.get("/h", {{"user-agent", "curl"}}).body, "curl 3 -");
    EXPECT_EQ(client.get("/h", {{"USER-AGENT", "curl"}, {"x-count", "0x10"}, {"X-Trace", "t1"}}).body, "curl 16 t1");
    auto missing = client.get("/h", {{"X-Count", "ten"}});
    EXPECT_EQ(missing.status, 400);
    EXPECT_EQ(missing.body,
              "header \"User-Agent\" is missing\n"
              "header \"X-Count\" cast error on ten: invalid literal for int()");
    EXPECT_EQ(client.get("/h", {{"User-Agent", "a"}, {"User-Agent", "b"}}).status, 400);  // repeated scalar
    // a header is not a query parameter
    EXPECT_EQ(client.get("/h?User-Agent=curl").status, 400);
}

TEST_F(Sources, HeaderVectorsTakeEveryField) {
    app.get<"/h">(sa::OPEN, [](sa::Header<"X-Tag", std::vector<std::string>> tags) {
        return std::to_string(tags->size()) + tags->front();
    });
    EXPECT_EQ(client.get("/h", {{"X-Tag", "a"}, {"x-tag", "b"}}).body, "2a");
}

TEST_F(Sources, Cookies) {
    app.get<"/c">(
        sa::OPEN,
        [](sa::Cookie<"session"> s, sa::Cookie<"lang", std::string, "en"> lang, sa::Cookie<"n", std::optional<int>> n) {
            return *s + " " + *lang + " " + (n->has_value() ? std::to_string(**n) : std::string("-"));
        });
    EXPECT_EQ(client.get("/c", {{"Cookie", "session=abc; n=4"}}).body, "abc en 4");
    EXPECT_EQ(client.get("/c", {{"Cookie", "session=abc; lang=fr"}, {"Cookie", "session=old"}}).body, "abc fr -");
    auto r = client.get("/c", {{"Cookie", "lang=fr; n=x"}});
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, "cookie \"session\" is missing\ncookie \"n\" cast error on x: invalid literal for int()");
    EXPECT_EQ(client.get("/c?session=abc").status, 400);  // not a cookie: unexpected and missing
}

TEST_F(Sources, MultipartFieldsAndFiles) {
    app.post<"/up">(sa::OPEN, [](Param<"title", std::string> title, Param<"n", int> n, sa::File<"upload"> f) {
        return *title + "|" + std::to_string(*n) + "|" + f->filename + "|" + f->content_type + "|" + f->content;
    });
    auto ok = client.post(
        "/up", multipart({{"title", "", "hello"}, {"n", "", "7"}, {"upload", "a.txt", "line\r\nx"}}), form_data);
    EXPECT_EQ(ok.status, 200);
    EXPECT_EQ(ok.body, "hello|7|a.txt|text/plain|line\r\nx");
    // a text field where a file is declared, a file where a value is declared
    auto bad =
        client.post("/up", multipart({{"title", "t.txt", "x"}, {"n", "", "1"}, {"upload", "", "text"}}), form_data);
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(bad.body,
              "parameter \"title\" cast error on x: a file where a value is expected\n"
              "parameter \"upload\" cast error on text: a text field where a file is expected");
    // files cannot come as JSON
    auto json = client.post("/up", R"({"title": "t", "n": 1, "upload": "x"})", "application/json");
    EXPECT_EQ(json.status, 400);
    EXPECT_NE(json.body.find("cannot upload files as JSON"), std::string::npos);
}

TEST_F(Sources, OptionalAndRepeatedFiles) {
    app.post<"/up">(
        sa::OPEN, [](sa::File<"a", std::optional<sa::UploadedFile>> a, sa::File<"b", std::vector<sa::UploadedFile>> b) {
            return std::string(a->has_value() ? (*a)->content : "-") + std::to_string(b->size());
        });
    EXPECT_EQ(client.post("/up", multipart({{"b", "1", "x"}, {"b", "2", "y"}}), form_data).body, "-2");
    EXPECT_EQ(client.post("/up", multipart({{"a", "f", "A"}, {"b", "1", "x"}}), form_data).body, "A1");
}

TEST_F(Sources, MalformedMultipartIs400) {
    app.post<"/up">(sa::OPEN, [](Param<"x", std::optional<std::string>>) { return "ok"; });
    for (const std::string& body :
         {std::string("garbage"),
          std::string("--XyZ\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nno end"),
          std::string("--XyZ\r\nContent-Disposition: form-data\r\n\r\nv\r\n--XyZ--"),
          std::string("--XyZ\r\nContent-Disposition: form-data; name=\"x\r\n\r\nv\r\n--XyZ--")}) {
        EXPECT_EQ(client.post("/up", body, form_data).status, 400) << body;
    }
    EXPECT_EQ(client.post("/up", multipart({{"x", "", "v"}}), "multipart/form-data").status, 400);  // no boundary
    EXPECT_EQ(client.post("/up", multipart({{"x", "", "v"}}), form_data).status, 200);
}

TEST_F(Sources, RepeatedValuesAndVectors) {
    app.get<"/v">(sa::OPEN, [](Param<"i", std::vector<int>> i, Param<"s", std::optional<std::vector<std::string>>> s) {
        int sum = 0;
        for (int v : *i) {
            sum += v;
        }
        return std::to_string(sum) + ":" + std::to_string(s->has_value() ? (*s)->size() : 99);
    });
    app.post<"/v">(sa::OPEN, [](Param<"i", std::vector<int>> i) { return std::to_string(i->size()); });
    EXPECT_EQ(client.get("/v?i=1&i=2&i=0x10").body, "19:99");
    EXPECT_EQ(client.get("/v?i=5&s=a&s=b").body, "5:2");
    auto bad = client.get("/v?i=1&i=x&i=y");
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(bad.body,
              "parameter \"i\" item 1 cast error on x: invalid literal for int()\n"
              "parameter \"i\" item 2 cast error on y: invalid literal for int()");
    EXPECT_EQ(client.get("/v").body, "parameter \"i\" is missing");
    EXPECT_EQ(client.post("/v", R"({"i": [1, 2, 3]})", "application/json").body, "3");
    auto not_list = client.post("/v", R"({"i": 1})", "application/json");
    EXPECT_EQ(not_list.status, 400);
    EXPECT_EQ(not_list.body, "parameter \"i\" cast error on 1: a list is expected, not a number");
    auto bad_item = client.post("/v", R"({"i": [1, "x", true]})", "application/json");
    EXPECT_EQ(bad_item.body,
              "parameter \"i\" cast error on [1,\"x\",true]: item 1: invalid literal for int(); item 2: cannot cast to "
              "int: bool");
    EXPECT_EQ(client.post("/v?i=1", R"({"i": [2]})", "application/json").status, 400);  // query and JSON: repeated
}

TEST_F(Sources, ScalarGivenTwiceIs400) {
    app.get<"/s">(sa::OPEN, [](Param<"a", int> a) { return std::to_string(*a); });
    auto r = client.get("/s?a=1&a=2");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, "parameter \"a\" is repeated");
}

TEST_F(Sources, KwargsTakesTheRest) {
    app.get<"/k">(sa::OPEN, [](Param<"a", int> a, sa::Kwargs rest) {
        std::string out = std::to_string(*a);
        for (const auto& [name, value] : rest) {
            out += " " + name + "=" + value.text;
        }
        return out + " " + std::to_string(rest.get<int>("n").value_or(-1));
    });
    EXPECT_EQ(client.get("/k?a=1&x=2&n=3&x=4").body, "1 x=2 n=3 x=4 3");
    EXPECT_EQ(client.get("/k?a=1").body, "1 -1");
    auto bad = client.get("/k?a=1&n=zz");  // Kwargs::get: a bad value is the client's: 400
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(bad.body, "parameter \"n\" cast error on zz: invalid literal for int()");
}

TEST_F(Sources, UnexpectedParametersStillRejectedWithoutKwargs) {
    app.get<"/u">(sa::OPEN, [](Param<"a", int> a) { return std::to_string(*a); });
    EXPECT_EQ(client.get("/u?a=1&b=2").body, "unexpected parameter \"b\"");
    sa::App lax{"lax"};
    lax.config().from_string("FSA_AUTH = [\"none\"]\nFSA_REJECT_UNEXPECTED_PARAM = false");
    lax.get<"/u">(sa::OPEN, [](Param<"a", int> a) { return std::to_string(*a); });
    sa::TestClient c{lax};
    EXPECT_EQ(c.get("/u?a=1&b=2").body, "1");
}

TEST_F(Sources, SpecialInjectedValues) {
    app.get<"/s">(sa::OPEN, [](sa::Context& ctx, const sa::http::Request& req, std::optional<sa::CurrentUser> u) {
        return std::string(ctx.request().path) + req.method + (u ? "user" : "nobody");
    });
    EXPECT_EQ(client.get("/s").body, "/sGETnobody");
}
