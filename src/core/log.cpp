#include "core/log.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <string>

namespace simpleauth::detail {

void log(LogLevel level, std::string_view message) {
    static std::mutex mutex;
    static constexpr const char* names[] = {"DEBUG", "INFO", "WARNING", "ERROR"};
    std::string line;
    line.reserve(message.size() + 48);
    std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &utc);
    line += stamp;
    line += ' ';
    line += names[static_cast<int>(level)];
    line += ' ';
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
    line += '\n';
    std::lock_guard lock(mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace simpleauth::detail
