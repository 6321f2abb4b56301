#include "core/docs_page.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/router.hpp"
#include "core/settings.hpp"
#include "simpleauth/errors.hpp"

namespace simpleauth::detail {

namespace {

std::string html_escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

// A JavaScript string literal that cannot end its <script> element, whatever the configured path holds.
std::string js_string(std::string_view text) {
    static const char hex[] = "0123456789abcdef";
    std::string out = "\"";
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&') {
            out += "\\u00";
            out += hex[u >> 4];
            out += hex[u & 15];
        } else {
            out += c;
        }
    }
    return out + "\"";
}

// the page's assets live under the page's path: /docs -> /docs/swagger-ui.css
std::string asset_prefix(const Settings& settings) {
    std::string prefix = settings.docs_path;
    if (!prefix.empty() && prefix.back() == '/') {
        prefix.pop_back();
    }
    return prefix + "/";
}

// Only what a URL needs: a quote or an angle bracket could leave the attribute it is written into.
bool plain_https_url(std::string_view url) {
    if (!url.starts_with("https://") || url.size() == 8) {
        return false;
    }
    for (char c : url) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  std::string_view("-._~:/@%+").find(c) != std::string_view::npos;
        if (!ok) {
            return false;
        }
    }
    return true;
}

std::string read_asset(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
        throw ConfigError("FSA_DOCS_ASSETS: " + file.string() +
                          " is missing (the directory of the npm package swagger-ui-dist is expected)");
    }
    std::ifstream in(file, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    if (!in) {
        throw ConfigError("FSA_DOCS_ASSETS: cannot read " + file.string());
    }
    return content.str();
}

std::string swagger_page(const std::string& title, const std::string& base, const std::string& document) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + html_escape(title) +
           "</title>\n<link rel=\"stylesheet\" href=\"" + html_escape(base) +
           "swagger-ui.css\">\n</head>\n<body>\n<div id=\"swagger-ui\"></div>\n<script src=\"" + html_escape(base) +
           "swagger-ui-bundle.js\"></script>\n<script>\nwindow.ui = SwaggerUIBundle({url: " + js_string(document) +
           ", dom_id: \"#swagger-ui\", deepLinking: true});\n</script>\n</body>\n</html>\n";
}

// Without Swagger UI the page still lists the routes, and says how to get the real thing.
std::string fallback_page(const std::string& title, const std::string& document, const std::string& audit_table) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + html_escape(title) +
           "</title>\n</head>\n<body>\n<h1>" + html_escape(title) + "</h1>\n<p>The OpenAPI document: <a href=\"" +
           html_escape(document) + "\">" + html_escape(document) +
           "</a>.</p>\n<p>Swagger UI is not configured: install the npm package <code>swagger-ui-dist</code> and "
           "set <code>FSA_DOCS_ASSETS</code> to its directory, or set <code>FSA_DOCS_CDN</code> to a URL "
           "serving it.</p>\n<pre>" +
           html_escape(audit_table) + "</pre>\n</body>\n</html>\n";
}

}  // namespace

std::vector<std::string> docs_paths(const Settings& settings) {
    std::vector<std::string> paths;
    if (settings.docs_path.empty()) {
        return paths;
    }
    paths.push_back(settings.docs_path);
    if (!settings.docs_assets.empty()) {
        for (const DocsAsset& asset : docs_assets) {
            paths.push_back(asset_prefix(settings) + asset.name);
        }
    }
    return paths;
}

std::unique_ptr<DocsPage> DocsPage::make(const Settings& settings,
                                         const std::string& app_name,
                                         const std::string& audit_table,
                                         const Router& router) {
    if (settings.docs_path.empty()) {
        return nullptr;
    }
    if (settings.docs_path.front() != '/') {
        throw ConfigError("FSA_DOCS_PATH must be empty or start with '/'");
    }
    if (settings.openapi_path.empty() || settings.openapi_path == settings.docs_path) {
        throw ConfigError("FSA_DOCS_PATH needs the OpenAPI document at another path (FSA_OPENAPI_PATH)");
    }
    if (!settings.docs_assets.empty() && !settings.docs_cdn.empty()) {
        throw ConfigError("FSA_DOCS_ASSETS and FSA_DOCS_CDN are exclusive: the assets come from one place");
    }
    if (!settings.docs_cdn.empty() && !plain_https_url(settings.docs_cdn)) {
        throw ConfigError("FSA_DOCS_CDN must be an https:// URL without quotes, spaces or brackets");
    }
    for (const auto& path : docs_paths(settings)) {
        if (router.match("GET", path).status == RouteMatch::Status::found) {
            throw ConfigError("FSA_DOCS_PATH: GET " + path +
                              " is also a route, which the page would hide: set FSA_DOCS_PATH to another path or \"\"");
        }
    }
    auto docs = std::make_unique<DocsPage>();
    docs->path_ = settings.docs_path;
    std::string title = app_name + " API";
    if (!settings.docs_assets.empty()) {
        const std::string prefix = asset_prefix(settings);
        for (const DocsAsset& asset : docs_assets) {
            docs->assets_.emplace(prefix + asset.name,
                                  std::pair{std::string(asset.content_type),
                                            read_asset(std::filesystem::path(settings.docs_assets) / asset.name)});
        }
        docs->page_ = swagger_page(title, prefix, settings.openapi_path);
    } else if (!settings.docs_cdn.empty()) {
        std::string base = settings.docs_cdn;
        docs->page_ = swagger_page(title, base.back() == '/' ? base : base + "/", settings.openapi_path);
    } else {
        docs->page_ = fallback_page(title, settings.openapi_path, audit_table);
    }
    return docs;
}

std::optional<http::Response> DocsPage::answer(const http::Request& request) const {
    if (request.method != "GET") {
        return std::nullopt;
    }
    if (request.path == path_) {
        return http::Response::text(200, page_, "text/html; charset=utf-8");
    }
    if (auto asset = assets_.find(request.path); asset != assets_.end()) {
        http::Response response = http::Response::text(200, asset->second.second, asset->second.first);
        response.headers.add("X-Content-Type-Options", "nosniff");
        return response;
    }
    return std::nullopt;
}

}  // namespace simpleauth::detail
