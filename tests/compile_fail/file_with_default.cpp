// expect: simpleauth: a file parameter cannot have a default
#include <simpleauth/simpleauth.hpp>
namespace sa = simpleauth;
void declare(sa::App& app) {
    app.post<"/up">(sa::AUTH, [](sa::Param<"upload", sa::UploadedFile, "none.txt"> f) { return f->filename; });
}
