// Interop with the Python libraries upstream uses (REQ-PWD-01/02, DESIGN §4), both directions:
// hashes they made (golden data, tests/unit/testdata/generate_passwords_golden.py) verify here, and
// hashes made here verify there (Debian's /usr/bin/python3, skipped when a module is missing).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "passwords/password_test_support.hpp"
#include "passwords/passwords.hpp"

namespace sd = simpleauth::detail;
using simpleauth::test::cheap_scheme;
using simpleauth::test::from_hex;
using simpleauth::test::to_hex;

namespace {

const std::vector<std::string> kPasswords{
    "hello",
    "p\xC3\xA4ssword",
    "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E \xF0\x9F\x98\x80",
    "quote' \"dq\" back\\slash $dollar `tick`",
};

bool expensive(const std::string& origin) {
    return origin.find("default") != std::string::npos || origin.find("(upstream)") != std::string::npos;
}

}  // namespace

TEST(PasswordGolden, PythonHashesVerify) {
    const auto golden = simpleauth::test::load_passwords_golden();
    const std::string wrong = from_hex(golden["wrong_password_hex"].get<std::string>());
    const sd::PasswordContext all({"argon2", "bcrypt", "scrypt", "sha512crypt"}, {});
    std::map<std::string, int> counts;
    for (const auto& c : golden["hashes"]) {
        const std::string name = c["scheme"];
        if (name == "plaintext" || name == "b64" || name == "a85") continue;  // legacy_test.cpp
        const std::string origin = c["origin"];
        const std::string password = from_hex(c["password_hex"].get<std::string>());
        const std::string h = c["hash"];
        const auto scheme = sd::make_password_scheme(name, {});
        EXPECT_TRUE(scheme->recognizes(h)) << origin << ": " << h;
        EXPECT_TRUE(scheme->verify(password, h)) << origin << ": " << h;
        if (!expensive(origin)) {
            EXPECT_FALSE(scheme->verify(wrong, h)) << origin;
            EXPECT_TRUE(all.verify(password, h)) << origin;
            EXPECT_FALSE(all.verify(wrong, h)) << origin;
            // The NFD spelling of "pässword" is another password (REQ-PWD-06).
            if (password == "pa\xCC\x88ssword") {
                EXPECT_FALSE(scheme->verify("p\xC3\xA4ssword", h)) << origin;
            }
            // Upstream's parameters are weaker than our defaults: upgraded on next login.
            EXPECT_TRUE(all.needs_rehash(h)) << origin;
        }
        ++counts[origin];
    }
    EXPECT_EQ(counts.size(), 15u);
}

namespace {

struct Case {
    std::string kind;
    std::string password;
    std::string hash;
    bool expected;
};

// Runs verify_with_python.py once over all cases; one "ok"/"no" per case, or nullopt when Python or
// a module is missing.
std::optional<std::vector<std::string>> run_python(const std::vector<Case>& cases) {
    if (access("/usr/bin/python3", X_OK) != 0) return std::nullopt;
    const auto dir = std::filesystem::temp_directory_path();
    const auto input = dir / ("simpleauth_pw_interop_" + std::to_string(getpid()) + ".txt");
    {
        std::ofstream out(input);
        for (const auto& c : cases) out << c.kind << ' ' << to_hex(c.password) << ' ' << to_hex(c.hash) << '\n';
    }
    const auto script = std::filesystem::path(__FILE__).parent_path() / "verify_with_python.py";
    const std::string command = "/usr/bin/python3 '" + script.string() + "' '" + input.string() + "' 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return std::nullopt;
    std::vector<std::string> lines;
    char buffer[512];
    while (fgets(buffer, sizeof buffer, pipe) != nullptr) {
        std::string line(buffer);
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
        lines.push_back(line);
    }
    const int status = pclose(pipe);
    std::filesystem::remove(input);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 77) return std::nullopt;
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << (lines.empty() ? "" : lines.back());
    return lines;
}

}  // namespace

TEST(PasswordPythonInterop, OurHashesVerifyInPython) {
    // Which Python checks each of our schemes must pass.
    const std::vector<std::pair<std::string, std::vector<std::string>>> kinds{
        {"argon2", {"argon2-cffi", "passlib-argon2"}},
        {"bcrypt", {"bcrypt", "passlib-bcrypt"}},
        {"sha512crypt", {"passlib-sha512_crypt"}},
        {"scrypt", {"py-scrypt"}},
        {"b64", {"b64"}},
        {"a85", {"a85"}},
    };
    std::vector<Case> cases;
    for (const auto& [scheme_name, checks] : kinds) {
        const auto scheme = cheap_scheme(scheme_name);
        for (const auto& password : kPasswords) {
            const std::string h = scheme->hash(password);
            for (const auto& check : checks) {
                cases.push_back({check, password, h, true});
                cases.push_back({check, password + "!", h, false});
            }
        }
    }
    // Other bcrypt idents and argon2 with our default parameters (one each: they cost more).
    for (const auto* prefix : {"2a", "2y"}) {
        const std::string h = sd::make_password_scheme("bcrypt", {{"rounds", "4"}, {"prefix", prefix}})->hash("hello");
        cases.push_back({"bcrypt", "hello", h, true});
        cases.push_back({"passlib-bcrypt", "hello", h, true});
    }
    cases.push_back({"argon2-cffi", "hello", sd::make_password_scheme("argon2", {})->hash("hello"), true});

    const auto results = run_python(cases);
    if (!results) GTEST_SKIP() << "/usr/bin/python3 with argon2, bcrypt, passlib and scrypt not available";
    ASSERT_EQ(results->size(), cases.size());
    std::map<std::string, int> verified;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        EXPECT_EQ((*results)[i], cases[i].expected ? "ok" : "no")
            << cases[i].kind << " password=" << cases[i].password << " hash=" << cases[i].hash;
        if (cases[i].expected && (*results)[i] == "ok") ++verified[cases[i].kind];
    }
    EXPECT_EQ(verified.size(), 8u);
}
