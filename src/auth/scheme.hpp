#pragma once
// An authentication scheme: finds the user of a request, or says it found none (nullopt), or fails with an
// ErrorResponse (the last failure is what the client sees when every scheme of the route fails).

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
    // every challenge of this scheme (digest offers one per algorithm)
    virtual std::vector<std::string> all_challenges(const Context& ctx, const AppState& app) const {
        auto c = challenge(ctx, app);
        return c ? std::vector<std::string>{std::move(*c)} : std::vector<std::string>{};
    }
};

// the built-in schemes by name (none, httpd, basic, param, token, oauth, fake, digest and upstream's
// http-basic, http-token, http-digest); nullptr for an unknown name
std::unique_ptr<Scheme> make_builtin_scheme(std::string_view name);
std::unique_ptr<Scheme> make_custom_scheme(std::string name, std::function<std::optional<std::string>(Context&)> hook);

bool is_loopback(std::string_view address) noexcept;

// the realm of a route for tokens and challenges: the route's own, else FSA_REALM
std::string route_realm(const Context& ctx, const AppState& app);
// RFC 9110 quoted-string
std::string quoted(std::string_view text);

}  // namespace detail
}  // namespace simpleauth
