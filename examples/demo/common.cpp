// Replies shared by the blueprints.

#include "demo.hpp"

namespace demo {

sa::Reply html(std::string body, int status) {
    return {std::move(body), status, "text/html; charset=utf-8"};
}

sa::Reply no_content() {
    return html("", 204);
}

sa::Json to_json(const Value& value) {
    return std::visit(
        [](const auto& v) -> sa::Json {
            if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>) {
                return nullptr;
            } else {
                return v;
            }
        },
        value);
}

sa::Json to_json(const Row& row) {
    sa::Json out = sa::Json::array();
    for (const auto& v : row) {
        out.push_back(to_json(v));
    }
    return out;
}

sa::Json to_json(const std::vector<Row>& rows) {
    sa::Json out = sa::Json::array();
    for (const auto& r : rows) {
        out.push_back(to_json(r));
    }
    return out;
}

sa::Reply delete_user(sa::App& app, Db& db, const std::string& name) {
    auto user = db.get_user_data(name);
    if (!user) {
        throw sa::ErrorResponse("no such login: " + name, 404);
    }
    db.del_user_login(name);
    app.auth_uncache(text(user->at(0)));
    app.auth_uncache(text(user->at(1)));
    return no_content();
}

}  // namespace demo
