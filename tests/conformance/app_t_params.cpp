// App T: typed parameters, path converters and Python values. Upstream prints Python objects: the
// helpers of app_t_pyform.hpp give the same text.

#include <simpleauth/json.hpp>
#include <simpleauth/params/chrono.hpp>
#include <simpleauth/params/cookie.hpp>
#include <simpleauth/params/header.hpp>
#include <simpleauth/params/json_value.hpp>
#include <simpleauth/params/kwargs.hpp>
#include <simpleauth/params/uuid.hpp>
#include <simpleauth/simpleauth.hpp>

#include <ctime>
#include <set>
#include <stdexcept>

#include "app_t.hpp"
#include "app_t_pyform.hpp"
#include "users.hpp"

namespace sa = simpleauth;
using sa::Param;

namespace conformance {

namespace {

using Time = std::chrono::hh_mm_ss<std::chrono::microseconds>;

// Python's // on integers: toward minus infinity; a zero divisor raises (500)
long long floor_div(long long i, long long j) {
    if (j == 0) {
        throw std::domain_error("integer division or modulo by zero");
    }
    long long q = i / j;
    return (i % j != 0 && ((i < 0) != (j < 0))) ? q - 1 : q;
}

// the server's local current date, as Python's date.today()
std::chrono::sys_days today() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    return std::chrono::sys_days(std::chrono::year_month_day(std::chrono::year(tm.tm_year + 1900),
                                                             std::chrono::month(static_cast<unsigned>(tm.tm_mon + 1)),
                                                             std::chrono::day(static_cast<unsigned>(tm.tm_mday))));
}

std::string json_type_name(const sa::JsonValue& j) {
    switch (j.kind()) {
        case sa::JsonValue::Kind::json_null:
            return "NoneType";
        case sa::JsonValue::Kind::json_bool:
            return "bool";
        case sa::JsonValue::Kind::json_number:
            return j.dump().find_first_of(".eE") == std::string::npos ? "int" : "float";
        case sa::JsonValue::Kind::json_string:
            return "str";
        case sa::JsonValue::Kind::json_array:
            return "list";
        default:
            return "dict";
    }
}

void declare_arithmetic(sa::App& app) {
    app.get<"/add/<i>">(sa::OPEN, [](Param<"i", long long> i, Param<"a", double> a, Param<"b", double> b) {
        return py_float(static_cast<double>(*i) * (*a + *b));
    });
    app.get<"/mul/<i>">(sa::OPEN, [](Param<"i", long long> i, Param<"j", long long> j, Param<"k", long long> k) {
        return std::to_string(*i * *j * *k);
    });
    app.get<"/div">(sa::OPEN, [](Param<"i", std::optional<long long>> i, Param<"j", std::optional<long long>> j) {
        return i->has_value() && j->has_value() ? std::to_string(floor_div(**i, **j)) : std::string("0");
    });
    app.get<"/sub">(sa::OPEN,
                    [](Param<"i", long long> i, Param<"j", long long, 0> j) { return std::to_string(*i - *j); });
    app.get<"/type">(sa::OPEN,
                     [](Param<"f", std::optional<PyFloat>> f,
                        Param<"i", std::optional<long long>> i,
                        Param<"b", std::optional<bool>> b,
                        Param<"s", std::optional<std::string>> s) -> sa::Reply {
                         if (f->has_value()) {
                             return text("float " + py_float((*f)->value));
                         }
                         if (i->has_value()) {
                             return text("int " + std::to_string(**i));
                         }
                         if (b->has_value()) {
                             return text("bool " + py_bool(**b));
                         }
                         if (s->has_value()) {
                             return text("str " + **s);
                         }
                         return text("");  // an empty string is still text/html upstream
                     });
    app.get<"/cplx">(sa::OPEN, [](Param<"c1", Complex> c1, Param<"c2", Complex, "1+1j"> c2) {
        return Complex{c1->re + c2->re, c1->im + c2->im}.repr();
    });
    app.get<"/cplx/<c>">(sa::OPEN, [](Param<"c", Complex> c) { return Complex{c->re, c->im + 1.0}.repr(); });
}

void declare_conversions(sa::App& app) {
    // every request parameter accepted; the authentication ones (LOGIN, USER, PASS) are not in Kwargs
    app.get<"/params">(sa::OPEN, [](const sa::Kwargs& kwargs) {
        std::set<std::string> names;
        for (const auto& [name, value] : kwargs) {
            names.insert(name);
        }
        std::string out;
        for (const auto& n : names) {
            out += (out.empty() ? "" : " ") + n;
        }
        return out;
    });
    app.get<"/one/<int:i>">(
        sa::OPEN, [](Param<"i", long long> i, Param<"msg", std::string> msg, Param<"punct", std::string, "!"> p) {
            return std::to_string(*i) + ": " + *msg + " " + *p;
        });
    // types inferred upstream from the defaults: id float (float converter), i int, s str
    app.get<"/infer/<id>">(sa::OPEN,
                           [](Param<"id", double> id, Param<"i", long long, 2> i, Param<"s", std::string, "hi"> s) {
                               return py_float(*id) + " " + std::to_string(*i * static_cast<long long>(Len(*s).length));
                           });
    // t defaults to the string "23:34:45" upstream (printed as is); as a time here, printed the same
    app.get<"/when">(sa::AUTH, [](Param<"d", std::chrono::year_month_day> d, Param<"t", Time, "23:34:45"> t) {
        auto days = (std::chrono::sys_days(*d) - today()).count();
        return "in " + py_days(days) + " " + py_time(*t);
    });
    // no uuid path converter in SimpleAuth: the path value is parsed afterwards (a bad one is a 400)
    app.get<"/superid/<uid>">(sa::OPEN, [](Param<"uid", sa::Uuid> uid, Param<"u", std::optional<sa::Uuid>> u) {
        return "uid = " + uid->str() + "/" + (u->has_value() ? (*u)->str() : std::string("None"));
    });
    app.get<"/bool/<b>">(sa::OPEN, [](Param<"b", bool> b) { return py_bool(*b); });
    app.get<"/mail/<ad1>">(sa::OPEN, [](Param<"ad1", Mail> ad1, Param<"ad2", Mail, "calvin@comics.net"> ad2) {
        return ad1->address + " " + ad2->address;
    });
    app.get<"/myint/<i>">(sa::OPEN, [](Param<"i", MyInt> i) { return "my_int: " + std::to_string(i->value); });
    app.get<"/path/<path:p>">(sa::OPEN, [](Param<"p", std::string> p) { return *p; });
    app.get<"/string/<s>">(sa::OPEN, [](Param<"s", std::string> s) { return *s; });
    app.get<"/required/true">(sa::OPEN,
                              [](Param<"s1", std::string> s1, Param<"s2", std::string> s2) { return *s1 + " " + *s2; });
    app.get<"/required/false">(
        sa::OPEN,
        [](Param<"s1", std::string, "hello"> s1, Param<"s2", std::string, "world"> s2) { return *s1 + " " + *s2; });
    // upstream's Python names _def, _int, _, _pass are exposed as def (path), int, _ and pass
    app.get<"/_/<_def>">(sa::OPEN,
                         [](Param<"_def", std::string> def,
                            Param<"int", long long> i,
                            Param<"_", Len> len,
                            Param<"pass", bool, true> pass) {
                             return *def + "/" + std::to_string(*i) + "/" + std::to_string(len->length) + "/" +
                                    py_bool(*pass);
                         });
    // members in received order: JsonValue keeps them sorted, so the request's own text is re-read
    app.get<"/json">(sa::OPEN, [](Param<"j", sa::JsonValue> j, sa::Context& ctx) {
        auto raw = ctx.request_values("j");
        const std::string& text = raw.empty() ? j->dump() : raw.front()->text;
        auto value = raw.empty() || raw.front()->kind == sa::RawValue::Kind::json_string
                         ? nlohmann::ordered_json::parse(j->dump())
                         : nlohmann::ordered_json::parse(text);
        return json_type_name(*j) + ": " + py_json(value);
    });
    app.get<"/shadow/<stuff>">(
        sa::OPEN, [](Param<"stuff", std::string> stuff, sa::Context& ctx, Param<"blup", std::string, "Yukon"> blup) {
            return ctx.app().name() + ": " + *stuff + " " + *blup;
        });
    app.get<"/cookie/foo">(sa::OPEN,
                           [](sa::Cookie<"foo"> foo,
                              sa::Cookie<"bla", std::optional<std::string>> bla,
                              sa::Cookie<"bar", std::string, "foobla"> bar) {
                               return "cookie foo: " + *foo + ", bla: " + bla->value_or("None") + ", bar: " + *bar;
                           });
    app.get<"/headers">(sa::OPEN, [](sa::Header<"User-Agent"> ua, sa::Header<"Hello"> hello) {
        return sa::json({{"Hello", *hello}, {"User-Agent", *ua}});
    });
}

}  // namespace

void declare_param_routes(sa::App& app) {
    declare_arithmetic(app);
    declare_conversions(app);
}

}  // namespace conformance
