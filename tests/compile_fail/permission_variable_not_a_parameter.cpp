// expect: object_permission_variable_is_not_a_parameter<simpleauth::detail::FixedString<9>{"store_id"}>
#include <simpleauth/simpleauth.hpp>
namespace sa = simpleauth;
void declare(sa::App& app) {
    app.get<"/store/<sid>">(sa::object<"store", "store_id", "manager">,
                            [](sa::Param<"sid", int> sid) { return std::to_string(*sid); });
}
