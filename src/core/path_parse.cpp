// Run-time reading of a declared path into segments (the compile-time checks already ran).

#include <string>
#include <vector>

#include "simpleauth/errors.hpp"
#include "simpleauth/route_spec.hpp"

namespace simpleauth::detail {

std::vector<PathSegment> parse_path(std::string_view path) {
    if (path.empty() || path.front() != '/') {
        throw ConfigError("path must start with '/': " + std::string(path));
    }
    std::vector<PathSegment> segments;
    if (path == "/") {
        return segments;
    }
    std::string_view rest = path.substr(1);
    while (true) {
        std::size_t slash = rest.find('/');
        std::string_view s = rest.substr(0, slash);
        PathSegment seg;
        if (s.size() >= 2 && s.front() == '<' && s.back() == '>') {
            std::string_view inside = s.substr(1, s.size() - 2);
            std::size_t colon = inside.find(':');
            std::string_view converter = colon == std::string_view::npos ? "" : inside.substr(0, colon);
            seg.text = std::string(colon == std::string_view::npos ? inside : inside.substr(colon + 1));
            if (converter.empty() || converter == "string") {
                seg.kind = PathSegment::Kind::string;  // refined by the parameter's type
            } else if (converter == "int") {
                seg.kind = PathSegment::Kind::integer;
            } else if (converter == "float") {
                seg.kind = PathSegment::Kind::floating;
            } else if (converter == "path") {
                seg.kind = PathSegment::Kind::path;
            } else {
                throw ConfigError("unexpected converter \"" + std::string(converter) + "\" in " + std::string(path));
            }
        } else if (s.find('<') != std::string_view::npos || s.find('>') != std::string_view::npos) {
            throw ConfigError("a placeholder must be a whole path segment: " + std::string(path));
        } else {
            seg.text = std::string(s);
        }
        segments.push_back(std::move(seg));
        if (slash == std::string_view::npos) {
            break;
        }
        rest = rest.substr(slash + 1);
    }
    return segments;
}

}  // namespace simpleauth::detail
