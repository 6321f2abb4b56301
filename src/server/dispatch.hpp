#pragma once
// Running the service's handler: inline on the I/O thread, or on the worker pool with the connection
// suspended meanwhile (MHD_ALLOW_SUSPEND_RESUME).

#include <microhttpd.h>

#include "server/daemon_context.hpp"
#include "server/request_state.hpp"

namespace simpleauth::server {

// The handler's answer; whatever escapes the application becomes a generic 500, never its text.
http::Response answer(const Handler& handler, http::Request& request);

// True when the request goes to the pool: there is one and the service says the request blocks.
bool runs_on_pool(const DaemonContext& ctx, const http::Request& request);

// Suspends the connection and queues the request on the pool; the worker stores the response in
// `state` and resumes the connection, whose next access-handler call queues it. A full queue gets
// the service's 503 the same way, without waiting. Returns what the access handler returns.
MHD_Result dispatch(DaemonContext& ctx, MHD_Connection* connection, RequestState& state);

}  // namespace simpleauth::server
