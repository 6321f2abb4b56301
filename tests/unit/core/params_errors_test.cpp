// Parameter errors: one 400 naming every problem, bounded JSON, and hostile bytes that never make a 5xx.

#include <gtest/gtest.h>

#include <simpleauth/simpleauth.hpp>
#include <simpleauth/test_client.hpp>

namespace sa = simpleauth;
using sa::Param;

namespace {

struct Errors : ::testing::Test {
    sa::App app{"errors"};
    sa::TestClient client{app};

    void SetUp() override {
        app.config().from_string("FSA_AUTH = [\"none\"]");
        app.post<"/p">(sa::OPEN,
                       [](Param<"i", int> i,
                          Param<"s", std::optional<std::string>> s,
                          Param<"v", std::optional<std::vector<int>>>,
                          Param<"j", std::optional<sa::JsonValue>>,
                          sa::Header<"X-N", std::optional<int>>) { return std::to_string(*i) + s->value_or(""); });
    }
};

bool valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        auto u = static_cast<unsigned char>(s[i]);
        std::size_t n = u < 0x80                 ? 1
                        : u >= 0xC2 && u < 0xE0  ? 2
                        : u >= 0xE0 && u < 0xF0  ? 3
                        : u >= 0xF0 && u <= 0xF4 ? 4
                                                 : 0;
        if (n == 0 || i + n > s.size()) {
            return false;
        }
        for (std::size_t k = 1; k < n; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) {
                return false;
            }
        }
        i += n;
    }
    return true;
}

}  // namespace

TEST_F(Errors, EveryProblemInOne400) {
    auto r = client.post("/p?zz=1", "s=a&s=b&v=x&j=%7B", "application/x-www-form-urlencoded", {{"X-N", "q"}});
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body,
              "parameter \"i\" is missing\n"
              "parameter \"s\" is repeated\n"
              "parameter \"v\" item 0 cast error on x: invalid literal for int()\n"
              "parameter \"j\" cast error on {: malformed JSON\n"
              "header \"X-N\" cast error on q: invalid literal for int()\n"
              "unexpected parameter \"zz\"");
}

TEST_F(Errors, JsonBodiesAreBounded) {
    // the body's problem first, then the parameters it could not give
    EXPECT_EQ(client.post("/p", "{\"i\": 1", "application/json").body,
              "malformed JSON body\nparameter \"i\" is missing");
    EXPECT_EQ(client.post("/p", "[1]", "application/json").body,
              "JSON body must be an object\nparameter \"i\" is missing");
    std::string deep = "{\"j\": " + std::string(70, '[') + std::string(70, ']') + ", \"i\": 1}";
    EXPECT_EQ(client.post("/p", deep, "application/json").body,
              "JSON body nested too deeply\nparameter \"i\" is missing");
    std::string big = "{\"i\": 1, \"s\": \"" + std::string(1024 * 1024, 'a') + "\"}";
    auto r = client.post("/p", big, "application/json");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, "JSON body too large\nparameter \"i\" is missing");
    EXPECT_EQ(client.post("/p", "{\"i\": 1, \"s\": \"" + std::string(1000, 'a') + "\"}", "application/json").status,
              200);
}

TEST_F(Errors, HostileBytesNeverMakeA5xx) {
    const std::vector<std::string> nasty = {std::string("\xff\xfe", 2),
                                            std::string("a\0b", 3),
                                            "\xc3\x28",
                                            "\xed\xa0\x80",
                                            "\xf4\x90\x80\x80",
                                            "\x1b[31mred",
                                            "line\nbreak",
                                            "\xe2\x82"};
    const std::vector<std::string> encoded = {
        "%ff%fe", "a%00b", "%c3%28", "%ed%a0%80", "%f4%90%80%80", "%1b%5B31m", "line%0Abreak", "%e2%82"};
    std::vector<sa::http::Response> responses;
    for (std::size_t k = 0; k < nasty.size(); ++k) {
        const std::string& raw = nasty[k];
        const std::string& enc = encoded[k];
        for (const std::string& name : {std::string("i"), std::string("s"), std::string("v"), std::string("j"), enc}) {
            responses.push_back(client.post("/p?" + name + "=" + enc, "", "text/plain"));
            responses.push_back(client.post("/p", "i=1&" + name + "=" + enc, "application/x-www-form-urlencoded"));
        }
        for (const std::string& name : {std::string("i"), std::string("s"), std::string("j"), raw}) {
            responses.push_back(client.post("/p", "{\"" + name + "\": \"" + raw + "\"}", "application/json"));
            responses.push_back(client.post("/p", "{\"i\": 1, \"j\": \"" + raw + "\"}", "application/json"));
        }
        responses.push_back(client.post("/p?i=1", "", "text/plain", {{"X-N", raw}}));
        responses.push_back(client.post("/p?i=1", "", "text/plain", {{raw, raw}}));
        responses.push_back(client.post("/p?i=1&s=" + enc, "", "text/plain"));
    }
    for (const auto& r : responses) {
        EXPECT_LT(r.status, 500) << r.body;
        if (r.status >= 400) {  // a 2xx here is a handler echoing its bytes: its own business
            EXPECT_TRUE(valid_utf8(r.body)) << sa::detail::safe_text(r.body);
        }
    }
    // NUL bytes are data, not terminators
    EXPECT_EQ(client.post("/p?i=1&s=a%00b", "", "text/plain").body, std::string("1a\0b", 4));
}

TEST_F(Errors, UserExceptionMessagesAreMadeSafe) {
    struct Picky {
        explicit Picky(const std::string&) { throw std::runtime_error("bad \xff byte\nand a forged line"); }
    };
    app.get<"/picky">(sa::OPEN, [](Param<"x", Picky>) { return "never"; });
    auto r = client.get("/picky?x=1");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, "parameter \"x\" cast error on 1: bad \\xff byte\\x0aand a forged line");
}
