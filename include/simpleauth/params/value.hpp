#pragma once
// A request value before conversion: a string from the path, the query string or a form, or a member
// of a JSON body (kept as its JSON text, so that the public headers need no JSON library).

#include <cstdint>
#include <string>

namespace simpleauth {

struct RawValue {
    enum class Kind : std::uint8_t { text, json_string, json_number, json_bool, json_null, json_array, json_object };
    Kind kind = Kind::text;
    std::string text;  // text and json_string: the decoded string; other JSON kinds: the JSON text

    bool is_json() const noexcept { return kind != Kind::text; }
};

// What went wrong while converting a value; the parameter layer adds the parameter's name.
class CastFailure : public std::exception {
public:
    explicit CastFailure(std::string reason) : reason_(std::move(reason)) {}
    const char* what() const noexcept override { return reason_.c_str(); }

private:
    std::string reason_;
};

}  // namespace simpleauth
