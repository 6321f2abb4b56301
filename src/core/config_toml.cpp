// The only file that includes toml++ (its header costs seconds per translation unit).

#include <toml++/toml.h>
#include <cstdlib>
#include <sstream>
#include <string>

#include "simpleauth/config/config.hpp"
#include "simpleauth/errors.hpp"

extern char** environ;

namespace simpleauth {

namespace {

std::string where(const toml::source_region& r) {
    return r.path ? *r.path + ":" + std::to_string(r.begin.line) : "line " + std::to_string(r.begin.line);
}

// { env = "NAME" }: the value comes from the environment
std::optional<std::string> env_reference(const toml::table& t, const std::string& key) {
    if (t.size() != 1 || !t.contains("env")) {
        return std::nullopt;
    }
    const auto* name = t.get_as<std::string>("env");
    if (name == nullptr) {
        throw ConfigError(key + ": env must name an environment variable");
    }
    const char* value = std::getenv(name->get().c_str());
    if (value == nullptr) {
        throw ConfigError(key + ": environment variable " + name->get() + " is not set");
    }
    return std::string(value);
}

ConfigValue from_env_text(const std::string& text);

ConfigValue to_value(const toml::node& node, const std::string& key) {
    if (const auto* s = node.as_string()) {
        return s->get();
    }
    if (const auto* b = node.as_boolean()) {
        return b->get();
    }
    if (const auto* i = node.as_integer()) {
        return static_cast<long long>(i->get());
    }
    if (const auto* f = node.as_floating_point()) {
        return f->get();
    }
    if (const auto* a = node.as_array()) {
        std::vector<std::string> items;
        for (const auto& item : *a) {
            const auto* s = item.as_string();
            if (s == nullptr) {
                throw ConfigError(key + " (" + where(item.source()) + "): list items must be strings");
            }
            items.push_back(s->get());
        }
        return items;
    }
    if (const auto* t = node.as_table()) {
        if (auto env = env_reference(*t, key)) {
            return from_env_text(*env);
        }
        ConfigTable table;
        for (const auto& [k, child] : *t) {
            std::string item = key + "." + std::string(k.str());
            if (const auto* s = child.as_string()) {
                table[std::string(k.str())] = s->get();
            } else if (const auto* ct = child.as_table(); ct != nullptr && env_reference(*ct, item)) {
                table[std::string(k.str())] = *env_reference(*ct, item);
            } else if (child.is_value()) {
                std::ostringstream out;
                child.visit([&out](auto&& value) { out << value; });
                table[std::string(k.str())] = out.str();
            } else {
                throw ConfigError(item + " (" + where(child.source()) + "): options are strings, numbers or booleans");
            }
        }
        return table;
    }
    throw ConfigError(key + " (" + where(node.source()) + "): unsupported value type");
}

// an environment value: a TOML value when it parses as one (30, true, ["a", "b"]), else the plain string
ConfigValue from_env_text(const std::string& text) {
    try {
        toml::table t = toml::parse("v = " + text);
        const toml::node* v = t.get("v");
        if (v != nullptr && !v->is_table()) {
            return to_value(*v, "value");
        }
    } catch (const toml::parse_error&) {
    } catch (const ConfigError&) {
    }
    return text;
}

void set_app_setting(Config& config, const std::string& key, const toml::node& node) {
    if (const auto* t = node.as_table()) {
        if (auto env = env_reference(*t, key)) {
            config.set_app_setting(key, *env);
        } else {
            for (const auto& [k, child] : *t) {
                set_app_setting(config, key + "." + std::string(k.str()), child);
            }
        }
    } else if (const auto* s = node.as_string()) {
        config.set_app_setting(key, s->get());
    } else {
        std::ostringstream out;
        node.visit([&out](auto&& value) { out << value; });
        config.set_app_setting(key, out.str());
    }
}

void load(Config& config, const toml::table& table) {
    for (const auto& [k, node] : table) {
        std::string key(k.str());
        if (key.starts_with("FSA_")) {
            ConfigValue value = to_value(node, key);
            try {
                config.set(key, std::move(value));
            } catch (const ConfigError& e) {
                throw ConfigError(std::string(e.what()) + " (" + where(node.source()) + ")");
            }
        } else {
            set_app_setting(config, key, node);
        }
    }
}

}  // namespace

void Config::from_file(const std::string& path) {
    toml::table table;
    try {
        table = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        throw ConfigError(path + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
    }
    load(*this, table);
}

void Config::from_string(std::string_view text, std::string_view origin) {
    toml::table table;
    try {
        table = toml::parse(text, origin);
    } catch (const toml::parse_error& e) {
        throw ConfigError(std::string(origin) + ":" + std::to_string(e.source().begin.line) + ": " +
                          std::string(e.description()));
    }
    load(*this, table);
}

void Config::from_env() {
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
        std::string_view entry(*e);
        if (!entry.starts_with("FSA_")) {
            continue;
        }
        std::size_t eq = entry.find('=');
        if (eq == std::string_view::npos) {
            continue;
        }
        std::string name(entry.substr(0, eq));
        set(name, from_env_text(std::string(entry.substr(eq + 1))));
    }
}

}  // namespace simpleauth
