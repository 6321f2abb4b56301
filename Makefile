# The two commands of a fresh machine: `make demo` and `make test`. Both install what they need.
BUILD ?= build
ASAN_BUILD ?= build-asan
JOBS ?= $(shell nproc)
ACME_DEMO_SECRET ?= acme development secret, not for production use
PORT ?= 5000

.PHONY: all deps configure build test unit-asan fuzz demo bench clean

all: build

deps:
	scripts/install-deps

# the benchmarks are built too: make test runs their harness for a second per figure (bench_harness)
configure: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSIMPLEAUTH_WERROR=ON -DSIMPLEAUTH_BENCH=ON

build: configure
	cmake --build $(BUILD) -j$(JOBS)

# every test: unit, compile-fail, black-box HTTP; then the unit tests again under ASan+UBSan
test: build unit-asan fuzz
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

unit-asan: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DSIMPLEAUTH_SANITIZE=ON -DSIMPLEAUTH_WERROR=ON \
	      -DSIMPLEAUTH_EXAMPLES=OFF
	cmake --build $(ASAN_BUILD) -j$(JOBS) --target test_crypto test_core test_cache test_server
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    ctest --output-on-failure -j$(JOBS) -L unit

# every libFuzzer target for 10 s (clang, ASan+UBSan, build-fuzz); tests/fuzz/run.sh 600 for a long run
fuzz: deps
	tests/fuzz/run.sh 10

demo: build
	@mkdir -p $(BUILD)/acme-demo
	@echo
	@echo "acme: http://127.0.0.1:$(PORT) (Ctrl-C stops it). Try, from another terminal:"
	@sed -n '/<!-- demo-curl -->/,/<!-- \/demo-curl -->/p' README.md | grep '^curl\|^TOKEN' | sed 's/5000/$(PORT)/'
	@echo
	cd $(BUILD)/acme-demo && ACME_SECRET="$(ACME_DEMO_SECRET)" ACME_CONFIG=$(CURDIR)/examples/acme/acme.toml \
	    ../examples/acme/acme --port $(PORT)

# the throughput, memory and micro-benchmarks of bench/ (a few minutes); the table goes to bench/README.md
bench: configure
	cmake --build $(BUILD) -j$(JOBS) --target acme bench_server bare_mhd idle_connections micro_bench
	bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
