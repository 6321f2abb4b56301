#pragma once
// Upstream's FSA_* directives: their names, the types their values take, and whether SimpleAuth
// implements them yet. Unknown names and values of the wrong type stop the start-up.

#include <optional>
#include <string_view>

#include "simpleauth/config/config.hpp"

namespace simpleauth::detail {

enum class DirectiveKind {
    string,          // TOML string
    boolean,         // TOML bool
    integer,         // TOML integer
    number,          // TOML integer or float (stored as double)
    string_or_list,  // "x" or ["x", "y"]
    list,            // ["x", "y"]
    table,           // a TOML table of options
    hook,            // a callable upstream: registered in code here
};

struct Directive {
    std::string_view name;
    DirectiveKind kind;
    bool supported;         // false: recognised, but SimpleAuth does not implement it yet
    std::string_view hint;  // for hooks: the App method to call instead
};

const Directive* find_directive(std::string_view name) noexcept;

// checks value against the directive's kind, converting integers to doubles for numbers;
// throws ConfigError naming the directive
ConfigValue check_directive_value(const Directive& directive, ConfigValue value);

}  // namespace simpleauth::detail
