// Parameter types beyond numbers and strings: JSON values, structures, dates and times, UUIDs, classes
// built from a string.

#include <gtest/gtest.h>

#include <simpleauth/json.hpp>
#include <simpleauth/simpleauth.hpp>
#include <simpleauth/test_client.hpp>

namespace sa = simpleauth;
using sa::Param;

namespace model {
struct Inner {
    int y = 0;
    std::vector<std::string> tags;
};
struct Outer {
    int x = 0;
    std::optional<std::string> label;
    Inner inner;
    std::vector<Inner> more;
};
// upstream's custom class with a 1-argument constructor that validates
struct Nat {
    explicit Nat(const std::string& s) : value(std::stoi(s)) {
        if (value < 0) {
            throw std::invalid_argument("nat value must be positive: " + s);
        }
    }
    int value;
};
}  // namespace model

SIMPLEAUTH_STRUCT(model::Inner, y, tags);
SIMPLEAUTH_STRUCT(model::Outer, x, label, inner, more);

namespace {

struct Types : ::testing::Test {
    sa::App app{"types"};
    sa::TestClient client{app};

    void SetUp() override { app.config().from_string("FSA_AUTH = [\"none\"]"); }
};

sa::RawValue text(std::string s) {
    return {sa::RawValue::Kind::text, std::move(s)};
}

}  // namespace

TEST_F(Types, JsonValueFromQueryTextOrJsonBody) {
    app.get<"/j">(sa::OPEN, [](Param<"j", sa::JsonValue> j) { return j->dump(); });
    app.post<"/j">(sa::OPEN, [](Param<"j", sa::JsonValue> j) { return j->dump() + (j->is_string() ? " s" : ""); });
    EXPECT_EQ(client.get("/j?j=%7B%22a%22%3A%20%5B1%2C2%5D%7D").body, R"({"a":[1,2]})");
    EXPECT_EQ(client.get("/j?j=null").body, "null");
    EXPECT_EQ(client.post("/j", R"({"j": "text"})", "application/json").body, "\"text\" s");
    EXPECT_EQ(client.post("/j", R"({"j": {"b": null}})", "application/json").body, R"({"b":null})");
    auto bad = client.get("/j?j=%7Bnope");
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(bad.body, "parameter \"j\" cast error on {nope: malformed JSON");
    EXPECT_EQ(client.get("/j?j=" + std::string(100, '[')).body,
              "parameter \"j\" cast error on [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[...: JSON nested too deeply");
}

TEST_F(Types, NlohmannJsonWithJsonHeader) {
    app.post<"/j">(sa::OPEN, [](Param<"j", sa::Json> j) { return std::to_string(j->size()); });
    EXPECT_EQ(client.post("/j", R"({"j": [1, 2, 3]})", "application/json").body, "3");
    EXPECT_EQ(client.post("/j", "j=%5B1%5D", "application/x-www-form-urlencoded").body, "1");
}

TEST_F(Types, StructuresFromJsonObjectsAndEncodedStrings) {
    app.post<"/s">(sa::OPEN, [](Param<"o", model::Outer> o) {
        return std::to_string(o->x) + (o->label ? *o->label : "-") + std::to_string(o->inner.y) +
               std::to_string(o->inner.tags.size()) + std::to_string(o->more.size());
    });
    EXPECT_EQ(
        client.post("/s", R"({"o": {"x": 1, "inner": {"y": 2, "tags": ["a"]}, "more": []}})", "application/json").body,
        "1-210");
    EXPECT_EQ(client
                  .post("/s",
                        "o=%7B%22x%22%3A1%2C%22label%22%3A%22L%22%2C%22inner%22%3A%7B%22y%22%3A2%2C%22tags%22%3A%5B%5D%"
                        "7D%2C%22more%22%3A%5B%7B%22y%22%3A3%2C%22tags%22%3A%5B%5D%7D%5D%7D",
                        "application/x-www-form-urlencoded")
                  .body,
              "1L201");
    // every problem listed, with its path
    auto bad = client.post(
        "/s", R"({"o": {"x": "ten", "inner": {"tags": [1]}, "more": [{"y": 1}], "admin": true}})", "application/json");
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.body.find("x: invalid literal for int()"), std::string::npos) << bad.body;
    EXPECT_NE(bad.body.find("inner.y: missing"), std::string::npos) << bad.body;
    EXPECT_NE(bad.body.find("more: item 0: tags: missing"), std::string::npos) << bad.body;
    EXPECT_NE(bad.body.find("admin: unexpected field"), std::string::npos) << bad.body;
    EXPECT_EQ(client.post("/s", R"({"o": 5432})", "application/json").body,
              "parameter \"o\" cast error on 5432: an object is expected, not a number");
}

TEST_F(Types, DatesAndTimes) {
    using namespace std::chrono;
    EXPECT_EQ(sa::cast<year_month_day>::from(text("2024-02-29")), year{2024} / 2 / 29);
    EXPECT_EQ(sa::cast<year_month_day>::from(text("20240229")), year{2024} / 2 / 29);
    for (const char* bad : {"2023-02-29", "2024-2-1", "2024-01-01T00:00", "24-01-01", "", "2024-13-01"}) {
        EXPECT_THROW(sa::cast<year_month_day>::from(text(bad)), sa::CastFailure) << bad;
    }
    EXPECT_EQ(sa::cast<hh_mm_ss<seconds>>::from(text("12:30:15")).to_duration(), hours(12) + minutes(30) + seconds(15));
    EXPECT_EQ(sa::cast<hh_mm_ss<milliseconds>>::from(text("12:30:15.250")).to_duration().count(), 45015250);
    EXPECT_EQ(sa::cast<hh_mm_ss<seconds>>::from(text("12")).to_duration(), hours(12));
    EXPECT_EQ(sa::cast<hh_mm_ss<seconds>>::from(text("1230")).to_duration(), hours(12) + minutes(30));
    for (const char* bad : {"24:00", "12:60", "12:30:15+02:00", "1:30", "12:30:", "12:30:15."}) {
        EXPECT_THROW(sa::cast<hh_mm_ss<seconds>>::from(text(bad)), sa::CastFailure) << bad;
    }
    using Stamp = sys_time<microseconds>;
    EXPECT_EQ(sa::cast<Stamp>::from(text("1970-01-01T00:00:01Z")).time_since_epoch(), seconds(1));
    EXPECT_EQ(sa::cast<Stamp>::from(text("1970-01-01 02:00:00+02:00")).time_since_epoch(), seconds(0));
    EXPECT_EQ(sa::cast<Stamp>::from(text("1970-01-01T00:00:00.5-0130")).time_since_epoch(),
              minutes(90) + milliseconds(500));
    EXPECT_EQ(sa::cast<Stamp>::from(text("1970-01-02")).time_since_epoch(), hours(24));
    EXPECT_EQ(sa::cast<sys_seconds>::from(text("1969-12-31T23:59:59.5")).time_since_epoch(), seconds(-1));  // floor
    EXPECT_THROW(sa::cast<sys_time<nanoseconds>>::from(text("9999-12-31T00:00:00")), sa::CastFailure);      // range
    EXPECT_THROW(sa::cast<Stamp>::from(text("1970-01-01X00:00")), sa::CastFailure);

    app.get<"/d">(sa::OPEN, [](Param<"d", year_month_day> d, Param<"t", sys_seconds, "2000-01-01T00:00:00Z"> t) {
        return std::to_string(static_cast<int>(d->year())) + " " + std::to_string(t->time_since_epoch().count());
    });
    EXPECT_EQ(client.get("/d?d=2024-05-06").body, "2024 946684800");
    EXPECT_EQ(client.get("/d?d=2024-05-06&t=1970-01-01T00:01:00").body, "2024 60");
    EXPECT_EQ(client.get("/d?d=May").body, "parameter \"d\" cast error on May: invalid isoformat string: year");
}

TEST_F(Types, Uuids) {
    auto u = sa::Uuid::parse("{12345678-1234-5678-1234-567812345678}");
    EXPECT_EQ(u.str(), "12345678-1234-5678-1234-567812345678");
    EXPECT_EQ(sa::Uuid::parse("urn:uuid:12345678123456781234567812345678"), u);
    EXPECT_EQ(sa::Uuid::parse("12345678-1234-5678-1234-56781234567A").str(), "12345678-1234-5678-1234-56781234567a");
    for (const char* bad : {"", "1234", "12345678-1234-5678-1234-5678123456789", "g2345678123456781234567812345678"}) {
        EXPECT_THROW(sa::Uuid::parse(bad), sa::CastFailure) << bad;
    }
    app.get<"/u/<id>">(sa::OPEN, [](Param<"id", sa::Uuid> id) { return id->str(); });
    EXPECT_EQ(client.get("/u/12345678123456781234567812345678").body, "12345678-1234-5678-1234-567812345678");
    EXPECT_EQ(client.get("/u/nope").status, 404);  // a path value of the wrong type: no such route
}

TEST_F(Types, ClassesBuiltFromAString) {
    app.get<"/n">(sa::OPEN, [](Param<"n", model::Nat> n) { return std::to_string(n->value); });
    EXPECT_EQ(client.get("/n?n=17").body, "17");
    auto bad = client.get("/n?n=-17");
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(bad.body, "parameter \"n\" cast error on -17: nat value must be positive: -17");
    EXPECT_EQ(client.get("/n?n=x").status, 400);  // std::stoi's own exception: still a 400
}
