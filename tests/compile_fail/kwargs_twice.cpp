// expect: simpleauth: a handler takes at most one Kwargs
#include <simpleauth/simpleauth.hpp>
namespace sa = simpleauth;
void declare(sa::App& app) {
    app.get<"/k">(sa::AUTH, [](sa::Kwargs a, sa::Kwargs b) { return std::to_string(a.size() + b.size()); });
}
