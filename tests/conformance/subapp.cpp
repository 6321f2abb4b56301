#include "subapp.hpp"

#include <simpleauth/route_group.hpp>

namespace sa = simpleauth;
using sa::Param;

namespace conformance {

void register_subapp(sa::App& app, const std::string& prefix, std::string something) {
    auto b = app.group(prefix);
    // GET /words/<word>: word repeated n times, joined by "_" (n <= 0: empty)
    b.get<"/words/<word>">(sa::AUTH, [](Param<"word", std::string> word, Param<"n", int, 1> n) {
        std::string out;
        for (int i = 0; i < *n; ++i) {
            out += (i == 0 ? "" : "_") + *word;
        }
        return out;
    });
    b.get<"/something">(sa::AUTH, [something = std::move(something)] { return something; });
    // upstream declares no authorization: closed
    b.get<"/blue">(sa::CLOSE, [] { return std::string("blue"); });
}

}  // namespace conformance
