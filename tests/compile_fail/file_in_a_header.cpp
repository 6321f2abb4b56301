// expect: simpleauth: a file comes from a multipart/form-data body
#include <simpleauth/simpleauth.hpp>
namespace sa = simpleauth;
void declare(sa::App& app) {
    app.post<"/up">(sa::AUTH, [](sa::Header<"X-File", sa::UploadedFile> f) { return f->filename; });
}
