#pragma once
// Logging through spdlog to stderr, one line per event, UTC time, control characters escaped (no log
// injection). Callers never pass secrets: no Authorization values, tokens, passwords or query strings.

#include <string_view>

namespace simpleauth::detail {

enum class LogLevel { debug, info, warning, error };

void log(LogLevel level, std::string_view message);
// upstream's FSA_LOGGING_LEVEL: Python's numeric levels (10 debug, 20 info, 30 warning, 40 error)
void set_log_level(int python_level);
bool log_enabled(LogLevel level);

}  // namespace simpleauth::detail
