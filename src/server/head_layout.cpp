#include "server/head_layout.hpp"

namespace simpleauth::server {

namespace {

class Cursor {
public:
    Cursor(const char* begin, std::size_t size) : begin_(begin), end_(begin + size) {}

    bool inside(const char* p, std::size_t n = 0) const {
        return p >= begin_ && p <= end_ && static_cast<std::size_t>(end_ - p) >= n;
    }
    // exactly `n` NULs from p: what a CRLF (two) or the final empty line (four) became
    bool nuls_at(const char* p, std::size_t n) const {
        if (!inside(p, n)) {
            return false;
        }
        for (std::size_t i = 0; i < n; ++i) {
            if (p[i] != '\0') {
                return false;
            }
        }
        return true;
    }
    const char* end() const { return end_; }

private:
    const char* begin_;
    const char* end_;
};

bool is_ows(char c) {
    return c == ' ' || c == '\t';
}

}  // namespace

bool has_canonical_layout(const RawHead& head) {
    if (head.begin == nullptr || head.method.data() != head.begin) {
        return false;
    }
    Cursor buffer(head.begin, head.size);
    // "METHOD SP target SP version CRLF": single spaces, each turned into a NUL
    const char* target = head.method.data() + head.method.size() + 1;
    if (head.target != target || !buffer.inside(target, head.target_size)) {
        return false;
    }
    if (head.version.data() != target + head.target_size + 1 ||
        !buffer.inside(head.version.data(), head.version.size())) {
        return false;
    }
    const char* pos = head.version.data() + head.version.size();
    for (const auto& field : head.fields) {
        // the previous line ended with CRLF and nothing else: a bare LF leaves one NUL, a NUL
        // inside the previous value leaves the rest of that value here
        if (!buffer.nuls_at(pos, 2) || field.name != pos + 2 || !buffer.inside(field.name, field.name_size + 1)) {
            return false;
        }
        const char* after_colon = field.name + field.name_size;
        if (*after_colon != '\0') {
            return false;
        }
        ++after_colon;
        if (field.value_size == 0) {
            // an empty value may point anywhere; what follows the colon is optional whitespace
            pos = after_colon;
            while (pos < buffer.end() && is_ows(*pos)) {
                ++pos;
            }
            continue;
        }
        if (!buffer.inside(field.value, field.value_size) || field.value < after_colon) {
            return false;
        }
        for (const char* p = after_colon; p < field.value; ++p) {
            if (!is_ows(*p)) {
                return false;
            }
        }
        pos = field.value + field.value_size;
    }
    // the last line's CRLF, then the empty line's CRLF, and the head ends there
    return buffer.nuls_at(pos, 4) && pos + 4 == buffer.end();
}

}  // namespace simpleauth::server
