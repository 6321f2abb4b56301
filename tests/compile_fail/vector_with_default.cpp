// expect: simpleauth: a std::vector parameter cannot have a default
#include <simpleauth/simpleauth.hpp>
namespace sa = simpleauth;
void declare(sa::App& app) {
    app.get<"/v">(sa::AUTH, [](sa::Param<"ids", std::vector<int>, "1"> ids) { return std::to_string(ids->size()); });
}
