#include <cstdlib>
#include <string>

#include "core/directives.hpp"
#include "simpleauth/config/config.hpp"
#include "simpleauth/errors.hpp"

namespace simpleauth {

void Config::set(std::string_view name, ConfigValue value) {
    const detail::Directive* d = detail::find_directive(name);
    if (d == nullptr) {
        if (name.starts_with("FSA_")) {
            throw ConfigError("unexpected FSA_* directive: " + std::string(name));
        }
        throw ConfigError(std::string(name) + " is not an FSA_* directive (application settings: set_app_setting)");
    }
    values_[std::string(name)] = detail::check_directive_value(*d, std::move(value));
}

void Config::from_envvar(const std::string& variable) {
    const char* path = std::getenv(variable.c_str());
    if (path == nullptr || *path == '\0') {
        throw ConfigError("environment variable " + variable + " is not set: it must name the configuration file");
    }
    from_file(path);
}

const ConfigValue* Config::find(std::string_view name) const {
    auto it = values_.find(name);
    return it == values_.end() ? nullptr : &it->second;
}

std::string Config::get_string(std::string_view name, std::string fallback) const {
    const ConfigValue* v = find(name);
    const auto* s = v != nullptr ? std::get_if<std::string>(v) : nullptr;
    return s != nullptr ? *s : fallback;
}

std::optional<std::string> Config::get_optional_string(std::string_view name) const {
    const ConfigValue* v = find(name);
    const auto* s = v != nullptr ? std::get_if<std::string>(v) : nullptr;
    return s != nullptr ? std::optional<std::string>(*s) : std::nullopt;
}

bool Config::get_bool(std::string_view name, bool fallback) const {
    const ConfigValue* v = find(name);
    const auto* b = v != nullptr ? std::get_if<bool>(v) : nullptr;
    return b != nullptr ? *b : fallback;
}

long long Config::get_int(std::string_view name, long long fallback) const {
    const ConfigValue* v = find(name);
    const auto* i = v != nullptr ? std::get_if<long long>(v) : nullptr;
    return i != nullptr ? *i : fallback;
}

double Config::get_double(std::string_view name, double fallback) const {
    const ConfigValue* v = find(name);
    if (v == nullptr) {
        return fallback;
    }
    if (const auto* d = std::get_if<double>(v)) {
        return *d;
    }
    if (const auto* i = std::get_if<long long>(v)) {
        return static_cast<double>(*i);
    }
    return fallback;
}

std::vector<std::string> Config::get_list(std::string_view name) const {
    const ConfigValue* v = find(name);
    if (v == nullptr) {
        return {};
    }
    if (const auto* s = std::get_if<std::string>(v)) {
        return {*s};
    }
    if (const auto* l = std::get_if<std::vector<std::string>>(v)) {
        return *l;
    }
    return {};
}

ConfigTable Config::get_table(std::string_view name) const {
    const ConfigValue* v = find(name);
    const auto* t = v != nullptr ? std::get_if<ConfigTable>(v) : nullptr;
    return t != nullptr ? *t : ConfigTable{};
}

std::optional<std::string> Config::app_setting(std::string_view dotted) const {
    auto it = app_settings_.find(dotted);
    return it == app_settings_.end() ? std::nullopt : std::optional<std::string>(it->second);
}

}  // namespace simpleauth
