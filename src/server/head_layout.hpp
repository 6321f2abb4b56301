#pragma once
// Detects line endings and folding that libmicrohttpd 0.9.75 accepts silently (bare LF, obsolete
// line folding, NUL inside a field) by looking at how the engine left the request head in its read
// buffer: it parses in place, turning every CR, LF and the colon of each field into a NUL, so a
// head written with CRLF only, one line per field, has an exact, checkable layout.

#include <cstddef>
#include <string_view>
#include <vector>

namespace simpleauth::server {

// A field as the engine holds it: pointers into its read buffer.
struct RawField {
    const char* name;
    std::size_t name_size;
    const char* value;
    std::size_t value_size;
};

struct RawHead {
    const char* begin;  // first byte of the request line (the method)
    std::size_t size;   // bytes of the head, final empty line included (MHD's header size)
    std::string_view method;
    const char* target;  // the request target as the URI log callback saw it
    std::size_t target_size;
    std::string_view version;
    std::vector<RawField> fields;
};

// True when every line of the head ended with CRLF, the request line had single spaces, every
// field sat on one line and no field value held a NUL. Any pointer outside the head counts as
// "not canonical": the engine moved something, which only folding does.
bool has_canonical_layout(const RawHead& head);

}  // namespace simpleauth::server
