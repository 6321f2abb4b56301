// Prints the OpenAPI document of one sample app per configuration (argv[1]), so that openapi_validate
// checks against the OpenAPI 3.1 schema every kind of security scheme the generator writes.

#include <simpleauth/params/cookie.hpp>
#include <simpleauth/params/file.hpp>
#include <simpleauth/params/header.hpp>
#include <simpleauth/simpleauth.hpp>

#include <cstdio>
#include <map>
#include <optional>
#include <string>

namespace sa = simpleauth;
using sa::Param;

int main(int argc, char** argv) {
    static const std::map<std::string, std::string> configs{
        {"jwt",
         "FSA_AUTH = [\"token\", \"basic\", \"none\"]\nFSA_TOKEN_TYPE = \"jwt\"\n"
         "FSA_TOKEN_SECRET = \"a secret that is long enough for HS256 tokens\"\n"},
        {"fsa",
         "FSA_MODE = \"dev\"\nFSA_AUTH = [\"token\", \"digest\", \"param\", \"fake\", \"httpd\", \"basic\", \"none\"]\n"
         "FSA_TOKEN_CARRIER = \"cookie\"\nFSA_TOKEN_SECRET = \"an fsa secret\"\n"},
        {"oauth",
         "FSA_AUTH = [\"oauth\", \"token\", \"none\"]\nFSA_TOKEN_TYPE = \"jwt\"\nFSA_TOKEN_ISSUER = \"acme\"\n"
         "FSA_TOKEN_CARRIER = \"header\"\nFSA_TOKEN_SECRET = \"a secret that is long enough for HS256 tokens\"\n"
         "FSA_AUTHZ_SCOPES = [\"read\", \"write\"]\n"},
    };
    auto config = argc == 2 ? configs.find(argv[1]) : configs.end();
    if (config == configs.end()) {
        std::fprintf(stderr, "usage: %s jwt|fsa|oauth\n", argv[0]);
        return 2;
    }
    sa::App app{"sample"};
    app.config().from_string(config->second);
    app.get_user_pass([](std::string_view) -> std::optional<std::string> { return std::nullopt; });
    app.group_check("admin", [](std::string_view) { return true; });
    app.object_perms("item", [](std::string_view, long long, std::string_view) -> std::optional<bool> { return true; });
    app.get<"/">(sa::OPEN, [] { return "home"; });
    app.get<"/me">(sa::AUTH, [](sa::CurrentUser u) { return u.login(); });
    app.get<"/items">(
        sa::authz<"admin">,
        [](Param<"q", std::string, "">, Param<"n", std::optional<int>>, Param<"ratio", float, 0.5>) { return ""; });
    app.patch<"/items/<int:id>">(
        sa::object<"item", "id", "write">,
        [](Param<"id", long long>, Param<"name", std::string>, Param<"done", bool, true>) { return ""; });
    app.delete_<"/items/<id>">(sa::CLOSE, [](Param<"id", long long>) { return ""; });
    app.get<"/files/<path:rest>">(sa::AUTH, [](Param<"rest", std::string>) { return ""; });
    app.post<"/upload">(sa::AUTH,
                        [](sa::File<"upload">,
                           sa::Header<"X-Trace", std::optional<std::string>>,
                           sa::Cookie<"lang", std::string, "en">) { return ""; });
    if (config->first == "oauth") {
        app.get<"/scoped">(sa::authz<"read">, sa::authn<"oauth">, [] { return ""; });
        app.put<"/scoped">(sa::authz<"write">, sa::authn<"oauth">, [](Param<"value", int>) { return ""; });
    }
    std::fputs(app.openapi().c_str(), stdout);
    return 0;
}
