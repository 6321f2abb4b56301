// expect: simpleauth: a header or cookie name is an HTTP token
#include <simpleauth/simpleauth.hpp>
namespace sa = simpleauth;
void declare(sa::App& app) {
    app.get<"/h">(sa::AUTH, [](sa::Header<"User Agent"> ua) { return *ua; });
}
