// Helpers shared by the fuzz targets: a check that aborts (so libFuzzer records a crash), a reference
// UTF-8 validator, and a reader that splits one fuzz input into several fields.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#define FUZZ_CHECK(cond)                                                                              \
    do {                                                                                              \
        if (!(cond)) {                                                                                \
            std::fprintf(stderr, "FUZZ_CHECK failed: %s at %s:%d\n", #cond, __FILE__, __LINE__);     \
            std::abort();                                                                             \
        }                                                                                             \
    } while (0)

namespace fuzz {

// Unicode 15 Table 3-7 (well-formed UTF-8 byte sequences), written independently of the project's code.
inline bool reference_utf8(std::string_view s) {
    std::size_t i = 0;
    auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    auto in = [](unsigned char c, unsigned lo, unsigned hi) { return c >= lo && c <= hi; };
    while (i < s.size()) {
        unsigned char c = at(i);
        std::size_t left = s.size() - i;
        if (c <= 0x7F) {
            i += 1;
        } else if (in(c, 0xC2, 0xDF)) {
            if (left < 2 || !in(at(i + 1), 0x80, 0xBF)) return false;
            i += 2;
        } else if (in(c, 0xE0, 0xEF)) {
            if (left < 3) return false;
            unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
            if (!in(at(i + 1), lo, hi) || !in(at(i + 2), 0x80, 0xBF)) return false;
            i += 3;
        } else if (in(c, 0xF0, 0xF4)) {
            if (left < 4) return false;
            unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
            if (!in(at(i + 1), lo, hi) || !in(at(i + 2), 0x80, 0xBF) || !in(at(i + 3), 0x80, 0xBF)) return false;
            i += 4;
        } else {
            return false;
        }
    }
    return true;
}

// Splits an input into fields separated by a byte that seldom occurs in real data (0xFF by default), so
// that seeds stay readable: "GET\xff/path\xffa=1\xff..." .
class Fields {
public:
    Fields(const std::uint8_t* data, std::size_t size, char sep = '\xff')
        : rest_(reinterpret_cast<const char*>(data), size), sep_(sep) {}
    // the next field (empty when the input is exhausted)
    std::string_view next() {
        auto pos = rest_.find(sep_);
        std::string_view field = rest_.substr(0, pos);
        rest_ = pos == std::string_view::npos ? std::string_view() : rest_.substr(pos + 1);
        return field;
    }
    std::string_view rest() const { return rest_; }

private:
    std::string_view rest_;
    char sep_;
};

inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "fuzz: cannot read %s\n", path.c_str());
        std::abort();
    }
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace fuzz
