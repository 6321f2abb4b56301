// The only file that includes spdlog.

#include "core/log.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <memory>
#include <string>

namespace simpleauth::detail {

namespace {

std::shared_ptr<spdlog::logger> logger() {
    static std::shared_ptr<spdlog::logger> instance = [] {
        auto l = std::make_shared<spdlog::logger>("simpleauth", std::make_shared<spdlog::sinks::stderr_sink_mt>());
        l->set_pattern("%Y-%m-%dT%H:%M:%SZ %l %v", spdlog::pattern_time_type::utc);
        l->set_level(spdlog::level::info);
        l->flush_on(spdlog::level::debug);  // a crash must not eat the lines that explain it
        return l;
    }();
    return instance;
}

spdlog::level::level_enum to_spdlog(LogLevel level) {
    switch (level) {
        case LogLevel::debug:
            return spdlog::level::debug;
        case LogLevel::info:
            return spdlog::level::info;
        case LogLevel::warning:
            return spdlog::level::warn;
        default:
            return spdlog::level::err;
    }
}

std::string escaped(std::string_view message) {
    std::string line;
    line.reserve(message.size());
    for (char c : message) {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", u);
            line += buf;
        } else {
            line += c;
        }
    }
    return line;
}

}  // namespace

void log(LogLevel level, std::string_view message) {
    auto l = logger();
    if (l->should_log(to_spdlog(level))) {
        l->log(to_spdlog(level), "{}", escaped(message));
    }
}

void set_log_level(int python_level) {
    logger()->set_level(python_level <= 10   ? spdlog::level::debug
                        : python_level <= 20 ? spdlog::level::info
                        : python_level <= 30 ? spdlog::level::warn
                                             : spdlog::level::err);
}

bool log_enabled(LogLevel level) {
    return logger()->should_log(to_spdlog(level));
}

}  // namespace simpleauth::detail
