#pragma once
// Hands an engine-independent response to libmicrohttpd.

#include <string_view>

#include <microhttpd.h>

#include "simpleauth/http/response.hpp"

namespace simpleauth::server {

// Queues `response`; `close` (or response.close) adds "Connection: close", which makes MHD close
// the connection once the response is sent. A header MHD refuses (CR/LF in it, a framing field)
// turns the whole response into a 500: sending it without that header could change its meaning.
MHD_Result queue_response(MHD_Connection* connection, const http::Response& response, bool close);

// A short plain-text answer, used for the adapter's own errors (400, 413, 500).
MHD_Result queue_text(MHD_Connection* connection, int status, std::string_view text, bool close);

}  // namespace simpleauth::server
