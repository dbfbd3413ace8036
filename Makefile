# Set-up and everyday commands. `make demo` and `make test` install what is
# missing (Debian packages, through scripts/install-deps.sh), build, and run.
PRESET ?= release
BUILD_DIR := build/$(PRESET)
KAIROS := $(BUILD_DIR)/cli/kairos

.PHONY: all deps build demo test test-cpp test-editor bench fuzz clean

all: build

deps:
	./scripts/install-deps.sh

build: deps
	cmake --preset $(PRESET)
	cmake --build --preset $(PRESET)

demo: build
	$(KAIROS) check --summary examples/shop

test: build test-cpp test-editor

test-cpp:
	ctest --preset $(PRESET)

test-editor:
	KAIROS=$(abspath $(KAIROS)) ./scripts/test-editor.sh

bench: build
	./scripts/install-deps.sh --bench
	$(BUILD_DIR)/bench/kairos_bench_frontend
	cd editor-support/vscode && npm ci --no-audit --no-fund --loglevel=error
	node bench/lsp_latency.mjs $(KAIROS)
	./bench/run_engine.sh $(BUILD_DIR)

# The differential test's libFuzzer target (tests/differential/README.md):
# clang with ASan and UBSan, installed on demand; not part of `make test`.
FUZZ_SECONDS ?= 600
fuzz:
	./scripts/install-deps.sh --fuzz
	cmake --preset fuzz
	cmake --build --preset fuzz
	mkdir -p build/fuzz/corpus
	build/fuzz/tests/differential/kairos_fuzz_tiers build/fuzz/corpus -max_total_time=$(FUZZ_SECONDS) \
	  -max_len=4096 -artifact_prefix=build/fuzz/

clean:
	rm -rf build
