// Password verification, for scale: what a basic-authenticated request costs on every call (upstream
// never caches password checks), against the microseconds of a token route.

#include <benchmark/benchmark.h>

#include "auth/password_verdicts.hpp"
#include "passwords/passwords.hpp"

namespace sd = simpleauth::detail;

namespace {

// arguments: the scheme's cost option (bcrypt rounds; argon2 time cost with upstream's-era memory)
void verify(benchmark::State& state, const char* scheme, sd::PasswordOptions options) {
    auto hasher = sd::make_password_scheme(scheme, options);
    std::string hash = hasher->hash("bench-password");
    for (auto _ : state) {
        benchmark::DoNotOptimize(hasher->verify("bench-password", hash));
    }
}

void bcrypt_verify(benchmark::State& state) {
    verify(state, "bcrypt", {{"rounds", std::to_string(state.range(0))}});
}
// 4: upstream's default cost; 10: the acme example; 12: this project's default
BENCHMARK(bcrypt_verify)->Arg(4)->Arg(10)->Arg(12)->Unit(benchmark::kMillisecond);

void argon2id_verify(benchmark::State& state) {
    verify(state, "argon2", {});  // this project's defaults: m=19 MiB, t=2
}
BENCHMARK(argon2id_verify)->Unit(benchmark::kMillisecond);

// FSA_PASSWORD_CACHE_TTL: what a remembered basic check costs instead (the digest, then the lookup)
void password_verdict_hit(benchmark::State& state) {
    sd::PasswordVerdicts verdicts(std::chrono::seconds(600), 1024);
    const std::string hash = "$2b$04$abcdefghijklmnopqrstuuJ8bGk4W3uYcqQHbE3vZpkS2wHnW9a2W";
    verdicts.remember(verdicts.digest("bench", "bench-password", hash), "bench");
    for (auto _ : state) {
        benchmark::DoNotOptimize(verdicts.holds(verdicts.digest("bench", "bench-password", hash)));
    }
}
BENCHMARK(password_verdict_hit);

}  // namespace
