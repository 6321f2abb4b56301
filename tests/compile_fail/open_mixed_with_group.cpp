// expect: no match for .+operator&
#include <simpleauth/simpleauth.hpp>
namespace sa = simpleauth;
void declare(sa::App& app) {
    app.get<"/x">(sa::OPEN & sa::authz<"admin">, [] { return ""; });
}
