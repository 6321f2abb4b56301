#include "core/multipart.hpp"

#include <optional>

#include "simpleauth/http/headers.hpp"

namespace simpleauth::detail {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

// the parameters of a header value ("form-data; name=\"a\"; filename=b"): quoted or token values,
// names compared without case; nullopt on a malformed list
std::optional<std::vector<std::pair<std::string, std::string>>> header_parameters(std::string_view value) {
    std::vector<std::pair<std::string, std::string>> params;
    std::size_t semi = value.find(';');
    if (semi == std::string_view::npos) {
        return params;
    }
    std::string_view rest = value.substr(semi + 1);
    while (true) {
        rest = trim(rest);
        if (rest.empty()) {
            return params;
        }
        std::size_t eq = rest.find('=');
        if (eq == std::string_view::npos) {
            return std::nullopt;
        }
        std::string name(trim(rest.substr(0, eq)));
        for (char& c : name) {
            c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        }
        rest = trim(rest.substr(eq + 1));
        std::string v;
        if (!rest.empty() && rest.front() == '"') {
            std::size_t i = 1;
            for (; i < rest.size() && rest[i] != '"'; ++i) {
                if (rest[i] == '\\' && i + 1 < rest.size()) {
                    ++i;
                }
                v.push_back(rest[i]);
            }
            if (i == rest.size()) {
                return std::nullopt;  // unterminated quoted string
            }
            rest = trim(rest.substr(i + 1));
            if (!rest.empty() && rest.front() != ';') {
                return std::nullopt;
            }
        } else {
            std::size_t end = rest.find(';');
            v = std::string(trim(rest.substr(0, end)));
            rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end);
        }
        params.emplace_back(std::move(name), std::move(v));
        if (!rest.empty()) {
            rest.remove_prefix(1);  // the ';'
        }
    }
}

const std::string* find_parameter(const std::vector<std::pair<std::string, std::string>>& params,
                                  std::string_view name) {
    for (const auto& [n, v] : params) {
        if (n == name) {
            return &v;
        }
    }
    return nullptr;
}

}  // namespace

std::string parse_multipart(std::string_view content_type,
                            std::string_view body,
                            std::vector<std::pair<std::string, RawValue>>& out) {
    auto type_params = header_parameters(content_type);
    const std::string* boundary = type_params ? find_parameter(*type_params, "boundary") : nullptr;
    if (boundary == nullptr || boundary->empty() || boundary->size() > 200) {
        return "multipart body without a valid boundary";
    }
    const std::string malformed = "malformed multipart body";
    const std::string delimiter = "--" + *boundary;
    // the first delimiter may open the body; later ones follow a CRLF
    std::size_t pos = 0;
    if (body.substr(0, delimiter.size()) != delimiter) {
        pos = body.find("\r\n" + delimiter);
        if (pos == std::string_view::npos) {
            return malformed;
        }
        pos += 2;
    }
    const std::string next_delimiter = "\r\n" + delimiter;
    std::size_t parts = 0;
    while (true) {
        pos += delimiter.size();
        if (body.substr(pos, 2) == "--") {
            return "";  // close delimiter; the epilogue is ignored
        }
        if (body.substr(pos, 2) != "\r\n") {
            return malformed;
        }
        pos += 2;
        if (++parts > max_multipart_parts) {
            return "too many parts in the multipart body";
        }
        std::size_t headers_end = body.find("\r\n\r\n", pos);
        if (headers_end != std::string_view::npos && headers_end > body.find(next_delimiter, pos)) {
            headers_end = std::string_view::npos;  // that blank line belongs to a later part
        }
        std::size_t content_start = 0;
        std::string_view headers;
        if (body.substr(pos, 2) == "\r\n") {  // a part without headers
            content_start = pos + 2;
        } else if (headers_end != std::string_view::npos) {
            headers = body.substr(pos, headers_end - pos);
            content_start = headers_end + 4;
        } else {
            return malformed;
        }
        std::size_t content_end = body.find(next_delimiter, content_start);
        if (content_end == std::string_view::npos) {
            return malformed;
        }
        std::optional<std::string> name;
        std::optional<std::string> filename;
        std::string part_type;
        while (!headers.empty()) {
            std::size_t eol = headers.find("\r\n");
            std::string_view line = headers.substr(0, eol);
            headers = eol == std::string_view::npos ? std::string_view{} : headers.substr(eol + 2);
            std::size_t colon = line.find(':');
            if (colon == std::string_view::npos) {
                return malformed;
            }
            std::string_view field = trim(line.substr(0, colon));
            std::string_view value = trim(line.substr(colon + 1));
            if (http::iequals(field, "Content-Disposition")) {
                auto params = header_parameters(value);
                if (!params || !http::iequals(trim(value.substr(0, value.find(';'))), "form-data")) {
                    return malformed;
                }
                if (const std::string* n = find_parameter(*params, "name")) {
                    name = *n;
                }
                if (const std::string* f = find_parameter(*params, "filename")) {
                    filename = *f;
                }
            } else if (http::iequals(field, "Content-Type")) {
                part_type = std::string(value);
            }
        }
        if (!name) {
            return "multipart part without a name";
        }
        std::string content(body.substr(content_start, content_end - content_start));
        if (filename) {
            out.emplace_back(
                std::move(*name),
                RawValue{RawValue::Kind::file, std::move(content), std::move(*filename), std::move(part_type)});
        } else {
            out.emplace_back(std::move(*name), RawValue{RawValue::Kind::text, std::move(content), {}, {}});
        }
        pos = content_end + 2;
    }
}

}  // namespace simpleauth::detail
