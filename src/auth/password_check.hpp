#pragma once
// Checking a login's password against the hash that the get_user_pass hook returns.

#include <string_view>

namespace simpleauth::detail {

struct AppState;

// true when the password is right. An unknown user costs one hash verification like a known one, and both
// failures look the same to the client. Exceptions of the hook (other than ErrorResponse) become a 500.
bool check_user_password(AppState& app, std::string_view login, std::string_view password);

}  // namespace simpleauth::detail
