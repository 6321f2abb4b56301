#pragma once
// The libmicrohttpd callbacks: request lifetime (URI log -> completed) and the access handler.

#include <microhttpd.h>

namespace simpleauth::server {

// cls: DaemonContext. Creates the per-request state, records the raw request target, counts the
// request as in flight.
void* on_request_line(void* cls, const char* uri, MHD_Connection* connection);

// cls: DaemonContext. Frees the per-request state and ends its in-flight count; MHD calls it for
// every request that got a request line, answered or not.
void on_completed(void* cls, MHD_Connection* connection, void** req_cls, MHD_RequestTerminationCode code);

// cls: DaemonContext. Called with the head, then with body pieces, then once more at the end.
MHD_Result on_access(void* cls,
                     MHD_Connection* connection,
                     const char* url,
                     const char* method,
                     const char* version,
                     const char* upload_data,
                     size_t* upload_data_size,
                     void** req_cls);

// Leaves URIs and query arguments as sent: the core decodes them itself, and must see "%2F" apart from "/".
size_t identity_unescape(void* cls, MHD_Connection* connection, char* s);

}  // namespace simpleauth::server
