#pragma once
// SimpleAuth: routes that declare who may call them and which typed parameters they take.
// This umbrella header is light: no engine, JSON or TOML headers (see json.hpp and server.hpp).

#include "simpleauth/app.hpp"
#include "simpleauth/authz.hpp"
#include "simpleauth/config/config.hpp"
#include "simpleauth/context.hpp"
#include "simpleauth/errors.hpp"
#include "simpleauth/params/param.hpp"
#include "simpleauth/reply.hpp"
#include "simpleauth/route_group.hpp"
#include "simpleauth/route_options.hpp"
