// expect: simpleauth: a header or cookie name is an HTTP token
#include <simpleauth/simpleauth.hpp>
namespace sa = simpleauth;
void declare(sa::App& app) {
    app.get<"/c">(sa::AUTH, [](sa::Cookie<"a=b"> c) { return *c; });
}
