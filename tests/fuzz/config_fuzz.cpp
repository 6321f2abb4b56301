// Fuzz target: simpleauth::Config::from_string (TOML through toml++, then the FSA_* directive checks).
// Any problem must surface as ConfigError, never as another exception, a crash or a hang.
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>
#include <typeinfo>

#include <simpleauth/config/config.hpp>
#include <simpleauth/errors.hpp>

#include "fuzz_common.hpp"

namespace sa = simpleauth;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    sa::Config c;
    try {
        c.from_string(input, "fuzz.toml");
    } catch (const sa::ConfigError& e) {
        FUZZ_CHECK(e.what() != nullptr);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "Config::from_string threw %s: %s\n", typeid(e).name(), e.what());
        std::abort();
    } catch (...) {
        std::fprintf(stderr, "Config::from_string threw a non-std exception\n");
        std::abort();
    }
    // what was accepted reads back through the typed getters without surprises
    try {
        (void)c.get_list("FSA_AUTH");
        (void)c.get_string("FSA_REALM", "");
        (void)c.get_int("FSA_TOKEN_DELAY", 0);
        (void)c.get_double("FSA_TOKEN_DELAY", 0);
        (void)c.get_bool("FSA_SECURE", true);
        (void)c.get_table("FSA_PASSWORD_OPTS");
        (void)c.app_setting("acme.database");
    } catch (const sa::ConfigError&) {
    } catch (const std::exception& e) {
        std::fprintf(stderr, "Config getter threw %s: %s\n", typeid(e).name(), e.what());
        std::abort();
    }
    return 0;
}
