// Token verification, what a token route pays on a cache miss: JWT HS256 and upstream's fsa token.

#include <benchmark/benchmark.h>

#include <ctime>

#include "tokens/fsa_token.hpp"
#include "tokens/jwt.hpp"

namespace sd = simpleauth::detail;

namespace {

constexpr const char* secret = "benchmark secret, not for production use, 0123456789";

void jwt_hs256_verify(benchmark::State& state) {
    sd::JwtSettings settings;
    settings.secret = secret;
    sd::jwt_load_keys(settings);
    std::int64_t now = std::time(nullptr);
    std::string token = sd::jwt_create(settings, "bench", "bench", now + 3600);
    for (auto _ : state) {
        auto claims = sd::jwt_verify(settings, token, "bench", std::nullopt, now);
        benchmark::DoNotOptimize(claims);
    }
}
BENCHMARK(jwt_hs256_verify);

void fsa_token_verify(benchmark::State& state) {
    sd::FsaTokenSettings settings;
    settings.secret = secret;
    std::int64_t now = std::time(nullptr);
    std::string token = sd::fsa_token_create(settings, "bench", "bench", now + 3600);
    for (auto _ : state) {
        auto claims = sd::fsa_token_verify(settings, token, "bench", now);
        benchmark::DoNotOptimize(claims);
    }
}
BENCHMARK(fsa_token_verify);

}  // namespace
