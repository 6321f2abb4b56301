#pragma once
// Configuration: upstream's FSA_* directive names, read from a TOML file (path given in code or named by an
// environment variable), from FSA_* environment variables, or set in code. An unknown or ill-typed
// directive is a ConfigError at once. A TOML value may be { env = "NAME" }: read from the environment.
// Keys not starting with FSA_ belong to the application (e.g. [acme] database = "acme.db").

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace simpleauth {

// a table of options (FSA_PASSWORD_OPTS, FSA_HTTP_AUTH_OPTS): values kept as text
using ConfigTable = std::map<std::string, std::string, std::less<>>;
using ConfigValue = std::variant<bool, long long, double, std::string, std::vector<std::string>, ConfigTable>;

class Config {
public:
    void from_file(const std::string& path);
    void from_envvar(const std::string& variable);  // like Flask's app.config.from_envvar
    void from_string(std::string_view toml, std::string_view origin = "<string>");
    void from_env();  // every FSA_* environment variable, its value read as a TOML value (or a plain string)

    // checks the name and the type of the value (ConfigError); integers are accepted for float directives
    void set(std::string_view name, ConfigValue value);

    const ConfigValue* find(std::string_view name) const;
    bool contains(std::string_view name) const { return find(name) != nullptr; }
    std::string get_string(std::string_view name, std::string fallback) const;
    std::optional<std::string> get_optional_string(std::string_view name) const;
    bool get_bool(std::string_view name, bool fallback) const;
    long long get_int(std::string_view name, long long fallback) const;
    double get_double(std::string_view name, double fallback) const;
    std::vector<std::string> get_list(std::string_view name) const;  // a string gives a one-element list
    ConfigTable get_table(std::string_view name) const;

    // application settings (non-FSA keys), dotted path "acme.database", as text
    std::optional<std::string> app_setting(std::string_view dotted) const;
    void set_app_setting(std::string dotted, std::string value) { app_settings_[std::move(dotted)] = std::move(value); }

private:
    std::map<std::string, ConfigValue, std::less<>> values_;
    std::map<std::string, std::string, std::less<>> app_settings_;
};

}  // namespace simpleauth
