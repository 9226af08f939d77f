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

.PHONY: run test test-fast check install install-dev index serve run-deps system-deps eval bench clean widget

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall only when the dependency lists change. constraints.txt pins every
# package (torch 2.13.0 is the CPU build on local disk; other versions download GBs).
# Two stamps: running needs the product only; the tests add the dev extra.
$(VENV)/.installed-run: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed-run
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

install: $(VENV)/.installed-run
install-dev: $(VENV)/.installed-dev

index: install run-deps
	$(BIN)/clauses ingest

serve: install
	$(BIN)/clauses serve --host $(HOST) --port $(PORT)

run: index serve

# Debian packages, installed with apt-get when missing (as root; otherwise the command is shown).
# Running needs Tesseract with its French data (scanned PDFs, read page by page by assistant/ocr.py).
# The tests add chromium (Playwright cannot download a browser here) and postgresql (a throwaway
# PostgreSQL cluster, no server left running).
RUN_PACKAGES  := tesseract-ocr tesseract-ocr-fra
TEST_PACKAGES := $(RUN_PACKAGES) chromium postgresql
define apt_install
	@missing=""; for pkg in $(1); do \
	  dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Paquets Debian manquants, installez-les : sudo apt-get install$$missing" >&2; exit 1; fi; \
	fi
endef

run-deps:
	$(call apt_install,$(RUN_PACKAGES))

system-deps:
	$(call apt_install,$(TEST_PACKAGES))

# Lint, format, types and layers (the import contracts are in pyproject.toml).
check: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy assistant api
	$(BIN)/lint-imports

# Unit tier only: pure logic, seconds.
test-fast: install-dev
	$(BIN)/python -m pytest -q -n $(JOBS) tests/unit

# Every tier: unit, integration and API in parallel, then the browser and load tiers
# (each drives its own server and chromium) one test at a time; the 20 slowest are listed.
test: check system-deps
	$(BIN)/python -m pytest -n $(JOBS) --durations=20 --ignore=tests/browser --ignore=tests/load
	$(BIN)/python -m pytest --durations=20 tests/browser tests/load

# The served api/static/widget.js is built from api/static/src/widget/ (pure Python, no npm).
widget:
	$(PYTHON) scripts/build_widget.py

eval: install
	$(BIN)/clauses eval

bench: install-dev
	$(BIN)/python -m eval.bench

clean:
	rm -rf $(VENV) data test-artifacts .pytest_cache
