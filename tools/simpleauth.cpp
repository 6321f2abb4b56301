// The simpleauth command-line tool: passwords and tokens exactly as a SimpleAuth server configured by
// the same file makes and checks them, and the routes of a server binary. Exit codes: 0 success,
// 1 a negative answer or a failure (no match, invalid token, refused password), 2 a usage or
// configuration error.

#include <simpleauth/simpleauth.hpp>
#include <simpleauth/version.hpp>

#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <iostream>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sa = simpleauth;

namespace {

constexpr int exit_ok = 0;
constexpr int exit_no = 1;
constexpr int exit_usage = 2;

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Command {
    const char* name;
    const char* synopsis;
    const char* help;
    std::vector<std::string_view> options;  // which of --config, --realm, --delay, --issuer apply
    std::size_t arguments;                  // positional arguments after the subcommand (routes: at least)
};

const std::vector<Command>& commands() {
    static const std::vector<Command> all{
        {"hash-password",
         "hash-password [--config FILE]",
         "Reads a password (without echo on a terminal, where it is asked twice; else one line of stdin)\n"
         "and prints its hash with the first FSA_PASSWORD_SCHEME of the configuration (bcrypt by default),\n"
         "after the FSA_PASSWORD_LENGTH / FSA_PASSWORD_RE quality rules. Exit 1 if the password is refused.\n",
         {"--config"},
         0},
        {"check-password",
         "check-password [--config FILE] HASH",
         "Reads a password like hash-password and checks it against HASH with the configured schemes.\n"
         "Exit 0 when it matches, 1 when it does not.\n",
         {"--config"},
         1},
        {"create-token",
         "create-token [--config FILE] [--realm REALM] [--delay MINUTES] [--issuer ISSUER] USER",
         "Prints a token for USER, as the server's create_token makes it: FSA_TOKEN_TYPE (fsa or jwt),\n"
         "FSA_TOKEN_SECRET / FSA_TOKEN_SIGN, FSA_TOKEN_ALGO from the configuration. --realm replaces\n"
         "FSA_REALM, --issuer FSA_TOKEN_ISSUER, --delay FSA_TOKEN_DELAY (minutes).\n",
         {"--config", "--realm", "--delay", "--issuer"},
         1},
        {"check-token",
         "check-token [--config FILE] [--realm REALM] [--issuer ISSUER] TOKEN",
         "Checks TOKEN as the server would (signature, realm, issuer, expiry) and prints its user and\n"
         "expiry. Exit 1 when it is invalid or expired.\n",
         {"--config", "--realm", "--issuer"},
         1},
        {"routes",
         "routes BINARY [ARGUMENT...]",
         "Runs `BINARY --routes [ARGUMENT...]` (any server calling simpleauth::serve) and prints its\n"
         "audit table: every route with its authorization, authentication and parameters. Exit status:\n"
         "the binary's.\n",
         {},
         1},
    };
    return all;
}

void print_usage(std::FILE* out) {
    std::fprintf(out,
                 "usage: simpleauth SUBCOMMAND [OPTIONS] [ARGUMENTS]\n"
                 "       simpleauth help SUBCOMMAND | --help | --version\n\n"
                 "subcommands:\n");
    for (const auto& c : commands()) {
        std::fprintf(out, "  %s\n", c.synopsis);
    }
    std::fprintf(out,
                 "\n--config FILE: a SimpleAuth TOML configuration (FSA_* directives), the server's own.\n"
                 "Exit codes: 0 success, 1 no match / invalid / refused, 2 usage or configuration error.\n");
}

const Command* find_command(std::string_view name) {
    for (const auto& c : commands()) {
        if (name == c.name) {
            return &c;
        }
    }
    return nullptr;
}

struct Invocation {
    const Command* command = nullptr;
    std::map<std::string, std::string, std::less<>> options;
    std::vector<std::string> arguments;
};

Invocation parse(int argc, char** argv) {
    Invocation inv;
    static const std::vector<std::string_view> valued{"--config", "--realm", "--delay", "--issuer"};
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        // after the BINARY of routes, everything belongs to the binary
        if (inv.command != nullptr && std::string_view(inv.command->name) == "routes" && !inv.arguments.empty()) {
            inv.arguments.emplace_back(arg);
            continue;
        }
        if (arg.starts_with("--") && arg.size() > 2) {
            std::string_view flag = arg;
            std::optional<std::string> value;
            if (auto eq = arg.find('='); eq != std::string_view::npos) {
                flag = arg.substr(0, eq);
                value = std::string(arg.substr(eq + 1));
            }
            if (std::find(valued.begin(), valued.end(), flag) == valued.end()) {
                throw UsageError("unknown option " + std::string(flag));
            }
            if (!value) {
                if (i + 1 >= argc) {
                    throw UsageError(std::string(flag) + " needs a value");
                }
                value = argv[++i];
            }
            inv.options[std::string(flag)] = *value;
            continue;
        }
        if (inv.command == nullptr) {
            inv.command = find_command(arg);
            if (inv.command == nullptr) {
                throw UsageError("unknown subcommand \"" + std::string(arg) + "\" (simpleauth --help lists them)");
            }
            continue;
        }
        inv.arguments.emplace_back(arg);
    }
    if (inv.command == nullptr) {
        throw UsageError("no subcommand given");
    }
    for (const auto& [flag, value] : inv.options) {
        const auto& allowed = inv.command->options;
        if (std::find(allowed.begin(), allowed.end(), flag) == allowed.end()) {
            throw UsageError(flag + " does not apply to " + inv.command->name);
        }
    }
    bool at_least = std::string_view(inv.command->name) == "routes";
    if (inv.arguments.size() < inv.command->arguments || (!at_least && inv.arguments.size() > inv.command->arguments)) {
        throw UsageError(std::string("usage: simpleauth ") + inv.command->synopsis);
    }
    return inv;
}

// One line of stdin; on a terminal, prompted on stderr and without echo (restored even on EOF).
std::string read_password(const char* prompt) {
    bool tty = isatty(STDIN_FILENO) != 0;
    termios saved{};
    if (tty) {
        // echo off before the prompt: what is typed after seeing it is never shown
        if (tcgetattr(STDIN_FILENO, &saved) == 0) {
            termios quiet = saved;
            quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        } else {
            tty = false;
        }
        std::fputs(prompt, stderr);
        std::fflush(stderr);
    }
    std::string line;
    bool got = static_cast<bool>(std::getline(std::cin, line));
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::fputs("\n", stderr);  // the user's Enter was not echoed
    }
    if (!got && line.empty()) {
        throw UsageError("no password on standard input");
    }
    if (!line.empty() && line.back() == '\r') {
        line.pop_back();  // a line written on Windows
    }
    return line;
}

void configure(sa::App& app, const Invocation& inv, bool tokens) {
    sa::Config& config = app.config();
    if (auto file = inv.options.find("--config"); file != inv.options.end()) {
        config.from_file(file->second);
    }
    if (auto realm = inv.options.find("--realm"); realm != inv.options.end()) {
        config.set("FSA_REALM", realm->second);
    }
    if (auto issuer = inv.options.find("--issuer"); issuer != inv.options.end()) {
        config.set("FSA_TOKEN_ISSUER", issuer->second);
    }
    if (!tokens) {
        return;
    }
    if (!config.contains("FSA_AUTH")) {
        config.set("FSA_AUTH", std::string("token"));
    }
    // A token signed with the random per-process secret of an unconfigured app would be useless.
    if (!config.contains("FSA_TOKEN_SECRET")) {
        throw sa::ConfigError("tokens need FSA_TOKEN_SECRET: give the server's configuration with --config");
    }
    // check() wants a way to check passwords when FSA_AUTH has basic or param; no route uses it here.
    app.get_user_pass([](std::string_view) -> std::optional<std::string> { return std::nullopt; });
}

std::string iso_time(long long epoch) {
    std::time_t t = static_cast<std::time_t>(epoch);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

int run_routes(const Invocation& inv) {
    std::vector<std::string> args{inv.arguments.front(), "--routes"};
    args.insert(args.end(), inv.arguments.begin() + 1, inv.arguments.end());
    std::vector<char*> argv;
    for (auto& a : args) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    std::fflush(stdout);
    pid_t child = fork();
    if (child < 0) {
        std::fprintf(stderr, "simpleauth: cannot start %s: %s\n", args.front().c_str(), std::strerror(errno));
        return exit_no;
    }
    if (child == 0) {
        execvp(argv.front(), argv.data());
        std::fprintf(stderr, "simpleauth: cannot run %s: %s\n", args.front().c_str(), std::strerror(errno));
        _exit(127);
    }
    int status = 0;
    while (waitpid(child, &status, 0) < 0) {
        if (errno != EINTR) {
            return exit_no;
        }
    }
    if (WIFEXITED(status)) {
        int code = WEXITSTATUS(status);
        if (code != 0) {
            std::fprintf(stderr, "simpleauth: %s --routes exited with status %d\n", args.front().c_str(), code);
        }
        return code;
    }
    std::fprintf(stderr, "simpleauth: %s --routes was killed by signal %d\n", args.front().c_str(), WTERMSIG(status));
    return exit_no;
}

int run(const Invocation& inv) {
    std::string_view name = inv.command->name;
    if (name == "routes") {
        return run_routes(inv);
    }
    sa::App app{"simpleauth"};
    bool tokens = name == "create-token" || name == "check-token";
    configure(app, inv, tokens);
    if (name == "hash-password") {
        std::string password = read_password("Password: ");
        if (isatty(STDIN_FILENO) != 0 && read_password("Again: ") != password) {
            std::fputs("simpleauth: the passwords differ\n", stderr);
            return exit_no;
        }
        try {
            std::printf("%s\n", app.hash_password(password).c_str());
        } catch (const sa::ErrorResponse& e) {  // the quality rules
            std::fprintf(stderr, "simpleauth: %s\n", e.what());
            return exit_no;
        }
        return exit_ok;
    }
    if (name == "check-password") {
        std::string password = read_password("Password: ");
        bool match = app.check_password(password, inv.arguments.front());
        std::printf("%s\n", match ? "match" : "no match");
        return match ? exit_ok : exit_no;
    }
    if (name == "create-token") {
        sa::TokenOptions options;
        if (auto delay = inv.options.find("--delay"); delay != inv.options.end()) {
            double minutes = 0;
            const std::string& text = delay->second;
            auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), minutes);
            if (ec != std::errc{} || ptr != text.data() + text.size() || !std::isfinite(minutes) || minutes <= 0) {
                throw UsageError("--delay expects a positive number of minutes, got \"" + text + "\"");
            }
            options.delay = minutes;
        }
        std::printf("%s\n", app.create_token(inv.arguments.front(), options).c_str());
        return exit_ok;
    }
    // check-token
    auto result = app.check_token(inv.arguments.front());
    if (!result) {
        std::fputs("simpleauth: invalid or expired token\n", stderr);
        return exit_no;
    }
    std::printf("user: %s\nexpires: %s\n", result->first.c_str(), iso_time(result->second).c_str());
    return exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 2 && (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0)) {
        print_usage(stdout);
        return exit_ok;
    }
    if (argc == 2 && std::strcmp(argv[1], "--version") == 0) {
        std::printf("simpleauth %s\n", sa::version);
        return exit_ok;
    }
    if (argc >= 2 && std::strcmp(argv[1], "help") == 0) {
        if (argc == 2) {
            print_usage(stdout);
            return exit_ok;
        }
        const Command* c = find_command(argv[2]);
        if (c == nullptr || argc > 3) {
            std::fprintf(stderr, "simpleauth: help: unknown subcommand \"%s\"\n", argv[2]);
            return exit_usage;
        }
        std::printf("usage: simpleauth %s\n\n%s", c->synopsis, c->help);
        return exit_ok;
    }
    try {
        return run(parse(argc, argv));
    } catch (const UsageError& e) {
        std::fprintf(stderr, "simpleauth: %s\n", e.what());
        if (argc < 2) {
            print_usage(stderr);
        }
        return exit_usage;
    } catch (const sa::ConfigError& e) {
        std::fprintf(stderr, "simpleauth: configuration: %s\n", e.what());
        return exit_usage;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "simpleauth: %s\n", e.what());
        return exit_no;
    }
}
