// expect: simpleauth: malformed path
#include <simpleauth/simpleauth.hpp>
namespace sa = simpleauth;
void declare(sa::App& app) {
    app.get<"/store/<sid">(sa::AUTH, [](sa::Param<"sid", int> sid) { return std::to_string(*sid); });
}
