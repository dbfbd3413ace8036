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

# The main job: the example shop's journeys and campaigns dry-run on 60 days
# of generated shop traffic (the older history before it only builds the
# contacts' past) and on the real online-retail invoices.
DEMO_DIR := $(BUILD_DIR)/demo
DATA ?= ../shared/data
RETAIL_CSV := $(DATA)/online-retail/OnlineRetail.csv
demo: build
	$(KAIROS) check --summary examples/shop
	mkdir -p $(DEMO_DIR)
	node scripts/generate-shop-events.mjs > $(DEMO_DIR)/shop-events.jsonl
	@echo "== examples/shop on 60 days of generated traffic ($(DEMO_DIR)/shop-events.jsonl)"
	$(KAIROS) simulate examples/shop --events $(DEMO_DIR)/shop-events.jsonl --from 2026-10-16T00:00:00Z \
	  > $(DEMO_DIR)/shop-actions.txt
	@sed -n '/^$$/,$$p' $(DEMO_DIR)/shop-actions.txt
	@echo "(every action: $(DEMO_DIR)/shop-actions.txt)"
	$(KAIROS) import csv $(RETAIL_CSV) --mapping examples/shop/online_retail.mapping \
	  -o $(DEMO_DIR)/retail-shop-events.jsonl
	@echo "== examples/shop on the real online-retail invoices ($(DEMO_DIR)/retail-shop-events.jsonl)"
	$(KAIROS) simulate examples/shop --events $(DEMO_DIR)/retail-shop-events.jsonl > $(DEMO_DIR)/retail-shop-actions.txt
	@sed -n '/^$$/,$$p' $(DEMO_DIR)/retail-shop-actions.txt
	@echo "(every action: $(DEMO_DIR)/retail-shop-actions.txt)"

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
	./bench/run_runtime.sh $(BUILD_DIR)
	./bench/run_dry_run.sh $(BUILD_DIR)

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
