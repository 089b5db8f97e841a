# mockgate: two commands.
#
#   make play   build the playground (wasm + page) and serve it on
#               http://127.0.0.1:8080 (PORT=NNNN make play for another port)
#   make test   every test: Rust, the wasm module, the page's unit tests,
#               the page in headless Chromium
#   make npm    the npm package `mockgate` (the wasm module for Node, for
#               Jest/Vitest suites) in target/npm/mockgate
#   make bench  mockgate (native, and the wasm module under Node) beside
#               velocityjs (Node) and airspeed-ext (Python, LocalStack's engine)
#               on /work/shared/bench: a table of rates and
#               ratios (docs/performance.md). Not a test.
#
# Both install what is missing first (the wasm32 target, wasm-bindgen-cli,
# the page's npm packages, Chromium for `make test`) and rebuild only what
# changed: the wasm module when a crate it is built from changed, the page
# when web/ changed.
#
# The module is built by wasm-pack (cargo build + wasm-bindgen). wasm-pack
# cannot download wasm-bindgen or wasm-opt here (only package registries are
# reachable), so `rust-tools` first installs wasm-bindgen-cli at the version
# in Cargo.lock, which wasm-pack then finds on PATH, and wasm-opt is switched
# off for wasm-pack (crates/wasm/Cargo.toml) and run from the npm package
# `binaryen` instead.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules

PORT ?= 8080
export PORT

CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
export PATH := $(CARGO_BIN):$(PATH)
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)

# wasm-bindgen's CLI must be exactly the version of the wasm-bindgen crate
# in Cargo.lock, or it refuses the module.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)

# The features rustc enables by default for wasm32-unknown-unknown; wasm-opt
# must be allowed the same ones or it rejects the module.
WASM_FEATURES := --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-multivalue \
  --enable-reference-types

# Every crate, not only those the module is built from: cargo decides what
# is stale, and an unchanged module is not bound or optimised again.
WASM_CRATES := crates
WASM_SOURCES := Cargo.toml Cargo.lock $(shell find $(WASM_CRATES) -type f \( -name '*.rs' -o -name Cargo.toml \))
WASM_RAW := $(TARGET_DIR)/wasm32-unknown-unknown/wasm-release/mockgate_wasm.wasm
WASM := web/pkg/mockgate_wasm_bg.wasm

WEB_SOURCES := web/build.mjs $(wildcard web/*.html) $(shell find web/src web/public -type f 2>/dev/null)
NODE_MODULES := web/node_modules/.installed
DIST := web/dist/.built

NPM_DIR := $(TARGET_DIR)/npm/mockgate
NPM := $(NPM_DIR)/package.json

.PHONY: help play test bench wasm web npm screenshot rust-tools chromium clean fuzz

help:
	@echo "make play   build the playground and serve it on http://127.0.0.1:$(PORT)/"
	@echo "make test   run every test (Rust, wasm, page unit tests, browser)"
	@echo "make npm    build the npm package mockgate into $(NPM_DIR)"
	@echo "make fuzz   fuzz the parser, the renderer and evaluate (FUZZ_SECONDS=60 each)"
	@echo "make bench  mockgate native and wasm beside velocityjs and airspeed-ext (rates, ratios)"

play: $(DIST)
	@node web/scripts/serve.mjs web/dist

wasm: $(WASM)
web: $(DIST)

# docs/screenshot.png, the README's picture of the running playground.
screenshot: $(DIST) | chromium
	node web/scripts/screenshot.mjs docs/screenshot.png

# ---------------------------------------------------------------- tools

rust-tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (once per machine, a few minutes)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --locked \
	    || { echo "retrying without --locked (a crate in its lock file is not in this registry)"; \
	         cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); }; \
	fi
	@command -v wasm-pack > /dev/null \
	  || { echo "installing wasm-pack (once per machine, about 2 minutes)"; cargo install wasm-pack; }

# `npm ci` only when node_modules is missing or older than the lock file.
$(NODE_MODULES): web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	touch $@

chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "installing Debian's chromium (the browser tests drive /usr/bin/chromium)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update && $$SUDO apt-get install -y chromium; \
	fi

# ---------------------------------------------------------------- build

# Release build with the workspace's size profile (see crates/wasm/Cargo.toml).
# cargo leaves the module untouched when nothing it depends on changed, so a
# checkout that only touched mtimes stops here.
$(WASM_RAW): $(WASM_SOURCES) | rust-tools
	cargo build -p mockgate-wasm --target wasm32-unknown-unknown --profile wasm-release

# wasm-pack for `<script type="module">` and workers (its cargo build is a
# no-op after the rule above), then wasm-opt from npm.
$(WASM): $(WASM_RAW) | $(NODE_MODULES)
	wasm-pack --quiet build crates/wasm --target web --out-dir ../../web/pkg \
	  --out-name mockgate_wasm --profile wasm-release --no-pack
	web/node_modules/.bin/wasm-opt -Oz $(WASM_FEATURES) $@ -o $@
	@echo "wasm module: $$(wc -c < $@) bytes, $$(gzip -9 -c $@ | wc -c) gzipped"

$(DIST): $(WASM) $(WEB_SOURCES) $(NODE_MODULES)
	node web/build.mjs
	touch $@

# The npm package `mockgate`: the same module built by wasm-pack for Node
# (--target nodejs: CommonJS, the .wasm read from disk), wasm-opt from npm,
# then package.json and README.md from npm/.
npm: $(NPM)

$(NPM): $(WASM_RAW) npm/package.mjs npm/README.md | rust-tools $(NODE_MODULES)
	wasm-pack --quiet build crates/wasm --target nodejs --out-dir $(abspath $(NPM_DIR)) \
	  --out-name mockgate --profile wasm-release --no-pack
	web/node_modules/.bin/wasm-opt -Oz $(WASM_FEATURES) $(NPM_DIR)/mockgate_bg.wasm -o $(NPM_DIR)/mockgate_bg.wasm
	node npm/package.mjs $(NPM_DIR)

# ---------------------------------------------------------------- test

# Every runner runs even when an earlier one failed; each prints its own
# summary, and the exit status says whether all passed. The page is built
# before the node tests, which also run the built module (web/pkg).
test: rust-tools $(NODE_MODULES) chromium
	@failed=(); \
	step() { local name=$$1; shift; echo; echo "==== $$name: $$*"; \
	  if "$$@"; then return 0; else failed+=("$$name"); return 1; fi; }; \
	step "rust" cargo test --workspace --no-fail-fast || true; \
	step "wasm" env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  cargo test -p mockgate-wasm --target wasm32-unknown-unknown || true; \
	if step "npm-build" $(MAKE) --no-print-directory npm; then \
	  step "npm" node --test tests/npm/ || true; \
	else echo; echo "==== npm: not run, the package did not build"; fi; \
	if step "build" $(MAKE) --no-print-directory web; then built=1; else built=; fi; \
	if compgen -G 'web/test/*.test.*' > /dev/null; then \
	  step "node" node --test web/test/ || true; \
	else echo; echo "==== node: no tests in web/test/"; fi; \
	if [ -n "$$built" ]; then \
	  step "size" node --test tests/size/ || true; \
	  step "browser" node --test --test-concurrency=1 tests/browser/ || true; \
	else echo; echo "==== size, browser: not run, the page did not build"; fi; \
	echo; \
	if [ $${#failed[@]} -gt 0 ]; then echo "make test: FAILED: $${failed[*]}"; exit 1; fi; \
	echo "make test: all passed"

# A short fuzzing round: each target of fuzz/ for FUZZ_SECONDS (60 s),
# concurrently. Findings land in fuzz/artifacts/; see fuzz/README.md.
FUZZ_SECONDS ?= 60
fuzz:
	@command -v cargo-fuzz > /dev/null || cargo install cargo-fuzz --locked
	fuzz/run.sh $(FUZZ_SECONDS)

# ---------------------------------------------------------------- bench

# The peers are bench/'s own npm packages, so the playground's stay small.
BENCH_NODE_MODULES := bench/node_modules/.installed

$(BENCH_NODE_MODULES): bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund
	touch $@

# The Python peer, airspeed-ext (LocalStack's Velocity engine), in a venv of
# its own from PyPI, at the version measured in docs/performance.md. A
# machine without Python's venv module gets a note and a table without it.
BENCH_VENV := bench/.venv/.installed
AIRSPEED_VERSION := 0.6.9

$(BENCH_VENV):
	@python3 -m venv bench/.venv && bench/.venv/bin/pip install --quiet airspeed-ext==$(AIRSPEED_VERSION) \
	  && touch $@ \
	  || echo "note: could not install airspeed-ext $(AIRSPEED_VERSION) into bench/.venv; it is left out"

# One run, every engine: ratios are only meaningful within a run on this
# shared machine. MOCKGATE_BENCH_SECS=N for longer figures.
bench: $(DIST) $(BENCH_NODE_MODULES) $(BENCH_VENV) | chromium
	node bench/run.mjs
	node bench/browser.mjs

clean:
	rm -rf web/dist web/pkg
