// expect: simpleauth: route has no authorization
#include <simpleauth/simpleauth.hpp>
namespace sa = simpleauth;
void declare(sa::App& app) {
    app.get<"/hello">([] { return "hello"; });
}
