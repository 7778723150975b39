# Baton — build, run and test on Debian 12.
#
#   make run     install what is missing, build, open the example saga
#   make test    vet, race-test model/ and runner/, test the rest under Xvfb
#
# Every target that compiles first runs `deps`, which is silent and fast when
# everything is already installed.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

GO       ?= go
FUZZTIME ?= 60s
EXAMPLE  ?= testdata/examples/order-saga.asl.json

# Debian packages: C toolchain and X/Wayland headers for Fyne's GL driver,
# a virtual display and screenshot tools for window tests, the AWS CLI.
APT_PKGS := gcc pkg-config libgl1-mesa-dev libxcursor-dev libxrandr-dev \
	libxinerama-dev libxi-dev libxxf86vm-dev libwayland-dev libxkbcommon-dev \
	xvfb xauth xdotool x11-apps imagemagick awscli

SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

# One virtual display for a whole `go test` run, so any test may open a
# real window. Depth 24: at lower depths GLX is missing.
XVFB := xvfb-run -a -s "-screen 0 1280x800x24"

# Tests get a fixed locale (Fyne complains about C.UTF-8) and a throwaway
# config folder, so preferences of the person running them never leak in.
TEST_ENV := tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	export LANG=en_US.UTF-8 XDG_CONFIG_HOME="$$tmp";

# model and runner have no Fyne in them, so their race build stays cheap.
RACE_PKGS := ./model/... ./runner/...
OTHER_PKGS = $$($(GO) list ./... | { grep -v -E "^$$($(GO) list -m)/(model|runner)(/|$$)" || true; })

FYNE_TOOL := fyne.io/tools/cmd/fyne@v1.7.0

.PHONY: deps build run test bench fuzz package clean

deps:
	@if ! dpkg -s $(APT_PKGS) >/dev/null 2>&1; then \
		missing=""; \
		for p in $(APT_PKGS); do dpkg -s "$$p" >/dev/null 2>&1 || missing="$$missing $$p"; done; \
		echo "deps: installing$$missing"; \
		log=$$(mktemp); \
		if ! { $(SUDO) apt-get update -q && \
			$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
				--no-install-recommends $$missing; } >"$$log" 2>&1; then \
			cat "$$log" >&2; rm -f "$$log"; echo "deps: apt-get failed" >&2; exit 1; \
		fi; \
		rm -f "$$log"; \
	fi
	@$(GO) mod download

# bin/baton is the command line alone (-tags headless), so that its
# subcommands do not load the app; it opens the app by running
# bin/baton-app, the full build, from beside it (see main.go).
build: deps
	$(GO) build -o bin/baton-app .
	$(GO) build -tags headless -o bin/baton .

run: build
	LANG="$${LANG:-en_US.UTF-8}" ./bin/baton $(EXAMPLE)

test: deps
	@$(TEST_ENV) \
	set -x; \
	$(GO) vet ./...; \
	$(GO) vet -tags headless .; \
	$(GO) test -race $(RACE_PKGS); \
	pkgs="$(OTHER_PKGS)"; \
	if [ -n "$$pkgs" ]; then $(XVFB) $(GO) test $$pkgs; fi

bench: deps
	@$(TEST_ENV) \
	set -x; \
	$(XVFB) $(GO) test -run '^$$' -bench . -benchmem ./...

# Runs every fuzz target for FUZZTIME (go test fuzzes one target at a time).
fuzz: deps
	@$(TEST_ENV) \
	targets=$$($(XVFB) $(GO) test -list '^Fuzz' ./... | \
		awk '/^Fuzz/ { f[n++] = $$1; next } /^ok/ { for (i = 0; i < n; i++) print $$2, f[i]; n = 0 }'); \
	if [ -z "$$targets" ]; then echo "fuzz: no fuzz targets found"; exit 0; fi; \
	while read -r pkg name; do \
		echo "fuzz: $$pkg $$name for $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) "$$pkg" </dev/null; \
	done <<< "$$targets"

# Packages with the fyne CLI pinned by go.mod's tool directive; the
# module proxy refuses `go install fyne.io/tools/cmd/fyne@version`.
package: deps
	@if ! grep -q '^tool fyne.io/tools/cmd/fyne$$' go.mod; then \
		$(GO) get -tool $(FYNE_TOOL) || { \
			echo "package: $(FYNE_TOOL) is not reachable from the Go module proxy;" \
				"packaging needs it (see README, Packaging)" >&2; exit 1; }; \
	fi
	@# -release bumps Build in FyneApp.toml; the version is set by hand here.
	@meta=$$(mktemp); cp FyneApp.toml "$$meta"; trap 'cp "$$meta" FyneApp.toml; rm -f "$$meta"' EXIT; \
	set -x; $(GO) tool fyne package -os linux -release

clean:
	rm -rf bin/ Baton.tar.xz
	find . -path '*/testdata/failed' -type d -prune -exec rm -rf {} +
