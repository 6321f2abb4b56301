// Fuzz target: the parameter layer through the public in-process API (TestClient -> App::handle):
// router, percent-decoding of path and query, form, JSON (with its depth limit) and multipart bodies,
// cookies and headers, and the casts to every parameter type. Properties: no exception escapes, the
// status is never 5xx, and a text or JSON body is valid UTF-8.
//
// Input: METHOD 0xFF PATH 0xFF QUERY 0xFF CONTENT-TYPE 0xFF COOKIE 0xFF BODY (the body is the rest and
// may hold 0xFF bytes); missing fields are empty.
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include <simpleauth/simpleauth.hpp>
#include <simpleauth/test_client.hpp>

#include "fuzz_common.hpp"

namespace sa = simpleauth;

namespace fuzz {
void declare_routes(simpleauth::App& app);  // params_routes.cpp, compiled by g++ (see CMakeLists.txt)
}

namespace {

sa::App& app() {
    static sa::App* a = [] {
        auto* app = new sa::App("fuzz");
        app->config().from_string("FSA_AUTH = [\"none\"]\nFSA_REALM = \"fuzz\"\n");
        fuzz::declare_routes(*app);
        return app;
    }();
    return *a;
}

bool textual(std::string_view content_type) {
    return content_type.rfind("text/", 0) == 0 || content_type.find("json") != std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static sa::TestClient client(app());
    fuzz::Fields f(data, size);
    std::string method(f.next()), path(f.next()), query(f.next()), content_type(f.next()), cookie(f.next());
    std::string body(f.rest());
    if (method.empty()) method = "GET";
    std::string target = path + (query.empty() ? "" : "?" + query);
    std::vector<std::pair<std::string, std::string>> headers;
    if (!content_type.empty()) headers.emplace_back("Content-Type", content_type);
    if (!cookie.empty()) headers.emplace_back("Cookie", cookie);
    if (!body.empty()) headers.emplace_back("Content-Length", std::to_string(body.size()));

    auto r = client.request(method, target, headers, body);
    if (r.status >= 500 || r.status < 100) {
        std::fprintf(stderr, "status %d for %s %s\nbody: %s\n", r.status, method.c_str(), target.c_str(),
                     r.body.c_str());
        std::abort();
    }
    const std::string* ct = r.headers.find("Content-Type");
    if (ct && textual(*ct) && !fuzz::reference_utf8(r.body)) {
        std::fprintf(stderr, "invalid UTF-8 in a %s body (status %d) for %s %s\n", ct->c_str(), r.status,
                     method.c_str(), target.c_str());
        std::abort();
    }
    return 0;
}
