// Parameter conversion: an integer with upstream's rules, a double, and a structure from a JSON object.

#include <benchmark/benchmark.h>

#include <simpleauth/simpleauth.hpp>

namespace sa = simpleauth;

namespace bench_model {
struct Item {
    int id = 0;
    std::string name;
    std::vector<int> sizes;
};
}  // namespace bench_model

SIMPLEAUTH_STRUCT(bench_model::Item, id, name, sizes);

namespace {

void cast_int(benchmark::State& state) {
    sa::RawValue value{sa::RawValue::Kind::text, "123456"};
    for (auto _ : state) {
        benchmark::DoNotOptimize(sa::cast<int>::from(value));
    }
}
BENCHMARK(cast_int);

void cast_double(benchmark::State& state) {
    sa::RawValue value{sa::RawValue::Kind::text, "3.25"};
    for (auto _ : state) {
        benchmark::DoNotOptimize(sa::cast<double>::from(value));
    }
}
BENCHMARK(cast_double);

void cast_struct_from_json(benchmark::State& state) {
    sa::RawValue value{sa::RawValue::Kind::json_object, R"({"id": 17, "name": "pear", "sizes": [1, 2, 3]})"};
    for (auto _ : state) {
        benchmark::DoNotOptimize(sa::cast<bench_model::Item>::from(value));
    }
}
BENCHMARK(cast_struct_from_json);

}  // namespace
