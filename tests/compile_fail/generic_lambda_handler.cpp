// expect: simpleauth: the handler must be a function or a non-generic lambda
#include <simpleauth/simpleauth.hpp>
namespace sa = simpleauth;
void declare(sa::App& app) {
    app.get<"/x">(sa::AUTH, [](auto user) { return user; });
}
