#pragma once
// A request value before conversion: a string from the path, the query string, a header, a cookie or a
// form, a member of a JSON body (kept as its JSON text, so that the public headers need no JSON library),
// or an uploaded file of a multipart body.

#include <cstdint>
#include <string>
#include <utility>

namespace simpleauth {

struct RawValue {
    enum class Kind : std::uint8_t {
        text,
        json_string,
        json_number,
        json_bool,
        json_null,
        json_array,
        json_object,
        file
    };
    RawValue() = default;
    RawValue(Kind k, std::string t, std::string name = {}, std::string type = {})
        : kind(k), text(std::move(t)), filename(std::move(name)), content_type(std::move(type)) {}

    Kind kind = Kind::text;
    std::string text;      // text and json_string: the decoded string; file: its content; other kinds: the JSON text
    std::string filename;  // file only: as sent by the client (untrusted)
    std::string content_type;  // file only: as sent by the client ("" when none)

    bool is_json() const noexcept { return kind != Kind::text && kind != Kind::file; }
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
