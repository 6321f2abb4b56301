#pragma once
// Route groups, like upstream's blueprints: routes under a prefix, with a default authentication and
// realm, and hooks of their own.
//   auto api = app.group("/api", {.authn = {"token"}});
//   api.get<"/store">(sa::authz<"employee">, handler);       // GET /api/store

#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "simpleauth/app.hpp"

namespace simpleauth {

class RouteGroup {
public:
    RouteGroup(App& app, std::string prefix, RouteDefaults defaults)
        : app_(app), prefix_(std::move(prefix)), defaults_(std::move(defaults)) {}

    template <detail::FixedString Path, class Authz, class... Rest>
    void get(const Authz& authz, Rest&&... rest) {
        app_.route_in<Path>(prefix_, defaults_, "GET", authz, std::forward<Rest>(rest)...);
    }
    template <detail::FixedString Path, class Authz, class... Rest>
    void post(const Authz& authz, Rest&&... rest) {
        app_.route_in<Path>(prefix_, defaults_, "POST", authz, std::forward<Rest>(rest)...);
    }
    template <detail::FixedString Path, class Authz, class... Rest>
    void put(const Authz& authz, Rest&&... rest) {
        app_.route_in<Path>(prefix_, defaults_, "PUT", authz, std::forward<Rest>(rest)...);
    }
    template <detail::FixedString Path, class Authz, class... Rest>
    void patch(const Authz& authz, Rest&&... rest) {
        app_.route_in<Path>(prefix_, defaults_, "PATCH", authz, std::forward<Rest>(rest)...);
    }
    template <detail::FixedString Path, class Authz, class... Rest>
    void delete_(const Authz& authz, Rest&&... rest) {
        app_.route_in<Path>(prefix_, defaults_, "DELETE", authz, std::forward<Rest>(rest)...);
    }

    // run for this group's routes only, after routing (a response ends the request there)
    void before_request(std::function<std::optional<http::Response>(Context&)> hook);
    // run on this group's responses, before the application's after-request hooks
    void after_request(std::function<void(const http::Request&, http::Response&)> hook);
    const std::string& prefix() const noexcept { return prefix_; }

private:
    App& app_;
    std::string prefix_;
    RouteDefaults defaults_;
};

}  // namespace simpleauth
