#include "core/router.hpp"

#include <algorithm>
#include <charconv>
#include <set>

#include "core/url_decode.hpp"

namespace simpleauth::detail {

namespace {

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool looks_floating(std::string_view s) {
    // Flask's float converter: digits '.' digits, no sign, no exponent
    std::size_t dot = s.find('.');
    return dot != std::string_view::npos && all_digits(s.substr(0, dot)) && all_digits(s.substr(dot + 1));
}

// matches decoded segments against a pattern; fills the placeholder values
bool match_segments(const std::vector<PathSegment>& pattern,
                    const std::vector<std::string_view>& segments,
                    std::vector<std::pair<std::string, RawValue>>* values) {
    std::size_t i = 0;
    for (std::size_t p = 0; p < pattern.size(); ++p, ++i) {
        const PathSegment& seg = pattern[p];
        if (seg.kind == PathSegment::Kind::path) {  // the rest of the path, at least one segment
            if (i >= segments.size() || segments[i].empty()) {
                return false;
            }
            std::string rest(segments[i]);
            for (std::size_t j = i + 1; j < segments.size(); ++j) {
                rest += '/';
                rest += segments[j];
            }
            if (values != nullptr) {
                values->emplace_back(seg.text, RawValue{RawValue::Kind::text, std::move(rest)});
            }
            return p + 1 == pattern.size();
        }
        if (i >= segments.size()) {
            return false;
        }
        std::string_view s = segments[i];
        switch (seg.kind) {
            case PathSegment::Kind::literal:
                if (s != seg.text) {
                    return false;
                }
                break;
            case PathSegment::Kind::integer:
                if (!all_digits(s)) {
                    return false;
                }
                break;
            case PathSegment::Kind::floating:
                if (!looks_floating(s)) {
                    return false;
                }
                break;
            default:
                if (s.empty()) {
                    return false;
                }
                break;
        }
        if (seg.kind != PathSegment::Kind::literal && values != nullptr) {
            values->emplace_back(seg.text, RawValue{RawValue::Kind::text, std::string(s)});
        }
    }
    return i == segments.size();
}

}  // namespace

void Router::add(const RouteSpec& spec, std::size_t index) {
    int literals = static_cast<int>(std::count_if(spec.segments.begin(), spec.segments.end(), [](const PathSegment& s) {
        return s.kind == PathSegment::Kind::literal;
    }));
    entries_.push_back({spec.method, spec.segments, index, literals});
    // most specific first: static segments beat placeholders (Flask/Werkzeug's preference)
    std::stable_sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
        return a.literal_count > b.literal_count;
    });
}

RouteMatch Router::match(std::string_view method, std::string_view raw_path) const {
    RouteMatch result;
    if (raw_path.empty() || raw_path.front() != '/') {
        result.status = RouteMatch::Status::bad_path;
        return result;
    }
    // The decoded segments, as views: into the path itself, or into `decoded` for a segment with an
    // escape. Both vectors are the thread's own and keep their capacity, so that routing a request
    // allocates nothing (match runs on every request, twice when a match is not handed over).
    thread_local std::vector<std::string_view> segments;
    thread_local std::vector<std::string> decoded;
    segments.clear();
    decoded.clear();
    decoded.reserve(static_cast<std::size_t>(std::count(raw_path.begin(), raw_path.end(), '/')));  // views stay put
    std::string_view rest = raw_path.substr(1);
    while (true) {
        std::size_t slash = rest.find('/');
        std::string_view segment = rest.substr(0, slash);
        if (segment.find('%') != std::string_view::npos) {
            auto text = percent_decode(segment, false);
            if (!text) {
                result.status = RouteMatch::Status::bad_path;
                return result;
            }
            segment = decoded.emplace_back(std::move(*text));
        }
        if (segment.find('\0') != std::string_view::npos) {
            result.status = RouteMatch::Status::bad_path;
            return result;
        }
        if (segment == "." || segment == "..") {  // never resolved: no route is reachable through them
            return result;
        }
        segments.push_back(segment);
        if (slash == std::string_view::npos) {
            break;
        }
        rest = rest.substr(slash + 1);
    }
    if (segments.size() == 1 && segments.front().empty()) {
        segments.clear();  // "/"
    }
    std::string_view wanted = method == "HEAD" ? std::string_view("GET") : method;
    // The Allow list is read for a 405 and for OPTIONS (CORS preflights included) only: any other
    // request stops at its route, the first match being the most specific, and builds no list.
    bool list_allowed = wanted == "OPTIONS";
    std::set<std::string> allowed;
    for (const Entry& e : entries_) {
        if (!match_segments(e.segments, segments, nullptr)) {
            continue;
        }
        if (e.method == wanted && result.status != RouteMatch::Status::found) {
            result.status = RouteMatch::Status::found;
            result.index = e.index;
            match_segments(e.segments, segments, &result.values);
            if (!list_allowed) {
                return result;  // before the set below: no allocation on the way of a found route
            }
        }
        allowed.insert(e.method);
    }
    if (!allowed.empty()) {
        if (allowed.count("GET") != 0) {
            allowed.insert("HEAD");
        }
        allowed.insert("OPTIONS");
        for (const auto& m : allowed) {
            result.allow += (result.allow.empty() ? "" : ", ") + m;
        }
        if (result.status != RouteMatch::Status::found) {
            result.status = RouteMatch::Status::method_not_allowed;
        }
    }
    return result;
}

}  // namespace simpleauth::detail
