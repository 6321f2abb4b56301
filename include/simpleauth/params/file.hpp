#pragma once
// An uploaded file of a multipart/form-data body: File<"upload"> gives its filename, content type and
// content; File<"upload", std::optional<UploadedFile>> may be absent; File<"upload",
// std::vector<UploadedFile>> takes every file of that name. A text field where a file is declared, or a
// JSON body, is a 400. The whole body is bounded by the server's body limit.

#include <string>

#include "simpleauth/params/cast.hpp"
#include "simpleauth/params/param.hpp"

namespace simpleauth {

struct UploadedFile {
    std::string filename;      // as sent by the client: never use it as a path without checking it
    std::string content_type;  // as sent by the client, "" when none
    std::string content;
};

namespace detail {
UploadedFile parse_file(const RawValue& value);
}

template <>
struct cast<UploadedFile> {
    static UploadedFile from(const RawValue& value) { return detail::parse_file(value); }
};

template <detail::FixedString Name, class T = UploadedFile>
struct File : detail::NamedArg<Name, T, detail::Literal{}, detail::ParamSource::request> {
    static constexpr bool is_file = true;  // for the compile-time check of T
};

}  // namespace simpleauth
