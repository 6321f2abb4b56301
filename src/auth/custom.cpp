// Custom schemes registered in code with app.authentication(name, hook): the hook returns the login,
// nullopt for "not mine", or throws an ErrorResponse (its status and headers are the client's answer).

#include "auth/scheme.hpp"
#include "core/app_state.hpp"

namespace simpleauth::detail {

namespace {

class CustomScheme final : public Scheme {
public:
    CustomScheme(std::string name, std::function<std::optional<std::string>(Context&)> hook)
        : name_(std::move(name)), hook_(std::move(hook)) {}
    std::string_view name() const noexcept override { return name_; }
    std::optional<std::string> authenticate(Context& ctx, AppState& /*app*/) override { return hook_(ctx); }

private:
    std::string name_;
    std::function<std::optional<std::string>(Context&)> hook_;
};

}  // namespace

std::unique_ptr<Scheme> make_custom_scheme(std::string name, std::function<std::optional<std::string>(Context&)> hook) {
    return std::make_unique<CustomScheme>(std::move(name), std::move(hook));
}

}  // namespace simpleauth::detail
