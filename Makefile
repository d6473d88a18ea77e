# rampart: the two commands of the README.
#   make run    installs what is missing, builds, audits this machine
#   make test   installs what is missing, builds, runs every test
# Also: make build, make sanitize (tests under ASan+UBSan), make fuzz, make bench, make clean.

BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: all deps build run test sanitize fuzz bench clean

all: build

deps:
	@scripts/install-deps.sh build test

build: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# Exit status 1 means findings at or above --fail-on: the audit ran, so make
# reports success; 2 (usage or input error) fails.
run: build
	@$(BUILD)/rampart audit host; s=$$?; [ $$s -le 1 ]

test: build
	@ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

sanitize: deps
	@cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DRAMPART_SANITIZE=ON >/dev/null
	@cmake --build build-asan -j $(JOBS)
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		ctest --test-dir build-asan --output-on-failure -j $(JOBS)

fuzz:
	@scripts/install-deps.sh build fuzz
	@cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug -DRAMPART_FUZZ=ON >/dev/null
	@cmake --build build-fuzz -j $(JOBS)

bench:
	@bench/host_audit.sh

clean:
	rm -rf build build-asan build-fuzz build-bench
