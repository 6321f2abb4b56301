// Fuzz target: the framing checks of the engine adapter (src/server/smuggling.hpp, head_layout.hpp).
// They are pure functions of the parsed request head, so they are fuzzed directly (no live MHD):
//   - the input is a raw request head; it is split the lenient way the engine does (bare LF accepted,
//     first ':' splits a field, values trimmed as request_builder.cpp does), then check_framing,
//     valid_request_line and parse_content_length are compared with an independent reference of the
//     rules in src/server/README.md;
//   - has_canonical_layout gets the head laid out in a buffer as libmicrohttpd 0.9.75 leaves it (CR, LF,
//     the separating spaces and each field's colon turned into NULs): a head written canonically (CRLF
//     only, single spaces, one line per field, no NUL) must pass, and a second call with field pointers
//     moved by fuzz-chosen offsets inside the connection's memory must not read outside it.
#include <charconv>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"
#include "server/head_layout.hpp"
#include "server/smuggling.hpp"
#include "simpleauth/http/headers.hpp"
#include "simpleauth/http/request.hpp"

namespace sv = simpleauth::server;
namespace http = simpleauth::http;

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool ieq(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

bool tchar(unsigned char c) {
    return std::isalnum(c) || std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

bool token(std::string_view s) {
    if (s.empty()) return false;
    for (unsigned char c : s) {
        if (c == 0 || !tchar(c)) return false;
    }
    return true;
}

std::optional<std::uint64_t> reference_content_length(std::string_view v) {
    if (v.empty() || v.size() > 19) return std::nullopt;
    std::uint64_t out = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (ec != std::errc() || end != v.data() + v.size() || v.front() < '0' || v.front() > '9') return std::nullopt;
    return out;
}

struct Expected {
    bool ok = false;
    bool chunked = false;
    std::optional<std::uint64_t> length;
};

// The rules of src/server/README.md, written independently of smuggling.cpp.
Expected reference_framing(std::string_view version, const http::Headers& headers) {
    std::vector<std::string_view> cl, te;
    for (const auto& f : headers) {
        if (!token(f.name)) return {};
        for (unsigned char c : f.value) {
            if ((c < 0x20 && c != '\t') || c == 0x7f) return {};
        }
        if (ieq(f.name, "content-length")) cl.push_back(f.value);
        if (ieq(f.name, "transfer-encoding")) te.push_back(f.value);
    }
    Expected e;
    if ((!cl.empty() && !te.empty()) || cl.size() > 1 || te.size() > 1) return {};
    if (te.size() == 1) {
        if (version != "HTTP/1.1" || !ieq(trim(te[0]), "chunked")) return {};
        e.chunked = true;
    }
    if (cl.size() == 1) {
        e.length = reference_content_length(cl[0]);
        if (!e.length) return {};
    }
    e.ok = true;
    return e;
}

bool reference_request_line(const http::Request& r) {
    if (!token(r.method) || r.path.empty()) return false;
    for (const std::string* part : {&r.path, &r.query}) {
        for (unsigned char c : *part) {
            if (c <= 0x20 || c >= 0x7f) return false;
        }
    }
    return true;
}

std::vector<std::string_view> lines_of(std::string_view head) {
    std::vector<std::string_view> lines;
    while (!head.empty()) {
        auto lf = head.find('\n');
        std::string_view line = head.substr(0, lf);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        head = lf == std::string_view::npos ? std::string_view() : head.substr(lf + 1);
    }
    return lines;
}

void check_checks(std::string_view input) {
    auto end = input.find("\r\n\r\n");
    std::string_view head = end == std::string_view::npos ? input : input.substr(0, end);
    auto lines = lines_of(head);
    if (lines.empty()) return;

    http::Request r;
    std::string_view rl = lines[0];
    auto sp1 = rl.find(' '), sp2 = rl.rfind(' ');
    r.method = std::string(rl.substr(0, sp1));
    if (sp1 != std::string_view::npos && sp2 > sp1) {
        std::string_view target = rl.substr(sp1 + 1, sp2 - sp1 - 1);
        auto q = target.find('?');
        r.path = std::string(target.substr(0, q));
        r.query = q == std::string_view::npos ? "" : std::string(target.substr(q + 1));
        r.version = std::string(rl.substr(sp2 + 1));
    }
    for (std::size_t i = 1; i < lines.size(); ++i) {
        auto colon = lines[i].find(':');
        if (colon == std::string_view::npos) continue;
        r.headers.add(std::string(lines[i].substr(0, colon)), std::string(trim(lines[i].substr(colon + 1))));
    }

    FUZZ_CHECK(sv::valid_request_line(r) == reference_request_line(r));

    auto got = sv::check_framing(r.version, r.headers);
    auto want = reference_framing(r.version, r.headers);
    FUZZ_CHECK(got.framing.has_value() == want.ok);
    if (got.framing) {
        FUZZ_CHECK(got.framing->chunked == want.chunked);
        FUZZ_CHECK(got.framing->content_length == want.length);
        FUZZ_CHECK(!(got.framing->chunked && got.framing->content_length));
    } else {
        FUZZ_CHECK(got.error.reason.rfind("bad request: ", 0) == 0);
    }
    for (const auto& f : r.headers) {
        FUZZ_CHECK(sv::parse_content_length(f.value) == reference_content_length(f.value));
    }
    FUZZ_CHECK(sv::parse_content_length(input) == reference_content_length(input));
}

// ---- has_canonical_layout ----

// Whether a head (without its final empty line) is written canonically: CRLF line ends only, no NUL,
// "METHOD SP target SP version" with single spaces, then "name:OWS value" lines with no folding.
bool canonical_text(std::string_view head) {
    if (head.find('\0') != std::string_view::npos) return false;
    std::vector<std::string_view> lines;
    std::size_t from = 0;
    while (true) {
        auto crlf = head.find("\r\n", from);
        lines.push_back(head.substr(from, crlf == std::string_view::npos ? std::string_view::npos : crlf - from));
        if (crlf == std::string_view::npos) break;
        from = crlf + 2;
    }
    for (auto line : lines) {
        if (line.find_first_of("\r\n") != std::string_view::npos) return false;
    }
    std::string_view rl = lines[0];
    auto sp1 = rl.find(' ');
    auto sp2 = sp1 == std::string_view::npos ? sp1 : rl.find(' ', sp1 + 1);
    if (sp1 == 0 || sp2 == std::string_view::npos || sp2 == sp1 + 1 || sp2 + 1 >= rl.size() ||
        rl.find(' ', sp2 + 1) != std::string_view::npos) {
        return false;
    }
    for (std::size_t i = 1; i < lines.size(); ++i) {
        auto colon = lines[i].find(':');
        if (colon == 0 || colon == std::string_view::npos || lines[i][0] == ' ' || lines[i][0] == '\t') return false;
    }
    return true;
}

// Lays out `head` + CRLF CRLF in `arena` as MHD 0.9.75 parses it in place, and fills `raw`.
void mhd_layout(std::string_view head, std::vector<char>& arena, sv::RawHead& raw) {
    std::memcpy(arena.data(), head.data(), head.size());
    std::memcpy(arena.data() + head.size(), "\r\n\r\n", 4);
    char* b = arena.data();
    raw.begin = b;
    raw.size = head.size() + 4;
    auto eol = head.find("\r\n");
    std::string_view rl = head.substr(0, eol);
    auto sp1 = rl.find(' '), sp2 = rl.find(' ', sp1 + 1);
    raw.method = {b, sp1};
    raw.target = b + sp1 + 1;
    raw.target_size = sp2 - sp1 - 1;
    raw.version = {b + sp2 + 1, rl.size() - sp2 - 1};
    std::size_t pos = rl.size();
    while (pos < head.size()) {  // at a CRLF
        std::size_t start = pos + 2;
        auto next = head.find("\r\n", start);
        std::size_t stop = next == std::string_view::npos ? head.size() : next;
        std::string_view line = head.substr(start, stop - start);
        auto colon = line.find(':');
        std::size_t v = colon + 1;
        while (v < line.size() && (line[v] == ' ' || line[v] == '\t')) ++v;
        raw.fields.push_back({b + start, colon, v < line.size() ? b + start + v : b + stop, line.size() - v});
        b[start + colon] = '\0';
        pos = stop;
    }
    for (std::size_t i = 0; i < raw.size; ++i) {
        if (b[i] == '\r' || b[i] == '\n') b[i] = '\0';
    }
    b[sp1] = '\0';
    b[sp2] = '\0';
}

void check_layout(std::string_view input) {
    if (input.size() < 2) return;
    // the last two bytes move pointers, the rest is the head
    unsigned char shift_field = static_cast<unsigned char>(input[input.size() - 2]);
    unsigned char shift_by = static_cast<unsigned char>(input[input.size() - 1]);
    std::string_view head = input.substr(0, input.size() - 2);
    if (head.size() >= 2 && head.substr(head.size() - 2) == "\r\n") {
        head.remove_suffix(2);  // the seeds end each line, the last one included, with CRLF
    }
    if (head.empty() || !canonical_text(head)) {
        return;
    }
    // the connection's memory: the head, then bytes the engine may have written elsewhere
    std::vector<char> arena(head.size() + 4 + 64, 'x');
    sv::RawHead raw;
    mhd_layout(head, arena, raw);
    FUZZ_CHECK(sv::has_canonical_layout(raw));

    // Move one pointer elsewhere inside the arena, as folding would: the check must not crash,
    // and must refuse when a non-empty value starts before its colon or past the head.
    if (!raw.fields.empty()) {
        auto& f = raw.fields[shift_field % raw.fields.size()];
        std::size_t arena_end = arena.size();
        const char* base = arena.data();
        std::size_t off = static_cast<std::size_t>(shift_by) % arena_end;
        if (shift_field & 0x80) {
            f.name = base + off;
            f.name_size = std::min<std::size_t>(f.name_size, arena_end - off - 1);
        } else {
            f.value = base + off;
            f.value_size = std::min<std::size_t>(f.value_size, arena_end - off);
        }
        bool ok = sv::has_canonical_layout(raw);
        if (ok && f.value_size > 0) {
            FUZZ_CHECK(f.value >= raw.begin && f.value + f.value_size <= raw.begin + raw.size);
        }
        if (ok) {
            FUZZ_CHECK(f.name >= raw.begin && f.name + f.name_size < raw.begin + raw.size);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    check_checks(input);
    check_layout(input);
    return 0;
}
