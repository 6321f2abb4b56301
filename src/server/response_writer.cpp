#include "server/response_writer.hpp"

#include <memory>

namespace simpleauth::server {

namespace {

struct ResponseDeleter {
    void operator()(MHD_Response* r) const noexcept { MHD_destroy_response(r); }
};
using ResponsePtr = std::unique_ptr<MHD_Response, ResponseDeleter>;

ResponsePtr make(std::string_view body) {
    // MUST_COPY: the body lives in our Response, which is gone before MHD sends it
    return ResponsePtr(
        MHD_create_response_from_buffer(body.size(), const_cast<char*>(body.data()), MHD_RESPMEM_MUST_COPY));
}

// The engine writes these itself from the body and the keep-alive decision; a handler's own copy
// would contradict it.
bool engine_owned(std::string_view name) {
    return http::iequals(name, "Content-Length") || http::iequals(name, "Transfer-Encoding") ||
           http::iequals(name, "Connection");
}

MHD_Result send(MHD_Connection* connection, int status, MHD_Response* response, bool close) {
    if (close && MHD_add_response_header(response, MHD_HTTP_HEADER_CONNECTION, "close") != MHD_YES) {
        return MHD_NO;
    }
    return MHD_queue_response(connection, static_cast<unsigned>(status), response);
}

}  // namespace

MHD_Result queue_text(MHD_Connection* connection, int status, std::string_view text, bool close) {
    auto response = make(text);
    if (!response ||
        MHD_add_response_header(response.get(), MHD_HTTP_HEADER_CONTENT_TYPE, "text/plain; charset=utf-8") != MHD_YES) {
        return MHD_NO;
    }
    return send(connection, status, response.get(), close);
}

MHD_Result queue_response(MHD_Connection* connection, const http::Response& response, bool close) {
    if (response.status < 100 || response.status > 999) {
        return queue_text(connection, 500, "internal error", close);
    }
    auto mhd = make(response.body);
    if (!mhd) {
        return MHD_NO;
    }
    bool must_close = close || response.close;
    for (const auto& field : response.headers) {
        if (engine_owned(field.name)) {
            if (http::iequals(field.name, "Connection") && http::iequals(field.value, "close")) {
                must_close = true;
            }
            continue;
        }
        // a NUL would silently truncate the field through c_str()
        if (field.name.find('\0') != std::string::npos || field.value.find('\0') != std::string::npos ||
            MHD_add_response_header(mhd.get(), field.name.c_str(), field.value.c_str()) != MHD_YES) {
            return queue_text(connection, 500, "internal error", close);
        }
    }
    return send(connection, response.status, mhd.get(), must_close);
}

}  // namespace simpleauth::server
