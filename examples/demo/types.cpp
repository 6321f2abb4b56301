// Upstream types_path.py: parameter types under /types, all open. Values are printed in Python's forms
// (pyrepr.hpp); the models and the nat and list[str] types follow upstream's conversions.

#include <cmath>
#include <cstdlib>

#include "demo.hpp"
#include "lax.hpp"
#include "pyrepr.hpp"

namespace demo {

// upstream's Character (a pydantic model) and Personnage (a pydantic data class): same fields
struct Character {
    std::string name;
    LaxInt age;
};
struct Personnage {
    std::string name;
    LaxInt age;
};

// upstream's nat: compares the raw value with 0 before truncating it, so a string (query, form or JSON
// string) always fails, as does any value Python cannot order against an int
struct Nat {
    long long value = 0;
};

// upstream's JsonData, with the members of an object in the order sent (Python dicts keep it)
struct OrderedJson {
    py::Json value;
};

// upstream's list[str]: only a JSON array of strings (a query or form value is a string, refused)
struct StrList {
    std::vector<std::string> items;
};

}  // namespace demo

SIMPLEAUTH_STRUCT(demo::Character, name, age);
SIMPLEAUTH_STRUCT(demo::Personnage, name, age);

template <>
struct simpleauth::cast<demo::Nat> {
    static constexpr double max_nat = 9.0e15;  // integers exact in a double
    static demo::Nat from(const RawValue& value) {
        using Kind = RawValue::Kind;
        auto python_type = [&]() -> std::string {
            switch (value.kind) {
                case Kind::json_array:
                    return "list";
                case Kind::json_object:
                    return "dict";
                case Kind::json_null:
                    return "NoneType";
                default:
                    return "str";
            }
        };
        if (value.kind == Kind::json_bool) {
            return {value.text == "true" ? 1 : 0};
        }
        if (value.kind != Kind::json_number) {
            throw CastFailure("'<' not supported between instances of '" + python_type() + "' and 'int'");
        }
        double d = std::strtod(value.text.c_str(), nullptr);  // valid JSON: huge values become inf
        if (d < 0) {
            throw CastFailure("nat value must be positive: " + value.text);
        }
        if (d > max_nat) {  // the sum must fit a long long (Python's integers have no bound)
            throw CastFailure("nat value too large: " + value.text);
        }
        return {static_cast<long long>(std::trunc(d))};
    }
};

template <>
struct simpleauth::cast<demo::OrderedJson> {
    static demo::OrderedJson from(const RawValue& value) {
        JsonValue checked = JsonValue::from(value);  // the framework's parser, with its depth limit
        // a query or form value is still its text as sent; a JSON body member is already normalized
        return {demo::py::Json::parse(value.kind == RawValue::Kind::text ? value.text : checked.dump())};
    }
};

template <>
struct simpleauth::cast<demo::StrList> {
    static demo::StrList from(const RawValue& value) {
        demo::StrList out;
        if (value.kind == RawValue::Kind::json_array) {
            auto array = nlohmann::json::parse(value.text);
            for (const auto& item : array) {
                if (!item.is_string()) {
                    throw CastFailure("expecting list[str]");
                }
                out.items.push_back(item.get<std::string>());
            }
            return out;
        }
        throw CastFailure("expecting list[str]");
    }
};

namespace demo {

using sa::Param;

namespace {

template <class Model>
sa::Reply model_json(const Model& m) {
    return sa::json({{"name", m.name}, {"age", m.age.value}}, 201);
}

}  // namespace

void register_types(sa::App& app) {
    auto types = app.group("/types");
    types.get<"/scalars">(sa::OPEN,
                          [](Param<"i", long long, 0> i,
                             Param<"f", double, 0.0> f,
                             Param<"b", bool, false> b,
                             Param<"s", std::string, ""> s) {
                              return html("i=" + std::to_string(*i) + ", f=" + py::float_repr(*f) +
                                          ", b=" + py::bool_repr(*b) + ", s=" + *s);
                          });
    types.get<"/json">(
        sa::OPEN, [](Param<"j", OrderedJson> j) { return html(py::type_name(j->value) + ": " + py::str(j->value)); });
    types.get<"/nat">(sa::OPEN, [](Param<"i", Nat> i, Param<"j", Nat> j) { return sa::json(i->value + j->value); });
    types.post<"/char">(sa::OPEN, [](Param<"char", Character> c) { return model_json(*c); });
    types.post<"/pers">(sa::OPEN, [](Param<"pers", Personnage> p) { return model_json(*p); });
    types.get<"/ls">(sa::OPEN, [](Param<"ls", StrList> ls) {
        std::string all;
        for (std::size_t i = 0; i < ls->items.size(); ++i) {
            all += (i == 0 ? "" : "/") + ls->items[i];
        }
        return sa::json({{"all", all}, {"len", ls->items.size()}});
    });
}

}  // namespace demo
