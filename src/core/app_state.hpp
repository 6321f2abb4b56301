#pragma once
// Everything an App holds; shared by the pipeline, the schemes and the checks.

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "auth/scheme.hpp"
#include "core/router.hpp"
#include "core/settings.hpp"
#include "simpleauth/app.hpp"

namespace simpleauth::detail {

// What check() resolves for each route.
struct ResolvedRoute {
    std::vector<Scheme*> schemes;  // tried in order
};

struct AppState {
    std::string name;
    Config config;
    std::vector<RouteSpec> routes;
    std::vector<ResolvedRoute> resolved;  // parallel to routes
    Router router;

    std::function<std::optional<std::string>(std::string_view)> get_user_pass;
    std::map<std::string, std::function<bool(std::string_view)>, std::less<>> group_checks;
    std::function<bool(std::string_view, std::string_view)> user_in_group;
    std::map<std::string, ObjectPermHook, std::less<>> object_perms;

    std::once_flag checked;
    Settings settings;
    std::map<std::string, std::unique_ptr<Scheme>, std::less<>> schemes;
    std::string dummy_hash;  // verified for unknown users, so that they cost what known ones do
};

}  // namespace simpleauth::detail
