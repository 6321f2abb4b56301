// expect: simpleauth: no conversion for this parameter type
#include <simpleauth/simpleauth.hpp>
namespace sa = simpleauth;
struct Point {
    int x, y;
};
void declare(sa::App& app) {
    app.get<"/p">(sa::AUTH, [](sa::Param<"p", Point> p) { return std::to_string(p->x); });
}
