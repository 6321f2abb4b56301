// ISO 8601 dates and times, the forms Python's fromisoformat accepts (week dates aside).

#include <chrono>
#include <string>

#include "simpleauth/params/chrono.hpp"

namespace simpleauth::detail {

namespace {

struct Cursor {
    std::string_view s;
    std::size_t i = 0;

    bool done() const { return i == s.size(); }
    bool peek(char c) const { return i < s.size() && s[i] == c; }
    bool digit_at(std::size_t k) const { return i + k < s.size() && s[i + k] >= '0' && s[i + k] <= '9'; }
    // exactly n digits
    int digits(std::size_t n, const char* what) {
        int v = 0;
        for (std::size_t k = 0; k < n; ++k) {
            if (!digit_at(0)) {
                throw CastFailure(std::string("invalid isoformat string: ") + what);
            }
            v = v * 10 + (s[i++] - '0');
        }
        return v;
    }
    bool eat(char c) {
        if (peek(c)) {
            ++i;
            return true;
        }
        return false;
    }
};

IsoDate read_date(Cursor& c) {
    IsoDate d;
    d.year = c.digits(4, "year");
    bool extended = c.eat('-');
    d.month = static_cast<unsigned>(c.digits(2, "month"));
    if (extended && !c.eat('-')) {
        throw CastFailure("invalid isoformat string: date");
    }
    d.day = static_cast<unsigned>(c.digits(2, "day"));
    using namespace std::chrono;
    if (d.year < 1 || !year_month_day{year{d.year}, month{d.month}, day{d.day}}.ok()) {
        throw CastFailure("day is out of range for month");
    }
    return d;
}

// HH[:MM[:SS[.f...]]] or HH[MM[SS[.f...]]]
long long read_clock(Cursor& c) {
    int h = c.digits(2, "hour");
    int m = 0;
    int s = 0;
    long long frac = 0;
    bool extended = c.peek(':');
    auto more = [&] { return extended ? c.eat(':') : c.digit_at(0); };
    if (more()) {
        m = c.digits(2, "minute");
        if (more()) {
            s = c.digits(2, "second");
            if (c.eat('.') || c.eat(',')) {
                std::size_t n = 0;
                while (c.digit_at(0)) {
                    if (n < 9) {
                        frac = frac * 10 + (c.s[c.i] - '0');
                    }
                    ++n;
                    ++c.i;
                }
                if (n == 0) {
                    throw CastFailure("invalid isoformat string: fraction");
                }
                for (; n < 9; ++n) {
                    frac *= 10;
                }
            }
        }
    }
    if (h > 23 || m > 59 || s > 59) {
        throw CastFailure("time value out of range");
    }
    return ((h * 60LL + m) * 60 + s) * 1'000'000'000LL + frac;
}

// Z, +HH, +HH:MM, +HHMM, +HH:MM:SS
std::optional<long long> read_offset(Cursor& c) {
    if (c.eat('Z') || c.eat('z')) {
        return 0;
    }
    if (!c.peek('+') && !c.peek('-')) {
        return std::nullopt;
    }
    bool negative = c.s[c.i++] == '-';
    long long nanos = read_clock(c);
    if (nanos % 1'000'000'000LL != 0) {
        throw CastFailure("invalid isoformat string: offset");
    }
    long long seconds = nanos / 1'000'000'000LL;
    return negative ? -seconds : seconds;
}

IsoTime read_time(Cursor& c) {
    IsoTime t;
    t.nanoseconds = read_clock(c);
    t.offset_seconds = read_offset(c);
    return t;
}

void expect_end(const Cursor& c) {
    if (!c.done()) {
        throw CastFailure("invalid isoformat string");
    }
}

}  // namespace

IsoDate parse_iso_date(std::string_view text) {
    Cursor c{text};
    IsoDate d = read_date(c);
    expect_end(c);
    return d;
}

IsoTime parse_iso_time(std::string_view text) {
    Cursor c{text};
    IsoTime t = read_time(c);
    expect_end(c);
    return t;
}

IsoDateTime parse_iso_datetime(std::string_view text) {
    Cursor c{text};
    IsoDateTime dt;
    dt.date = read_date(c);
    if (c.eat('T') || c.eat('t') || c.eat(' ')) {
        dt.time = read_time(c);
    }
    expect_end(c);
    return dt;
}

}  // namespace simpleauth::detail
