# Two commands from a fresh clone: `make demo` and `make test`. Both build .venv themselves.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEMO_DIR ?= demo-workspace
DEMO_PORT ?= 8866
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: env demo test chromium clean bench

env: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	# deduce builds its lookup caches once per install; do it now, not at a member's first save
	$(PY) -m leerkring.privacy.warmup
	touch $(STAMP)

chromium:
	@command -v $(CHROMIUM) >/dev/null 2>&1 || { \
	  echo "installing Debian chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: env chromium
	$(PY) -m pytest $(PYTEST_ARGS)

demo: env
	$(PY) -m leerkring demo $(DEMO_DIR) --force
	$(PY) -m leerkring --workspace $(DEMO_DIR) summarize --all
	$(PY) -m leerkring --workspace $(DEMO_DIR) dashboard --port $(DEMO_PORT)

bench: env chromium
	for b in benchmarks/bench_*.py; do $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) $(DEMO_DIR) build *.egg-info
