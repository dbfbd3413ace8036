# Set-up and everyday commands. `make demo` and `make test` install what is
# missing (Debian packages, through scripts/install-deps.sh), build, and run.
PRESET ?= release
BUILD_DIR := build/$(PRESET)
KAIROS := $(BUILD_DIR)/cli/kairos

.PHONY: all deps build demo test test-cpp test-editor bench clean

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
	$(BUILD_DIR)/bench/kairos_bench_frontend
	cd editor-support/vscode && npm ci --no-audit --no-fund --loglevel=error
	node bench/lsp_latency.mjs $(KAIROS)

clean:
	rm -rf build
