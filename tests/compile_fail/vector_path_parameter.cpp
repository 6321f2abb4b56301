// expect: simpleauth: a path parameter cannot be a std::vector
#include <simpleauth/simpleauth.hpp>
namespace sa = simpleauth;
void declare(sa::App& app) {
    app.get<"/v/<ids>">(sa::AUTH, [](sa::Param<"ids", std::vector<int>> ids) { return std::to_string(ids->size()); });
}
