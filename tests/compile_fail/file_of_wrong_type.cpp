// expect: simpleauth: File<"name", T> takes T = UploadedFile
#include <simpleauth/simpleauth.hpp>
namespace sa = simpleauth;
void declare(sa::App& app) {
    app.post<"/up">(sa::AUTH, [](sa::File<"upload", std::string> f) { return *f; });
}
