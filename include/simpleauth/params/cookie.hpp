#pragma once
// A request cookie as a handler argument: Cookie<"session"> (a std::string), Cookie<"theme",
// std::optional<std::string>>, Cookie<"lang", std::string, "en">. A missing mandatory cookie is a 400
// (upstream answers 500). Browsers may send one name twice (cookies of different paths, the most
// specific first): a scalar takes the first, a std::vector<T> takes all.

#include <string>

#include "simpleauth/params/param.hpp"

namespace simpleauth {

template <detail::FixedString Name, class T = std::string, detail::Literal Default = detail::Literal{}>
struct Cookie : detail::NamedArg<Name, T, Default, detail::ParamSource::cookie> {};

}  // namespace simpleauth
