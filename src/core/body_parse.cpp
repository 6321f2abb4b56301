#include "core/body_parse.hpp"

#include "core/json_parse.hpp"

namespace simpleauth::detail {

std::string parse_json_body(std::string_view body, std::vector<std::pair<std::string, RawValue>>& out) {
    if (body.size() > max_json_body) {
        return "JSON body too large";
    }
    nlohmann::json doc;
    std::string error = parse_json_bounded(body, doc);
    if (!error.empty()) {
        return error == "malformed JSON" ? "malformed JSON body" : "JSON body nested too deeply";
    }
    if (!doc.is_object()) {
        return "JSON body must be an object";
    }
    for (auto& [key, value] : doc.items()) {
        out.emplace_back(key, to_raw(value));
    }
    return "";
}

}  // namespace simpleauth::detail
