# Two commands from a fresh clone: `make demo` and `make test`. Both build .venv themselves.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEMO_DIR ?= demo-workspace
DEMO_PORT ?= 8866
CHROMIUM ?= /usr/bin/chromium
# JupyterHub's proxy (npm's configurable-http-proxy) for the hub tests and benchmark, inside .venv
PROXY_DIR := $(VENV)/node
PROXY := $(PROXY_DIR)/node_modules/.bin/configurable-http-proxy
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: env demo hub test test-fast lint chromium proxy clean bench bytecode

env: $(STAMP) bytecode

# The package is installed editable, so nothing byte-compiles it; with PYTHONDONTWRITEBYTECODE set (as on
# CI machines) every CLI call and every notebook kernel would compile it from source again (~50 ms).
bytecode: $(STAMP)
	@$(PY) -m compileall -q leerkring

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	# the member's way in (leerkring.labext): a wheel installs this file itself, an editable install does not
	install -D -m 644 jupyter-config/jupyter_server_config.d/leerkring.json $(VENV)/etc/jupyter/jupyter_server_config.d/leerkring.json
	# deduce builds its lookup caches once per install; do it now, not at a member's first save
	$(PY) -m leerkring.privacy.warmup
	touch $(STAMP)

chromium:
	@command -v $(CHROMIUM) >/dev/null 2>&1 || { \
	  echo "installing Debian chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# configurable-http-proxy from the npm registry, once (about 3 s); npm itself from Debian when missing
proxy: $(PROXY)

$(PROXY):
	@command -v npm >/dev/null 2>&1 || { \
	  echo "installing Debian npm for JupyterHub's proxy"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }
	npm install --prefix $(PROXY_DIR) --no-audit --no-fund --loglevel=error configurable-http-proxy@4

# ruff (lint and format) and the import-linter layer contracts: part of `make test`, so CI enforces them
lint: env
	$(VENV)/bin/ruff check --quiet .
	$(VENV)/bin/ruff format --check --quiet .
	$(VENV)/bin/lint-imports --no-cache > /dev/null || $(VENV)/bin/lint-imports --no-cache

# The suite on TEST_WORKERS processes (pytest-xdist): most tests wait on kernels, servers and hubs, so more
# processes than cores pay off. Tests that share a module or hub fixture stay on one worker (tests/_parallel.py).
# PYTEST_ARGS is added last: PYTEST_ARGS="-n 0" runs serially, PYTEST_ARGS="-n 2" with two workers.
TEST_WORKERS ?= 3
test: env chromium proxy lint
	PATH="$(CURDIR)/$(PROXY_DIR)/node_modules/.bin:$$PATH" $(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

# The inner loop: every test that starts no kernel, server or process (tests/conftest.py marks those slow).
test-fast: env
	$(PY) -m pytest -m "not slow" $(PYTEST_ARGS)

DEMO_PERIODS ?= alles 2026Q2 2026Q3 2026Q4

demo: env
	$(PY) -m leerkring demo $(DEMO_DIR) --force
	for period in $(DEMO_PERIODS); do \
	  $(PY) -m leerkring --workspace $(DEMO_DIR) summarize --all --period $$period || exit 1; done
	$(PY) -m leerkring --workspace $(DEMO_DIR) dashboard --port $(DEMO_PORT)

# A demo JupyterHub on 127.0.0.1:8000 over the demo workspace (built when missing); Ctrl-C stops it all
HUB_PORT ?= 8000
hub: env proxy
	$(PY) -m leerkring.cli.hubdemo --workspace $(DEMO_DIR) --port $(HUB_PORT)

bench: env chromium proxy
	for b in benchmarks/bench_*.py; do $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) $(DEMO_DIR) build *.egg-info
