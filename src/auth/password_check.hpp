#pragma once
// Checking a login's password against the hash that the get_user_pass hook returns.

#include <functional>
#include <string_view>

namespace simpleauth {
class Context;
namespace detail {

struct AppState;

// true when the password is right. An unknown user costs one hash verification like a known one, and both
// failures look the same to the client. Exceptions of the hook (other than ErrorResponse) become a 500.
bool check_user_password(AppState& app, std::string_view login, std::string_view password);

// The same for a request's credentials, throttled (FSA_THROTTLE): 429 or 503 (ErrorResponse) before any
// verification while the login or the client address is over its limit; a failure is counted.
bool check_request_password(AppState& app, Context& ctx, std::string_view login, std::string_view password);

// FSA_THROTTLE around a password check made by a scheme itself (digest): `verify` returns whether the
// credentials are right; false counts as a failure of `login` from the request's address.
bool throttled_check(AppState& app, Context& ctx, std::string_view login, const std::function<bool()>& verify);

}  // namespace detail
}  // namespace simpleauth
