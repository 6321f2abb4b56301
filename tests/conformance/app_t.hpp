#pragma once
// Conformance app T: upstream's test/App.py ("Test"), route for route; routes split by theme.

#include <simpleauth/simpleauth.hpp>

namespace conformance {

// authentication, groups, user management, object permissions (app_t_auth.cpp)
void declare_auth_routes(simpleauth::App& app);
// typed parameters and Python values (app_t_params.cpp)
void declare_param_routes(simpleauth::App& app);

}  // namespace conformance
