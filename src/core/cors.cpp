#include "core/cors.hpp"

#include <algorithm>
#include <charconv>
#include <regex>
#include <stdexcept>
#include <utility>

namespace simpleauth::detail {

namespace {

constexpr std::string_view kOptionNames =
    "origins, methods, allow_headers, expose_headers, supports_credentials, max_age, vary_header, reflect_origin";

// No real origin comes close (a DNS name is at most 253 characters); the bound also keeps libstdc++'s
// recursive regex matcher, whose stack depth grows with the input, far from overflowing.
constexpr std::size_t kMaxOriginSize = 1024;

std::invalid_argument bad_option(std::string_view name, std::string_view why) {
    return std::invalid_argument("FSA_CORS_OPTS: option \"" + std::string(name) + "\": " + std::string(why));
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

std::vector<std::string_view> split_commas(std::string_view text) {
    std::vector<std::string_view> items;
    while (true) {
        auto comma = text.find(',');
        items.push_back(trim(text.substr(0, comma)));
        if (comma == std::string_view::npos) {
            return items;
        }
        text.remove_prefix(comma + 1);
    }
}

// RFC 9110 §5.6.2: field names and methods are tokens
bool is_token(std::string_view s) {
    if (s.empty()) {
        return false;
    }
    for (char c : s) {
        bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!alnum && std::string_view("!#$%&'*+-.^_`|~").find(c) == std::string_view::npos) {
            return false;
        }
    }
    return true;
}

// ["a", "b"] (or Python's ['a', 'b'], since FSA users copy their Flask settings): a backslash escapes
// the quote and itself only, so a regex's "\." can be written as is
std::vector<std::string> parse_bracketed(std::string_view name, std::string_view text) {
    std::vector<std::string> items;
    std::size_t i = 1;
    const std::size_t end = text.size() - 1;  // the closing ']'
    auto skip_blanks = [&] {
        while (i < end && (text[i] == ' ' || text[i] == '\t')) {
            ++i;
        }
    };
    skip_blanks();
    if (i == end) {
        return items;
    }
    while (true) {
        if (i >= end || (text[i] != '"' && text[i] != '\'')) {
            throw bad_option(name, "expected a quoted string in \"" + std::string(text) + "\"");
        }
        const char quote = text[i++];
        std::string item;
        while (i < end && text[i] != quote) {
            if (text[i] == '\\' && i + 1 < end && (text[i + 1] == quote || text[i + 1] == '\\')) {
                ++i;
            }
            item += text[i++];
        }
        if (i >= end) {
            throw bad_option(name, "unterminated string in \"" + std::string(text) + "\"");
        }
        ++i;  // closing quote
        items.push_back(std::move(item));
        skip_blanks();
        if (i == end) {
            return items;
        }
        if (text[i] != ',') {
            throw bad_option(name, "expected ',' or ']' in \"" + std::string(text) + "\"");
        }
        ++i;
        skip_blanks();
    }
}

std::vector<std::string> parse_list(std::string_view name, std::string_view text) {
    text = trim(text);
    if (text.starts_with('[')) {
        if (!text.ends_with(']') || text.size() < 2) {
            throw bad_option(name, "missing ']' in \"" + std::string(text) + "\"");
        }
        return parse_bracketed(name, text);
    }
    std::vector<std::string> items;
    if (text.empty()) {
        return items;
    }
    for (auto item : split_commas(text)) {
        if (item.empty()) {
            throw bad_option(name, "empty item in \"" + std::string(text) + "\"");
        }
        items.emplace_back(item);
    }
    return items;
}

bool parse_bool(std::string_view name, std::string_view text) {
    text = trim(text);
    if (http::iequals(text, "true")) {
        return true;
    }
    if (http::iequals(text, "false")) {
        return false;
    }
    throw bad_option(name, "expected true or false, got \"" + std::string(text) + "\"");
}

long parse_seconds(std::string_view name, std::string_view text) {
    text = trim(text);
    long value = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end || value < 0) {
        throw bad_option(name, "expected a number of seconds, got \"" + std::string(text) + "\"");
    }
    return value;
}

std::string upper(std::string s) {
    for (auto& c : s) {
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    return s;
}

std::regex compile(std::string_view pattern) {
    return std::regex(pattern.begin(), pattern.end(), std::regex::ECMAScript | std::regex::icase);
}

// Policies come from the configuration, so the set of patterns is small and fixed: each thread
// compiles each pattern once (std::regex is not cheap to build, and a shared cache would need a lock).
const std::regex* cached_regex(std::string_view pattern) {
    thread_local std::map<std::string, std::regex, std::less<>> cache;
    if (auto it = cache.find(pattern); it != cache.end()) {
        return &it->second;
    }
    if (cache.size() >= 64) {  // policies built on the fly must not grow it without bound
        cache.clear();
    }
    try {
        return &cache.emplace(std::string(pattern), compile(pattern)).first->second;
    } catch (const std::regex_error&) {
        return nullptr;  // an unvalidated policy: the pattern matches nothing
    }
}

// "scheme://host[:port]" as browsers serialize it, or "null": never a path, blanks or controls, so a
// reflected value is always a harmless header value
bool plausible_origin(std::string_view origin) {
    if (origin == "null") {
        return true;
    }
    if (origin.empty() || origin.size() > kMaxOriginSize) {
        return false;
    }
    for (char c : origin) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
            return false;
        }
    }
    auto sep = origin.find("://");
    return sep != std::string_view::npos && sep > 0 && sep + 3 < origin.size() &&
           origin.find_first_of("/?#", sep + 3) == std::string_view::npos;
}

bool has_wildcard(const std::vector<std::string>& list) {
    for (const auto& item : list) {
        if (item == "*") {
            return true;
        }
    }
    return false;
}

// Every origin gets the same answer, "*": the response does not depend on Origin at all.
bool wildcard_policy(const CorsPolicy& policy) {
    return !policy.supports_credentials && has_wildcard(policy.origins);
}

// The single Origin field of the request; two of them are ambiguous and match nothing
const std::string* request_origin(const http::Request& request) {
    return request.headers.count("Origin") == 1 ? request.headers.find("Origin") : nullptr;
}

// an exact or "re:" entry of the policy matches the origin ("*" aside)
bool entry_matches(std::string_view entry, std::string_view origin) {
    if (entry.starts_with("re:")) {
        const auto* re = cached_regex(entry.substr(3));
        return re != nullptr && std::regex_match(origin.begin(), origin.end(), *re);
    }
    return entry != "*" && http::iequals(entry, origin);
}

bool origin_matches(const CorsPolicy& policy, std::string_view origin) {
    if (!plausible_origin(origin)) {
        return false;
    }
    for (const auto& entry : policy.origins) {
        if (entry == "*") {
            if (!policy.supports_credentials) {
                return true;
            }
            // reflecting "null" would hand credentialed answers to any sandboxed page
            if (policy.reflect_origin && origin != "null") {
                return true;
            }
        } else if (entry_matches(entry, origin)) {
            return true;
        }
    }
    return false;
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) {
            out += ", ";
        }
        out += item;
    }
    return out;
}

bool contains_ci(const std::vector<std::string>& list, std::string_view name) {
    for (const auto& item : list) {
        if (item == "*" || http::iequals(item, name)) {
            return true;
        }
    }
    return false;
}

// Adds `token` to Vary, merging with what the handler set (one field, no duplicate, "*" left alone)
void add_vary(http::Response& response, std::string_view token) {
    std::string merged;
    for (const auto& field : response.headers) {
        if (!http::iequals(field.name, "Vary")) {
            continue;
        }
        for (auto item : split_commas(field.value)) {
            if (item == "*" || http::iequals(item, token)) {
                return;
            }
        }
        if (!trim(field.value).empty()) {
            merged += merged.empty() ? "" : ", ";
            merged += trim(field.value);
        }
    }
    merged += merged.empty() ? "" : ", ";
    merged += token;
    response.headers.set("Vary", std::move(merged));
}

void validate_tokens(std::string_view name, const std::vector<std::string>& list, bool star_allowed) {
    for (const auto& item : list) {
        if (!(star_allowed && item == "*") && !is_token(item)) {
            throw bad_option(name, "\"" + item + "\" is not a valid name");
        }
    }
}

}  // namespace

void validate_cors_policy(const CorsPolicy& policy) {
    if (policy.origins.empty()) {
        throw bad_option("origins", "empty list (no origin could ever match; leave FSA_CORS off instead)");
    }
    for (const auto& origin : policy.origins) {
        if (origin == "*" || origin == "null") {
            continue;
        }
        if (origin.starts_with("re:")) {
            try {
                compile(std::string_view(origin).substr(3));
            } catch (const std::regex_error& e) {
                throw bad_option("origins", "bad regular expression \"" + origin + "\": " + e.what());
            }
            continue;
        }
        // browsers send "https://a.example": a trailing '/' or a path would silently match nothing
        if (!plausible_origin(origin)) {
            throw bad_option("origins",
                             "\"" + origin + "\" is not an origin (scheme://host[:port], \"*\" or \"re:REGEX\")");
        }
    }
    if (policy.supports_credentials && has_wildcard(policy.origins) && !policy.reflect_origin) {
        throw bad_option("supports_credentials",
                         "cannot be used with origins \"*\" (browsers refuse it); list the origins, or set "
                         "reflect_origin to answer with the request's origin");
    }
    for (const auto& method : policy.methods) {
        if (method == "*" || !is_token(method)) {
            throw bad_option("methods", "\"" + method + "\" is not a method name");
        }
    }
    validate_tokens("allow_headers", policy.allow_headers, true);
    validate_tokens("expose_headers", policy.expose_headers, true);
    if (policy.max_age && *policy.max_age < 0) {
        throw bad_option("max_age", "must not be negative");
    }
}

CorsPolicy parse_cors_options(const std::map<std::string, std::string, std::less<>>& options) {
    CorsPolicy policy;
    for (const auto& [name, value] : options) {
        if (name == "origins") {
            policy.origins = parse_list(name, value);
        } else if (name == "methods") {
            policy.methods.clear();
            // Flask-CORS upper-cases them; a browser's Access-Control-Request-Method is upper case
            for (auto& method : parse_list(name, value)) {
                policy.methods.push_back(upper(std::move(method)));
            }
        } else if (name == "allow_headers") {
            policy.allow_headers = parse_list(name, value);
        } else if (name == "expose_headers") {
            policy.expose_headers = parse_list(name, value);
        } else if (name == "supports_credentials") {
            policy.supports_credentials = parse_bool(name, value);
        } else if (name == "max_age") {
            policy.max_age = parse_seconds(name, value);
        } else if (name == "vary_header") {
            policy.vary_header = parse_bool(name, value);
        } else if (name == "reflect_origin") {
            policy.reflect_origin = parse_bool(name, value);
        } else {
            throw bad_option(name, "unknown option (expected " + std::string(kOptionNames) + ")");
        }
    }
    validate_cors_policy(policy);
    return policy;
}

bool is_preflight(const http::Request& request) {
    return request.method == "OPTIONS" && request.headers.contains("Origin") &&
           request.headers.contains("Access-Control-Request-Method");
}

http::Response cors_preflight(const CorsPolicy& policy, const http::Request& request, std::string_view allow) {
    http::Response response;
    response.status = 204;
    if (policy.vary_header) {
        // the answer depends on all three; preflights are rarely cached by proxies, but may be
        add_vary(response, "Origin");
        add_vary(response, "Access-Control-Request-Method");
        add_vary(response, "Access-Control-Request-Headers");
    }
    const auto* origin = request_origin(request);
    const auto* method = request.headers.find("Access-Control-Request-Method");
    if (origin == nullptr || method == nullptr || request.headers.count("Access-Control-Request-Method") != 1 ||
        !origin_matches(policy, *origin)) {
        return response;
    }

    std::vector<std::string> methods = policy.methods;
    if (methods.empty()) {
        for (auto item : split_commas(allow)) {
            if (!item.empty()) {
                methods.emplace_back(item);
            }
        }
    }
    // methods are case-sensitive (RFC 9110 §9.1); browsers upper-case the standard ones themselves
    bool method_allowed = false;
    for (const auto& m : methods) {
        method_allowed = method_allowed || m == trim(*method);
    }
    if (!method_allowed) {
        return response;
    }

    // the requested headers may come in several fields; all of them must be allowed
    std::vector<std::string> requested;
    for (const auto& field : request.headers) {
        if (!http::iequals(field.name, "Access-Control-Request-Headers")) {
            continue;
        }
        for (auto name : split_commas(field.value)) {
            if (name.empty()) {
                continue;
            }
            if (!is_token(name) || !contains_ci(policy.allow_headers, name)) {
                return response;
            }
            requested.emplace_back(name);
        }
    }

    response.headers.set("Access-Control-Allow-Origin", wildcard_policy(policy) ? "*" : *origin);
    if (policy.supports_credentials) {
        response.headers.set("Access-Control-Allow-Credentials", "true");
    }
    response.headers.set("Access-Control-Allow-Methods", join(methods));
    if (!requested.empty()) {
        // echoing exactly what was asked (all of it allowed) rather than the configuration: "*" is
        // taken literally by browsers on credentialed requests
        response.headers.set("Access-Control-Allow-Headers", join(requested));
    }
    if (policy.max_age) {
        response.headers.set("Access-Control-Max-Age", std::to_string(*policy.max_age));
    }
    return response;
}

void cors_decorate(const CorsPolicy& policy, const http::Request& request, http::Response& response) {
    const auto* origin = request_origin(request);
    const bool wildcard = wildcard_policy(policy);
    if (policy.vary_header) {
        // with or without a match, and even for "*" (a request without Origin gets no CORS header): a
        // cache must not serve this answer to a request with another, or no, Origin
        add_vary(response, "Origin");
    }
    if (origin == nullptr || !origin_matches(policy, *origin)) {
        return;
    }
    response.headers.set("Access-Control-Allow-Origin", wildcard ? "*" : *origin);
    if (policy.supports_credentials) {
        response.headers.set("Access-Control-Allow-Credentials", "true");
    }
    if (!policy.expose_headers.empty()) {
        response.headers.set("Access-Control-Expose-Headers", join(policy.expose_headers));
    }
}

bool cors_origin_listed(const CorsPolicy& policy, std::string_view origin) {
    return plausible_origin(origin) && std::any_of(policy.origins.begin(), policy.origins.end(), [&](const auto& e) {
               return entry_matches(e, origin);
           });
}

}  // namespace simpleauth::detail
