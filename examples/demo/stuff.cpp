// Upstream stuff.py: /stuff stores strings, for any authenticated user.

#include "demo.hpp"

namespace demo {

using sa::Param;

void register_stuff(sa::App& app, Db& db) {
    // the client writes the LIKE wildcards; absent or empty: everything
    app.get<"/stuff">(sa::AUTH, [&db](Param<"pattern", std::optional<std::string>> pattern) {
        bool like = pattern->has_value() && !pattern->value().empty();
        return sa::json(to_json(like ? db.get_stuff_like(pattern->value()) : db.get_stuff_all()));
    });
    app.post<"/stuff">(sa::AUTH,
                       [&db](Param<"sname", std::string> sname) { return sa::json(db.add_stuff(*sname), 201); });
    app.get<"/stuff/<sid>">(sa::AUTH, [&db](Param<"sid", long long> sid) {
        auto stuff = db.get_stuff_sid(*sid);
        if (!stuff) {
            throw sa::ErrorResponse("no such sid: " + std::to_string(*sid), 404);
        }
        return sa::json(to_json(*stuff));
    });
    app.patch<"/stuff/<sid>">(sa::AUTH, [&db](Param<"sid", long long> sid, Param<"sname", std::string> sname) {
        if (db.upd_stuff_sid(*sid, *sname) == 0) {
            throw sa::ErrorResponse("no such sid: " + std::to_string(*sid), 404);
        }
        return no_content();
    });
    // 204 whether or not the row existed, as upstream
    app.delete_<"/stuff/<sid>">(sa::AUTH, [&db](Param<"sid", long long> sid) {
        db.del_stuff_sid(*sid);
        return no_content();
    });
}

}  // namespace demo
