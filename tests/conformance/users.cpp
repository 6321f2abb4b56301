#include "users.hpp"

#include <charconv>

namespace sa = simpleauth;

namespace conformance {

Users& users() {
    static Users u;
    return u;
}

void init_users(sa::App& app, std::atomic<long>* calls) {
    Users& u = users();
    {
        std::lock_guard lock(u.mutex);
        u.clear = {{"calvin", "hobbes"}, {"hobbes", "susie"}, {"dad", "mum"}};
        for (const auto& [login, pass] : u.clear) {
            u.hashes[login] = app.hash_password(pass, false);
        }
        u.groups = {{ADMIN, {"dad"}}, {WRITE, {"calvin", "dad"}}, {READ, {"calvin", "hobbes"}}};
    }
    app.get_user_pass([calls](std::string_view login) -> std::optional<std::string> {
        if (calls != nullptr) {
            ++*calls;
        }
        Users& us = users();
        std::lock_guard lock(us.mutex);
        auto it = us.hashes.find(login);
        return it == us.hashes.end() ? std::nullopt : std::optional<std::string>(it->second);
    });
    // groups are integers upstream: a route's group name is read back as one; an unknown group is false
    app.user_in_group([calls](std::string_view login, std::string_view group) {
        if (calls != nullptr) {
            ++*calls;
        }
        int g = 0;
        auto [end, ec] = std::from_chars(group.data(), group.data() + group.size(), g);
        if (ec != std::errc() || end != group.data() + group.size()) {
            return false;
        }
        Users& us = users();
        std::lock_guard lock(us.mutex);
        auto it = us.groups.find(g);
        return it != us.groups.end() && it->second.contains(login);
    });
}

sa::Reply text(std::string body, int status) {
    return sa::Reply(std::move(body), status, "text/html; charset=utf-8");
}

}  // namespace conformance
