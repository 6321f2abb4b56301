// A server for the black-box tests of typed parameters: every source (path, query, form, multipart,
// JSON, headers, cookies, files) and kind of type, each route echoing what it received as JSON.

#include <simpleauth/json.hpp>
#include <simpleauth/server.hpp>
#include <simpleauth/simpleauth.hpp>

#include <chrono>
#include <iostream>

namespace sa = simpleauth;
using sa::Param;

namespace shop {
struct Line {
    std::string product;
    int quantity = 0;
};
struct Order {
    std::string customer;
    std::vector<Line> lines;
    std::optional<std::string> note;
};
}  // namespace shop

SIMPLEAUTH_STRUCT(shop::Line, product, quantity);
SIMPLEAUTH_STRUCT(shop::Order, customer, lines, note);

int main(int argc, char** argv) try {
    auto options = sa::server_options_from_args(argc, argv, {});
    sa::App app{"params"};
    app.config().from_string("FSA_AUTH = [\"none\"]\nFSA_MODE = \"prod\"");

    // path, query/form/JSON scalars, defaults and optionals
    app.get<"/scalars/<int:i>">(
        sa::OPEN,
        [](Param<"i", int> i,
           Param<"f", double, 1.5> f,
           Param<"b", bool, false> b,
           Param<"s", std::optional<std::string>> s,
           Param<"l", long long, 7> l) {
            return sa::json({{"i", *i}, {"f", *f}, {"b", *b}, {"s", s->value_or("-")}, {"l", *l}});
        });
    app.post<"/scalars">(sa::OPEN, [](Param<"i", int> i, Param<"s", std::string> s) {
        return sa::json({{"i", *i}, {"s", *s}});
    });
    // headers and cookies
    app.get<"/headers">(
        sa::OPEN,
        [](sa::Header<"User-Agent"> agent,
           sa::Header<"X-Count", int, 3> count,
           sa::Cookie<"session"> session,
           sa::Cookie<"theme", std::optional<std::string>> theme) {
            return sa::json(
                {{"agent", *agent}, {"count", *count}, {"session", *session}, {"theme", theme->value_or("-")}});
        });
    // repeated values and JSON arrays
    app.get<"/tags">(sa::OPEN, [](Param<"tag", std::vector<std::string>> tags) { return sa::json(*tags); });
    app.post<"/numbers">(sa::OPEN, [](Param<"n", std::vector<int>> numbers) { return sa::json(*numbers); });
    // JSON values and structures
    app.post<"/json">(sa::OPEN, [](Param<"data", sa::Json> data) { return sa::json({{"data", *data}}); });
    app.post<"/order">(sa::OPEN, [](Param<"order", shop::Order> order) {
        sa::Json lines = sa::Json::array();
        for (const auto& l : order->lines) {
            lines.push_back({{"product", l.product}, {"quantity", l.quantity}});
        }
        return sa::json({{"customer", order->customer}, {"lines", lines}, {"note", order->note.value_or("-")}});
    });
    // dates, times, UUIDs
    app.get<"/when">(sa::OPEN, [](Param<"day", std::chrono::year_month_day> day, Param<"id", sa::Uuid> id) {
        return sa::json({{"year", static_cast<int>(day->year())},
                         {"month", static_cast<unsigned>(day->month())},
                         {"day", static_cast<unsigned>(day->day())},
                         {"id", id->str()}});
    });
    // files
    app.post<"/upload">(sa::OPEN, [](sa::File<"file"> file, Param<"title", std::string, "untitled"> title) {
        return sa::json({{"filename", file->filename},
                         {"content_type", file->content_type},
                         {"size", file->content.size()},
                         {"content", file->content},
                         {"title", *title}});
    });
    // everything else
    app.get<"/kwargs">(sa::OPEN, [](Param<"a", int, 0> a, sa::Kwargs rest) {
        sa::Json others = sa::Json::object();
        for (const auto& [name, value] : rest) {
            others[name] = value.text;
        }
        return sa::json({{"a", *a}, {"rest", others}});
    });
    return sa::serve(app, options);
} catch (const sa::ConfigError& e) {
    std::cerr << "params_server: refusing to start: " << e.what() << '\n';
    return 2;
}
