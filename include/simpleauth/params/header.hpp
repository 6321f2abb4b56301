#pragma once
// A request header as a handler argument: Header<"User-Agent"> (a std::string), Header<"X-Count", int>,
// Header<"X-Trace", std::optional<std::string>>, Header<"X-Mode", std::string, "fast">. Names are
// case-insensitive; a missing mandatory header is a 400 (upstream answers 500); a scalar header sent
// twice is a 400, a std::vector<T> takes every field.

#include <string>

#include "simpleauth/params/param.hpp"

namespace simpleauth {

template <detail::FixedString Name, class T = std::string, detail::Literal Default = detail::Literal{}>
struct Header : detail::NamedArg<Name, T, Default, detail::ParamSource::header> {};

}  // namespace simpleauth
