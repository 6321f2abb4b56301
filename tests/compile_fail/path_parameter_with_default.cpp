// expect: simpleauth: a path parameter cannot have a default
#include <simpleauth/simpleauth.hpp>
namespace sa = simpleauth;
void declare(sa::App& app) {
    app.get<"/store/<sid>">(sa::AUTH, [](sa::Param<"sid", int, 1> sid) { return std::to_string(*sid); });
}
