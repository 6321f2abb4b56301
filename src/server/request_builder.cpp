#include "server/request_builder.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <vector>

namespace simpleauth::server {

namespace {

// IPv4 written by hand: getnameinfo and inet_ntop format it through sprintf, which cost more than the
// rest of the head together (callgrind, bench/README.md); IPv6 is rare enough for inet_ntop.
std::string ipv4_text(const in_addr& address) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(&address.s_addr);  // network order
    char text[INET_ADDRSTRLEN];
    char* out = text;
    for (int i = 0; i < 4; ++i) {
        if (i != 0) {
            *out++ = '.';
        }
        unsigned b = bytes[i];
        if (b >= 100) {
            *out++ = static_cast<char>('0' + b / 100);
        }
        if (b >= 10) {
            *out++ = static_cast<char>('0' + b / 10 % 10);
        }
        *out++ = static_cast<char>('0' + b % 10);
    }
    return std::string(text, out);
}

struct Collector {
    http::Headers& headers;
    std::vector<RawField>& raw;
};

// RFC 9110 §5.5: surrounding whitespace is not part of a field value; MHD 0.9.75 keeps the trailing part
std::string_view trim_ows(std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    return s;
}

MHD_Result add_header(
    void* cls, MHD_ValueKind, const char* key, size_t key_size, const char* value, size_t value_size) {
    auto* out = static_cast<Collector*>(cls);
    if (value == nullptr) {
        value = "";
        value_size = 0;
    }
    out->headers.add(std::string(key, key_size), std::string(trim_ows({value, value_size})));
    out->raw.push_back({key, key_size, value, value_size});
    return MHD_YES;
}

std::string client_address(MHD_Connection* connection) {
    const auto* info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    return info != nullptr && info->client_addr != nullptr ? address_text(*info->client_addr) : std::string();
}

// Asked of the connection rather than assumed from the daemon's flags: the answer is what FSA_SECURE
// relies on, so it comes from where the bytes actually arrived
bool is_tls(MHD_Connection* connection) {
    const auto* info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_GNUTLS_SESSION);
    return info != nullptr && info->tls_session != nullptr;
}

}  // namespace

std::string address_text(const sockaddr& address) {
    if (address.sa_family == AF_INET) {
        return ipv4_text(reinterpret_cast<const sockaddr_in&>(address).sin_addr);
    }
    if (address.sa_family != AF_INET6) {
        return {};
    }
    // the scope of a link-local address ("%2") is left out, where getnameinfo appended it: throttling
    // and FSA_HTTPD_PROXIES compare the address itself
    char host[INET6_ADDRSTRLEN] = {};
    const auto& in6 = reinterpret_cast<const sockaddr_in6&>(address).sin6_addr;
    return inet_ntop(AF_INET6, &in6, host, sizeof host) != nullptr ? std::string(host) : std::string();
}

void split_target(std::string_view target, http::Request& request) {
    auto question = target.find('?');
    if (question == std::string_view::npos) {
        request.path.assign(target);
        request.query.clear();
    } else {
        request.path.assign(target.substr(0, question));    // assigned, not replaced: a recycled state's
        request.query.assign(target.substr(question + 1));  // strings keep their capacity
    }
}

RawHead build_request_head(MHD_Connection* connection,
                           std::string_view url,
                           std::string_view method,
                           std::string_view version,
                           RequestState& state) {
    auto& request = state.request;
    request.method.assign(method);
    request.version.assign(version);
    split_target(state.raw_uri_in_buffer != nullptr ? std::string_view(state.raw_uri) : url, request);

    RawHead head{};
    head.begin = method.data();
    const auto* size = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);
    head.size = size != nullptr ? size->header_size : 0;
    head.method = method;
    head.target = state.raw_uri_in_buffer;
    head.target_size = state.raw_uri.size();
    head.version = version;
    // MHD keeps the fields in a list in arrival order; the iterator walks it front to back
    int fields = MHD_get_connection_values_n(connection, MHD_HEADER_KIND, nullptr, nullptr);
    if (fields > 0) {  // counted first: one allocation each instead of a vector growing field by field
        request.headers.reserve(static_cast<std::size_t>(fields));
        head.fields.reserve(static_cast<std::size_t>(fields));
    }
    Collector collector{request.headers, head.fields};
    MHD_get_connection_values_n(connection, MHD_HEADER_KIND, add_header, &collector);
    request.remote_addr = client_address(connection);
    request.secure = is_tls(connection);
    state.raw_uri_in_buffer = nullptr;  // the engine reuses its buffer from here on
    return head;
}

unsigned trailer_count(MHD_Connection* connection) {
    int n = MHD_get_connection_values_n(connection, MHD_FOOTER_KIND, nullptr, nullptr);
    return n > 0 ? static_cast<unsigned>(n) : 0U;
}

}  // namespace simpleauth::server
