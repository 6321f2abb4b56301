// expect: simpleauth: two handler arguments have the same parameter name
#include <simpleauth/simpleauth.hpp>
namespace sa = simpleauth;
void declare(sa::App& app) {
    app.get<"/x">(sa::AUTH, [](sa::Param<"a", int> a, sa::Param<"a", int> b) { return std::to_string(*a + *b); });
}
