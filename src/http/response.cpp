#include "simpleauth/http/response.hpp"

namespace simpleauth::http {

Response Response::text(int status, std::string body, std::string content_type) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    r.headers.add("Content-Type", std::move(content_type));
    return r;
}

}  // namespace simpleauth::http
