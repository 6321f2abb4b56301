#pragma once
// Uuid: a UUID parameter, parsed as Python's uuid.UUID(text) does: 32 hex digits, hyphens anywhere,
// optional braces and "urn:uuid:" prefix; printed in the canonical lowercase 8-4-4-4-12 form.

#include <array>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "simpleauth/params/cast.hpp"

namespace simpleauth {

struct Uuid {
    std::array<std::uint8_t, 16> bytes{};

    static Uuid parse(std::string_view text);  // throws CastFailure
    std::string str() const;
    auto operator<=>(const Uuid&) const = default;
};

template <>
struct cast<Uuid> {
    static Uuid from(const RawValue& value) { return Uuid::parse(detail::parse_string(value)); }
};

}  // namespace simpleauth
