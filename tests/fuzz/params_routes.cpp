// The routes of params_fuzz. Compiled by g++, not clang: clang 14 crashes (segfault in the frontend,
// TemplateArgument::isPackExpansion) instantiating App::route_in (include/simpleauth/app.hpp) for any
// route, so this file is built without coverage instrumentation; the parsing code it reaches (router,
// url_decode, body_parse, json_parse, params_*, pipeline) lives in src/ and is instrumented.
#include <chrono>
#include <string>
#include <vector>

#include <simpleauth/json.hpp>
#include <simpleauth/simpleauth.hpp>

namespace sa = simpleauth;
using sa::Param;

// std::string parameters carry the decoded bytes as sent, valid UTF-8 or not (the framework only
// promises UTF-8 for its own error bodies), so handlers that echo strings answer through sa::json,
// which escapes/replaces bad bytes; the UTF-8 check of params_fuzz then concerns the framework's output.

namespace fuzzmodel {
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
}  // namespace fuzzmodel
SIMPLEAUTH_STRUCT(fuzzmodel::Inner, y, tags);
SIMPLEAUTH_STRUCT(fuzzmodel::Outer, x, label, inner, more);

namespace fuzz {

void declare_routes(sa::App& a) {
    sa::App* app = &a;
    using namespace std::chrono;
    app->get<"/hello">(sa::OPEN, [] { return "hello"; });
    app->get<"/closed">(sa::CLOSE, [] { return "never"; });
    app->get<"/types">(sa::OPEN,
                       [](Param<"i", std::optional<int>> i, Param<"b", bool, false> b, Param<"d", double, 1.5> d,
                          Param<"n", long, 7> n) {
                           return (i->has_value() ? std::to_string(**i) : std::string("none")) + " " +
                                  (*b ? "T" : "F") + " " + std::to_string(*d) + " " + std::to_string(*n);
                       });
    app->post<"/store/<sid>/product">(
        sa::OPEN, [](Param<"sid", int> sid, Param<"product", std::string> product, Param<"quantity", int> q) {
            return sa::json(std::to_string(*sid) + ":" + *product + ":" + std::to_string(*q), 201);
        });
    app->get<"/echo/<name>">(sa::OPEN, [](Param<"name", std::string> name, Param<"s", std::string, ""> s) {
        return sa::json(*name + "|" + *s);
    });
    app->get<"/files/<path:rest>">(sa::OPEN, [](Param<"rest", std::string> rest) { return sa::json(*rest); });
    app->get<"/j">(sa::OPEN, [](Param<"j", sa::JsonValue> j) { return j->dump(); });
    app->post<"/j">(sa::OPEN, [](Param<"j", sa::JsonValue> j) { return j->dump(); });
    app->post<"/json">(sa::OPEN, [](Param<"j", sa::Json> j) { return sa::json(*j); });
    app->post<"/s">(sa::OPEN, [](Param<"o", fuzzmodel::Outer> o) {
        return sa::json(std::to_string(o->x) + (o->label ? *o->label : "-") + std::to_string(o->inner.tags.size()));
    });
    app->get<"/d">(sa::OPEN, [](Param<"d", year_month_day> d, Param<"t", sys_seconds, "2000-01-01T00:00:00Z"> t,
                                Param<"h", std::optional<hh_mm_ss<milliseconds>>> h) {
        return std::to_string(static_cast<int>(d->year())) + " " + std::to_string(t->time_since_epoch().count()) +
               (h->has_value() ? " h" : "");
    });
    app->get<"/u/<id>">(sa::OPEN, [](Param<"id", sa::Uuid> id) { return id->str(); });
    app->get<"/v">(sa::OPEN, [](Param<"i", std::vector<int>> i, Param<"s", std::optional<std::vector<std::string>>> s) {
        return sa::json(std::to_string(i->size()) + (s->has_value() && !(*s)->empty() ? (*s)->front() : ""));
    });
    app->post<"/v">(sa::OPEN, [](Param<"i", std::vector<int>> i) { return std::to_string(i->size()); });
    app->get<"/h">(sa::OPEN, [](sa::Header<"X-Count", int, 3> count, sa::Cookie<"session", std::string, "-"> s,
                                sa::Cookie<"n", std::optional<int>> n) {
        return sa::json(std::to_string(*count) + " " + *s + (n->has_value() ? " n" : ""));
    });
    app->post<"/up">(sa::OPEN, [](Param<"title", std::string> title, sa::File<"upload", std::optional<sa::UploadedFile>> f) {
        return sa::json(*title + "|" + (f->has_value() ? (*f)->filename + "|" + (*f)->content_type : std::string("-")));
    });
    app->get<"/k">(sa::OPEN, [](Param<"a", int> a, sa::Kwargs rest) {
        return std::to_string(*a) + " " + std::to_string(rest.get<int>("n").value_or(-1));
    });
}

}  // namespace fuzz
