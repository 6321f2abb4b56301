#pragma once
// An authentication scheme: finds the user of a request, or says it found none (nullopt), or fails with an
// ErrorResponse (the last failure is what the client sees when every scheme of the route fails).

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace simpleauth {
class Context;
namespace detail {

struct AppState;

class Scheme {
public:
    virtual ~Scheme() = default;
    virtual std::string_view name() const noexcept = 0;
    virtual std::optional<std::string> authenticate(Context& ctx, AppState& app) = 0;
    // the WWW-Authenticate challenge of this scheme on a 401, nullopt for none
    virtual std::optional<std::string> challenge(const Context& /*ctx*/, const AppState& /*app*/) const { return {}; }
};

// the built-in schemes by name: none, basic, token; nullptr for an unknown name
std::unique_ptr<Scheme> make_builtin_scheme(std::string_view name);

// the realm of a route for tokens and challenges: the route's own, else FSA_REALM
std::string route_realm(const Context& ctx, const AppState& app);
// RFC 9110 quoted-string
std::string quoted(std::string_view text);

}  // namespace detail
}  // namespace simpleauth
