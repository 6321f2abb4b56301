#pragma once
// Upstream's test/SubApp.py: the blueprint "subapp", a route group here, registered by T under /b1 and
// by F under /b. Its routes use the hosting application's authentication configuration.

#include <string>

#include <simpleauth/simpleauth.hpp>

namespace conformance {

// `something` is the hosting app's shared value (upstream's Shared.something: "App", "AppFact").
void register_subapp(simpleauth::App& app, const std::string& prefix, std::string something);

}  // namespace conformance
