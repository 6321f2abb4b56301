#pragma once
// Dates and times in ISO 8601, as Python's fromisoformat reads them:
//   std::chrono::year_month_day                 2024-02-29, 20240229
//   std::chrono::hh_mm_ss<D>                    12, 12:30, 12:30:15, 12:30:15.250, 123015 (no offset)
//   std::chrono::sys_time<D> (system_clock)     a date, then 'T' or ' ' and a time, then an optional
//                                               offset (Z, +02, +02:00, -0530); without one it is UTC
// D is any std::chrono::duration; finer digits than D are truncated.

#include <chrono>
#include <optional>
#include <string_view>

#include "simpleauth/params/cast.hpp"

namespace simpleauth {

namespace detail {
struct IsoDate {
    int year = 1970;
    unsigned month = 1;
    unsigned day = 1;
};
struct IsoTime {
    long long nanoseconds = 0;                // since midnight
    std::optional<long long> offset_seconds;  // east of UTC, when given
};
struct IsoDateTime {
    IsoDate date;
    IsoTime time;
};
// each throws CastFailure on anything but the whole text in one of the forms above
IsoDate parse_iso_date(std::string_view text);
IsoTime parse_iso_time(std::string_view text);
IsoDateTime parse_iso_datetime(std::string_view text);
}  // namespace detail

template <>
struct cast<std::chrono::year_month_day> {
    static std::chrono::year_month_day from(const RawValue& value) {
        detail::IsoDate d = detail::parse_iso_date(detail::parse_string(value));
        return std::chrono::year_month_day{
            std::chrono::year{d.year}, std::chrono::month{d.month}, std::chrono::day{d.day}};
    }
};

template <class Rep, class Period>
struct cast<std::chrono::hh_mm_ss<std::chrono::duration<Rep, Period>>> {
    using Duration = std::chrono::duration<Rep, Period>;
    static std::chrono::hh_mm_ss<Duration> from(const RawValue& value) {
        detail::IsoTime t = detail::parse_iso_time(detail::parse_string(value));
        if (t.offset_seconds) {
            // a time of day has nowhere to keep it, and dropping it would change the meaning
            throw CastFailure("a time of day cannot have a UTC offset");
        }
        return std::chrono::hh_mm_ss<Duration>(
            std::chrono::duration_cast<Duration>(std::chrono::nanoseconds(t.nanoseconds)));
    }
};

template <class Duration>
struct cast<std::chrono::time_point<std::chrono::system_clock, Duration>> {
    static std::chrono::time_point<std::chrono::system_clock, Duration> from(const RawValue& value) {
        using namespace std::chrono;
        detail::IsoDateTime dt = detail::parse_iso_datetime(detail::parse_string(value));
        year_month_day ymd{year{dt.date.year}, month{dt.date.month}, day{dt.date.day}};
        // in seconds first: years 1-9999 fit, where nanoseconds since 1970 would overflow
        long long whole = sys_days(ymd).time_since_epoch().count() * 86400LL + dt.time.nanoseconds / 1'000'000'000 -
                          dt.time.offset_seconds.value_or(0);
        constexpr long long limit = duration_cast<seconds>(Duration::max()).count() - 1;
        if (whole > limit || whole < -limit) {
            throw CastFailure("datetime out of range for this clock");
        }
        // floor, not truncation: before 1970 a coarse clock rounds down
        return time_point<system_clock, Duration>(floor<Duration>(seconds(whole)) +
                                                  floor<Duration>(nanoseconds(dt.time.nanoseconds % 1'000'000'000)));
    }
};

}  // namespace simpleauth
