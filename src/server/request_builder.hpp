#pragma once
// Builds the engine-independent request view from a libmicrohttpd connection.

#include <sys/socket.h>

#include <string>
#include <string_view>

#include <microhttpd.h>

#include "server/head_layout.hpp"
#include "server/request_state.hpp"

namespace simpleauth::server {

// The client's address as text ("127.0.0.1", "::1"), without port; "" for other families.
std::string address_text(const sockaddr& address);

// Splits a raw request target into path and query, without decoding anything.
void split_target(std::string_view target, http::Request& request);

// Fills method, version, path, query, headers (in order, values without surrounding whitespace),
// remote_addr and secure (TLS); the body comes later. `url` (left undecoded by the identity
// unescaper) is the fallback when no raw URI was recorded. Returns the head as the engine holds it,
// for has_canonical_layout().
RawHead build_request_head(MHD_Connection* connection,
                           std::string_view url,
                           std::string_view method,
                           std::string_view version,
                           RequestState& state);

// Number of trailer fields the engine parsed after a chunked body.
unsigned trailer_count(MHD_Connection* connection);

}  // namespace simpleauth::server
