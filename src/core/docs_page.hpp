#pragma once
// The documentation page (FSA_DOCS_PATH): Swagger UI showing the OpenAPI document of FSA_OPENAPI_PATH.
//
// Swagger UI is not part of SimpleAuth: its two files come from an installed npm package swagger-ui-dist
// (FSA_DOCS_ASSETS, read once at start-up and served from memory under a fixed allow-list of names, so
// that no request path ever reaches the file system) or from a URL prefix (FSA_DOCS_CDN). Without either,
// the page says how to install them and shows the audit table. Like the document, the page and its
// assets are OPEN and answered before routing.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "simpleauth/http/request.hpp"
#include "simpleauth/http/response.hpp"

namespace simpleauth::detail {

struct Settings;
class Router;

// The files of swagger-ui-dist that the page loads, with their types: the only ones ever served.
struct DocsAsset {
    const char* name;
    const char* content_type;
};
inline constexpr DocsAsset docs_assets[] = {{"swagger-ui.css", "text/css; charset=utf-8"},
                                            {"swagger-ui-bundle.js", "text/javascript; charset=utf-8"}};

// The paths answered with FSA_DOCS_PATH set (the page, then its assets when served locally); none when off.
std::vector<std::string> docs_paths(const Settings& settings);

class DocsPage {
public:
    // Validates the FSA_DOCS_* directives and reads the assets; nullptr when FSA_DOCS_PATH is "".
    // Throws ConfigError on a relative path, a page without a document, FSA_DOCS_ASSETS and FSA_DOCS_CDN
    // together, a CDN prefix that is not a plain https URL, an assets directory lacking a file, or a
    // route that the page would hide (it is answered before routing).
    static std::unique_ptr<DocsPage> make(const Settings& settings,
                                          const std::string& app_name,
                                          const std::string& audit_table,
                                          const Router& router);

    // The page or an asset for a GET of one of docs_paths(); nullopt for any other request.
    std::optional<http::Response> answer(const http::Request& request) const;

private:
    std::string path_;
    std::string page_;
    std::map<std::string, std::pair<std::string, std::string>, std::less<>> assets_;  // path: type, content
};

}  // namespace simpleauth::detail
