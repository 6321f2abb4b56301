// What the acme application does, and who may do it. Nothing here says how users are authenticated
// or how their permissions are checked: that is the configuration's and auth.cpp's business.

#include <simpleauth/json.hpp>
#include <simpleauth/simpleauth.hpp>

#include "model.hpp"

namespace sa = simpleauth;
using sa::Param;

namespace acme {

void declare_routes(sa::App& app) {
    // GET /hello: anybody
    app.get<"/hello">(sa::OPEN, []() -> std::string { return "hello"; });

    // GET /login: a JWT for a user authenticated with a password
    app.get<"/login">(sa::AUTH, sa::authn<"basic">, [&app](sa::CurrentUser user) {
        sa::Reply reply = sa::json(app.create_token(user.login()));
        reply.header("Cache-Control", "no-store");  // a response carrying a credential is never cached
        return reply;
    });

    // GET /store: the stores whose name matches pattern (SQL LIKE), for employees
    app.get<"/store">(sa::authz<"employee">, [](Param<"pattern", std::string, "%"> pattern) {
        sa::Json stores = sa::Json::array();
        for (const auto& s : model::stores(*pattern)) {
            stores.push_back({{"sid", s.sid}, {"name", s.name}});
        }
        return sa::json(stores);
    });

    // GET /store/<sid>/product: the stock of store sid, for its employees
    app.get<"/store/<sid>/product">(sa::object<"store", "sid", "employee">,
                                    [](Param<"sid", int> sid) { return sa::json(model::stock(*sid)); });

    // POST /store/<sid>/product: a manager of store sid adds a quantity of product
    app.post<"/store/<sid>/product">(
        sa::object<"store", "sid", "manager">,
        [](Param<"sid", int> sid, Param<"product", std::string> product, Param<"quantity", int> quantity) {
            if (product->empty()) {
                throw sa::ErrorResponse("product must not be empty", 400);
            }
            if (*quantity <= 0) {
                throw sa::ErrorResponse("quantity must be positive", 400);
            }
            long long total = model::add_product(*sid, *product, *quantity);
            return sa::json({{"product", *product}, {"quantity", total}}, 201);
        });
}

}  // namespace acme
