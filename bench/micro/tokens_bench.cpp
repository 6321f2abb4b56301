// Token verification, what a token route pays on a cache miss: JWT with every key family (HS256, RS256,
// PS256, ES256, EdDSA; the test keys of tests/unit/testdata/jwt_keys) and upstream's fsa token.

#include <benchmark/benchmark.h>

#include <ctime>
#include <fstream>
#include <sstream>
#include <string>

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

std::string pem(const std::string& name) {
    std::ifstream in(std::string(SIMPLEAUTH_TESTDATA) + "/jwt_keys/" + name);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// a public-key algorithm: the token signed with the private key, verified with the public one
void jwt_public_key_verify(benchmark::State& state, const char* algorithm, const char* key) {
    sd::JwtSettings settings;
    settings.algorithm = algorithm;
    settings.secret = pem(std::string(key) + "_public.pem");
    settings.signing_key = pem(std::string(key) + "_private.pem");
    sd::jwt_load_keys(settings);
    std::int64_t now = std::time(nullptr);
    std::string token = sd::jwt_create(settings, "bench", "bench", now + 3600);
    for (auto _ : state) {
        auto claims = sd::jwt_verify(settings, token, "bench", std::nullopt, now);
        if (!std::holds_alternative<sd::JwtClaims>(claims)) {
            state.SkipWithError("the token did not verify");
            break;
        }
        benchmark::DoNotOptimize(claims);
    }
}
BENCHMARK_CAPTURE(jwt_public_key_verify, rs256, "RS256", "rsa2048");
BENCHMARK_CAPTURE(jwt_public_key_verify, ps256, "PS256", "rsa2048");
BENCHMARK_CAPTURE(jwt_public_key_verify, es256, "ES256", "p256");
BENCHMARK_CAPTURE(jwt_public_key_verify, eddsa, "EdDSA", "ed25519");

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
