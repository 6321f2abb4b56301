// expect: simpleauth: two handler arguments have the same parameter name
#include <simpleauth/simpleauth.hpp>
namespace sa = simpleauth;
void declare(sa::App& app) {
    // header names ignore case
    app.get<"/h">(sa::AUTH, [](sa::Header<"X-Trace"> a, sa::Header<"x-trace"> b) { return *a + *b; });
}
