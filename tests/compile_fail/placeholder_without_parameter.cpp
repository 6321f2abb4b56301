// expect: path_placeholder_without_matching_parameter<simpleauth::detail::FixedString<4>{"sid"}>
#include <simpleauth/simpleauth.hpp>
namespace sa = simpleauth;
void declare(sa::App& app) {
    app.get<"/store/<sid>">(sa::AUTH, [](sa::Param<"store", int> store) { return std::to_string(*store); });
}
