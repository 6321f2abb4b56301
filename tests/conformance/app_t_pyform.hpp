#pragma once
// App T's values and their Python textual forms (test-apps-spec.md §5): upstream's handlers print Python
// objects, so the port prints floats, complex numbers, durations, times and JSON the way Python does.
// The Python-only parameter types get their nearest C++ equivalent here, with a cast from the same text.

#include <chrono>
#include <cstddef>
#include <string>

#include <simpleauth/json.hpp>
#include <simpleauth/params/cast.hpp>

namespace conformance {

std::string py_float(double d);       // repr(float): 0.0, 7.0, 0.30000000000000004, 1e+16, 1e-05, nan, inf
std::string py_bool(bool b);          // True, False
std::string py_days(long long days);  // str(timedelta(days=n)): 0:00:00, 1 day, 0:00:00, -2 days, 0:00:00
std::string py_time(const std::chrono::hh_mm_ss<std::chrono::microseconds>& t);  // HH:MM:SS[.ffffff]
// json.dumps(v) with Python's defaults: ", " and ": ", members in order, non-ASCII as \uXXXX
std::string py_json(const nlohmann::ordered_json& v);

// Python's complex: parsed as complex(str) ("1+2j", "(1+2j)", "1j", "-1", "j"), printed as repr
struct Complex {
    double re = 0.0;
    double im = 0.0;
    static Complex parse(std::string_view text);  // throws CastFailure "complex() arg is a malformed string"
    std::string repr() const;
};

// Python's float as a request parameter: unlike SimpleAuth's double, nan and inf are accepted (/type f=nan)
struct PyFloat {
    double value = 0.0;
};

// upstream's my_int cast: int(s) in base 10, printed "my_int: <n>"
struct MyInt {
    long long value = 0;
    static MyInt parse(std::string_view text);  // throws CastFailure as Python's int()
};

// upstream's Mail: a string that must contain an '@'
struct Mail {
    std::string address;
    explicit Mail(std::string s);
};

// upstream's Len: built from a string, prints its length (in characters, as Python's len)
struct Len {
    std::size_t length = 0;
    explicit Len(std::string s);
};

// upstream's special parameter types: injected, never read from the request
struct Foo {
    std::string value;
};
struct Bla {
    std::string value;
};

}  // namespace conformance

namespace simpleauth {
template <>
struct cast<conformance::Complex> {
    static conformance::Complex from(const RawValue& v) { return conformance::Complex::parse(detail::parse_string(v)); }
};
template <>
struct cast<conformance::PyFloat> {
    static conformance::PyFloat from(const RawValue& v);
};
template <>
struct cast<conformance::MyInt> {
    static conformance::MyInt from(const RawValue& v) { return conformance::MyInt::parse(detail::parse_string(v)); }
};
}  // namespace simpleauth
