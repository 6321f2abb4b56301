#include "server/callbacks.hpp"

#include <cstring>
#include <exception>
#include <new>

#include "server/daemon_context.hpp"
#include "server/dispatch.hpp"
#include "server/head_layout.hpp"
#include "server/request_builder.hpp"
#include "server/response_writer.hpp"
#include "server/smuggling.hpp"

namespace simpleauth::server {

namespace {

DaemonContext& context(void* cls) {
    return *static_cast<DaemonContext*>(cls);
}

// Every refusal closes the connection: after a framing doubt nothing on it can be trusted, and after
// a 413 the unread body would otherwise be parsed as the next request.
MHD_Result refuse(MHD_Connection* connection, int status, std::string_view text) {
    return queue_text(connection, status, text, true);
}

MHD_Result on_head(DaemonContext& ctx,
                   MHD_Connection* connection,
                   const char* url,
                   const char* method,
                   const char* version,
                   RequestState& state) {
    state.head_seen = true;
    HeadDeadlines::head_received(connection);
    auto head = build_request_head(connection, url, method, version, state);
    if (!has_canonical_layout(head)) {
        return refuse(connection, 400, "bad request: malformed request head");
    }
    if (!valid_request_line(state.request)) {
        return refuse(connection, 400, "bad request: malformed request line");
    }
    auto checked = check_framing(state.request.version, state.request.headers);
    if (!checked.framing) {
        return refuse(connection, 400, checked.error.reason);
    }
    // decided from the announced length, before MHD reads (or sends 100 Continue for) the body
    if (checked.framing->content_length && *checked.framing->content_length > ctx.max_body_size) {
        return refuse(connection, 413, "payload too large");
    }
    return MHD_YES;
}

MHD_Result on_body(DaemonContext& ctx, const char* data, size_t* size, RequestState& state) {
    auto& body = state.request.body;
    if (*size > ctx.max_body_size - body.size()) {
        // only a chunked body gets here (a Content-Length was checked with the head). MHD 0.9.75
        // refuses a response queued in the middle of a body, so no 413 can be sent: closing now
        // beats reading an unbounded body to its end just to answer it
        return MHD_NO;
    }
    body.append(data, *size);
    *size = 0;
    return MHD_YES;
}

MHD_Result on_complete_request(DaemonContext& ctx, MHD_Connection* connection, RequestState& state) {
    if (state.dispatched) {
        // called again once the worker resumed the connection; no response means it ran out of memory
        return state.response ? queue_response(connection, *state.response, ctx.draining.load()) : MHD_NO;
    }
    if (trailer_count(connection) > 0) {
        // trailer fields must never stand in for headers (Authorization, framing); no client of
        // this server needs them, so a request carrying any is refused
        return refuse(connection, 400, "bad request: trailer fields are not accepted");
    }
    if (runs_on_pool(ctx, state.request)) {
        return dispatch(ctx, connection, state);
    }
    http::Response response = answer(ctx.service.handler, state.request);
    // read after the handler: a request that was running when shutdown began still tells its
    // keep-alive client to go away
    bool close = ctx.draining.load(std::memory_order_relaxed);
    return queue_response(connection, response, close);
}

}  // namespace

void* on_request_line(void* cls, const char* uri, MHD_Connection*) {
    auto* state = RequestState::acquire();
    if (state == nullptr) {
        return nullptr;  // on_access then closes the connection
    }
    try {
        state->raw_uri = uri != nullptr ? uri : "";
        state->raw_uri_in_buffer = uri;
    } catch (const std::bad_alloc&) {
        RequestState::release(state);
        return nullptr;
    }
    context(cls).in_flight.fetch_add(1);
    return state;
}

void on_completed(void* cls, MHD_Connection* connection, void** req_cls, MHD_RequestTerminationCode) {
    HeadDeadlines::request_done(connection);  // the next head on this connection is due
    auto* state = static_cast<RequestState*>(*req_cls);
    if (state == nullptr) {
        return;
    }
    *req_cls = nullptr;
    RequestState::release(state);
    context(cls).in_flight.fetch_sub(1);
}

MHD_Result on_access(void* cls,
                     MHD_Connection* connection,
                     const char* url,
                     const char* method,
                     const char* version,
                     const char* upload_data,
                     size_t* upload_data_size,
                     void** req_cls) {
    auto* state = static_cast<RequestState*>(*req_cls);
    if (state == nullptr) {
        return MHD_NO;  // out of memory at the request line: closing is all that is left
    }
    auto& ctx = context(cls);
    try {
        if (!state->head_seen) {
            return on_head(ctx, connection, url, method, version, *state);
        }
        if (*upload_data_size != 0) {
            return on_body(ctx, upload_data, upload_data_size, *state);
        }
        return on_complete_request(ctx, connection, *state);
    } catch (...) {
        // std::bad_alloc while copying the head or body: answer if MHD still lets us
        return queue_text(connection, 500, "internal error", true);
    }
}

size_t identity_unescape(void*, MHD_Connection*, char* s) {
    return std::strlen(s);
}

}  // namespace simpleauth::server
