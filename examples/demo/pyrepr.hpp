#pragma once
// Python's textual forms, which the /types routes print (upstream formats values with str() and repr()).

#include <nlohmann/json.hpp>

#include <string>

namespace demo::py {

using Json = nlohmann::ordered_json;  // members in the order received, as a Python dict keeps them

std::string float_repr(double d);          // 0.0, 2.5, 1e+16, 1e-05, nan, inf
std::string bool_repr(bool b);             // True, False
std::string repr(const Json& value);       // None, 'a', [1, 'a'], {'a': [1, 2]}
std::string str(const Json& value);        // repr, except that a string is itself
std::string type_name(const Json& value);  // dict, list, str, int, float, bool, NoneType

}  // namespace demo::py
