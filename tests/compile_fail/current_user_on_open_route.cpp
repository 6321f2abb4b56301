// expect: simpleauth: an OPEN route cannot take a CurrentUser
#include <simpleauth/simpleauth.hpp>
namespace sa = simpleauth;
void declare(sa::App& app) {
    app.get<"/who">(sa::OPEN, [](sa::CurrentUser user) { return user.login(); });
}
