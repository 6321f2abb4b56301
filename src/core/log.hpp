#pragma once
// Minimal logging to stderr, one line per event, control characters escaped (no log injection).
// Callers never pass secrets: no Authorization values, tokens, passwords or query strings.

#include <string_view>

namespace simpleauth::detail {

enum class LogLevel { debug, info, warning, error };

void log(LogLevel level, std::string_view message);

}  // namespace simpleauth::detail
