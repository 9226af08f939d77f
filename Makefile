# Two commands on a fresh machine: `make run` (install, index, serve) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
# pytest-xdist workers for the parallel test tiers.
JOBS   ?= 2

# Nothing may reach a model hub: fail fast instead of retrying for a minute.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export HF_HUB_DISABLE_PROGRESS_BARS := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: run test test-fast check install index serve system-deps eval bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall only when the dependency lists change. constraints.txt pins every
# package (torch 2.13.0 is the CPU build on local disk; other versions download GBs).
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

install: $(VENV)/.installed

index: install
	$(BIN)/clauses ingest

serve: install
	$(BIN)/clauses serve --host $(HOST) --port $(PORT)

run: index serve

# Debian's chromium drives the browser tests (Playwright cannot download a browser here).
system-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Installez Debian chromium : sudo apt-get install chromium" >&2; exit 1; fi; \
	fi

# Lint, format, types and layers (the import contracts are in pyproject.toml).
check: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy assistant api
	$(BIN)/lint-imports

# Unit tier only: pure logic, seconds.
test-fast: install
	$(BIN)/python -m pytest -q -n $(JOBS) tests/unit

# Every tier: unit, integration and API in parallel, then the browser and load tiers
# (each drives its own server and chromium) one test at a time; the 20 slowest are listed.
test: check system-deps
	$(BIN)/python -m pytest -n $(JOBS) --durations=20 --ignore=tests/browser --ignore=tests/load
	$(BIN)/python -m pytest --durations=20 tests/browser tests/load

eval: install
	$(BIN)/clauses eval

bench: install
	$(BIN)/python -m eval.bench

clean:
	rm -rf $(VENV) data test-artifacts .pytest_cache
