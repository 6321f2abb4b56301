#include "server/dispatch.hpp"

namespace simpleauth::server {

namespace {

// the answer when the pool cannot take the request: the service renders it like its other errors
http::Response busy(const DaemonContext& ctx, http::Request& request) {
    if (ctx.service.busy) {
        http::Response response = answer(ctx.service.busy, request);
        if (response.status == 503) {
            return response;
        }
    }
    http::Response response = http::Response::text(503, "server busy, retry later");
    response.headers.add("Retry-After", "1");
    return response;
}

}  // namespace

http::Response answer(const Handler& handler, http::Request& request) {
    try {
        return handler(request);
    } catch (...) {
        return http::Response::text(500, "internal error");
    }
}

bool runs_on_pool(const DaemonContext& ctx, const http::Request& request) {
    if (!ctx.pool || !ctx.service.blocking) {
        return false;
    }
    try {
        return ctx.service.blocking(request);
    } catch (...) {
        return false;  // the handler, inline, reports whatever is wrong with the request
    }
}

MHD_Result dispatch(DaemonContext& ctx, MHD_Connection* connection, RequestState& state) {
    state.dispatched = true;
    // suspended before the task is queued: a worker may finish and resume it before submit() returns
    MHD_suspend_connection(connection);
    // the connection and its state stay valid while suspended: MHD neither times out nor closes a
    // suspended connection, and "completed" (which frees the state) only comes after the resume
    WorkerPool::Task task = [&ctx, connection, &state](WorkerPool::Mode mode) {
        try {
            state.response =
                mode == WorkerPool::Mode::run ? answer(ctx.service.handler, state.request) : busy(ctx, state.request);
        } catch (...) {
            state.response.reset();  // out of memory: the resumed access handler closes the connection
        }
        MHD_resume_connection(connection);  // nothing of the state may be touched after this
    };
    if (!ctx.pool->submit(task)) {
        state.response = busy(ctx, state.request);
        MHD_resume_connection(connection);
    }
    return MHD_YES;
}

}  // namespace simpleauth::server
