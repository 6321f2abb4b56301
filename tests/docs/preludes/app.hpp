#pragma once
// Prelude of the documentation's fragments: the headers and names a SimpleAuth source file starts with.

#include <simpleauth/json.hpp>
#include <simpleauth/simpleauth.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace sa = simpleauth;
using sa::Param;
