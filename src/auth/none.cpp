// "none": never finds a user. Its presence in a route's schemes is what lets an OPEN route be open.

#include "auth/scheme.hpp"

namespace simpleauth::detail {

namespace {
class NoneScheme final : public Scheme {
public:
    std::string_view name() const noexcept override { return "none"; }
    std::optional<std::string> authenticate(Context& /*ctx*/, AppState& /*app*/) override { return std::nullopt; }
};
}  // namespace

std::unique_ptr<Scheme> make_none_scheme() {
    return std::make_unique<NoneScheme>();
}

}  // namespace simpleauth::detail
