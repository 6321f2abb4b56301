#include <gtest/gtest.h>

#include <cstdlib>
#include <simpleauth/config/config.hpp>
#include <simpleauth/errors.hpp>

namespace sa = simpleauth;

TEST(Config, ReadsDirectivesAndAppSettings) {
    sa::Config c;
    c.from_string(R"(
FSA_AUTH = ["token", "basic"]
FSA_TOKEN_DELAY = 30
FSA_REALM = "acme"
[acme]
database = "acme.db"
port = 12
)");
    EXPECT_EQ(c.get_list("FSA_AUTH"), (std::vector<std::string>{"token", "basic"}));
    EXPECT_DOUBLE_EQ(c.get_double("FSA_TOKEN_DELAY", 0), 30.0);
    EXPECT_EQ(c.get_string("FSA_REALM", ""), "acme");
    EXPECT_EQ(c.app_setting("acme.database"), "acme.db");
    EXPECT_EQ(c.app_setting("acme.port"), "12");
}

TEST(Config, UnknownDirectiveNamesItself) {
    sa::Config c;
    try {
        c.from_string("FSA_TOKEN_DELAI = 1\n", "acme.toml");
        FAIL();
    } catch (const sa::ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("FSA_TOKEN_DELAI"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("acme.toml:1"), std::string::npos);
    }
}

TEST(Config, IllTypedDirective) {
    sa::Config c;
    EXPECT_THROW(c.from_string("FSA_TOKEN_DELAY = \"soon\"\n"), sa::ConfigError);
    EXPECT_THROW(c.from_string("FSA_AUTH = 3\n"), sa::ConfigError);
    EXPECT_THROW(c.set("FSA_REALM", true), sa::ConfigError);
    EXPECT_THROW(c.from_string("FSA_AUTH = \n"), sa::ConfigError);  // TOML syntax
}

TEST(Config, HooksAreRegisteredInCode) {
    sa::Config c;
    try {
        c.from_string("FSA_GET_USER_PASS = \"f\"\n");
        FAIL();
    } catch (const sa::ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("app.get_user_pass"), std::string::npos);
    }
}

TEST(Config, SecretsFromTheEnvironment) {
    ::setenv("SA_TEST_SECRET", "from the environment", 1);
    ::unsetenv("SA_TEST_MISSING");
    sa::Config c;
    c.from_string("FSA_TOKEN_SECRET = { env = \"SA_TEST_SECRET\" }\n");
    EXPECT_EQ(c.get_string("FSA_TOKEN_SECRET", ""), "from the environment");
    EXPECT_THROW(c.from_string("FSA_TOKEN_SECRET = { env = \"SA_TEST_MISSING\" }\n"), sa::ConfigError);
}

TEST(Config, FromEnvVarAndEnvironment) {
    ::unsetenv("SA_TEST_CONFIG");
    sa::Config c;
    EXPECT_THROW(c.from_envvar("SA_TEST_CONFIG"), sa::ConfigError);
    ::setenv("FSA_TOKEN_GRACE", "2", 1);
    ::setenv("FSA_REALM", "plain text", 1);
    c.from_env();
    ::unsetenv("FSA_TOKEN_GRACE");
    ::unsetenv("FSA_REALM");
    EXPECT_DOUBLE_EQ(c.get_double("FSA_TOKEN_GRACE", 0), 2.0);
    EXPECT_EQ(c.get_string("FSA_REALM", ""), "plain text");
}

TEST(Config, MissingFile) {
    sa::Config c;
    EXPECT_THROW(c.from_file("/nonexistent/acme.toml"), sa::ConfigError);
}
